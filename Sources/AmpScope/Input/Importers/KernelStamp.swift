/// The dmesg stamp `[    1.234567]` read straight from a line's bytes, accepting exactly what
/// `LogFormat.kernelStamp` accepts: it lets whole-line chunks keep the per-line bookkeeping
/// without an array per line.
enum KernelStamp {
    /// Nanoseconds, or nil when `line` does not start with a kernel stamp.
    static func nanoseconds(at line: UnsafeRawBufferPointer) -> Int64? {
        // The kernel's own `[%5lu.%06lu]` (the same value the loop below reads for it).
        if let microseconds = PrintkTime.canonicalMicroseconds(line) { return microseconds * 1_000 }
        return nanosecondsAnyLayout(at: line)
    }

    /// The general reader: any padding, up to ten digits of seconds.
    static func nanosecondsAnyLayout(at line: UnsafeRawBufferPointer) -> Int64? {
        let count = line.count
        guard count > 0, line[0] == UInt8(ascii: "[") else { return nil }
        var index = 1
        while index < count, line[index] == 0x20 { index += 1 }
        var whole: Int64 = 0
        let digitsStart = index
        while index < count, index - digitsStart < 10, line[index] &- 0x30 < 10 {
            whole = whole * 10 + Int64(line[index] - 0x30)
            index += 1
        }
        guard index > digitsStart, whole <= CivilDate.maximumSeconds, index < count, line[index] == UInt8(ascii: ".") else { return nil }
        index += 1
        var fraction: Int64 = 0
        for _ in 0..<6 {
            guard index < count, line[index] &- 0x30 < 10 else { return nil }
            fraction = fraction * 10 + Int64(line[index] - 0x30)
            index += 1
        }
        guard index < count, line[index] == UInt8(ascii: "]") else { return nil }
        return whole * 1_000_000_000 + fraction * 1_000
    }
}
