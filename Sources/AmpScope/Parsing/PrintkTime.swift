/// The kernel's printk time prefix `[%5lu.%06lu] `, read from raw bytes. Forum copies collapse
/// the padding (`[ 36.046358]`), so any number of spaces (including none) is accepted.
public enum PrintkTime {
    /// Microseconds since kernel start and the length of the prefix (with one following space),
    /// or nil when the line does not start with a printk time.
    @inlinable
    public static func parse(_ line: UnsafeRawBufferPointer) -> (microseconds: Int64, prefixLength: Int)? {
        if let canonical = canonicalMicroseconds(line) {
            return (canonical, line.count > 14 && line[14] == UInt8(ascii: " ") ? 15 : 14)
        }
        return parseAnyLayout(line)
    }

    /// The general reader: any padding, up to twelve digits of seconds.
    @inlinable
    static func parseAnyLayout(_ line: UnsafeRawBufferPointer) -> (microseconds: Int64, prefixLength: Int)? {
        let count = line.count
        guard count >= 10, line[0] == UInt8(ascii: "[") else { return nil }
        var index = 1
        while index < count, line[index] == UInt8(ascii: " ") { index += 1 }
        var seconds: Int64 = 0
        let digitsStart = index
        while index < count, line[index] &- UInt8(ascii: "0") < 10, index - digitsStart < 12 {
            seconds = seconds &* 10 &+ Int64(line[index] &- UInt8(ascii: "0"))
            index += 1
        }
        guard index > digitsStart, index + 8 <= count, line[index] == UInt8(ascii: ".") else { return nil }
        index += 1
        var fraction: Int64 = 0
        for _ in 0..<6 {
            let digit = line[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            fraction = fraction &* 10 &+ Int64(digit)
            index += 1
        }
        guard line[index] == UInt8(ascii: "]") else { return nil }
        index += 1
        if index < count, line[index] == UInt8(ascii: " ") { index += 1 }
        return (seconds &* 1_000_000 &+ fraction, index)
    }

    /// The kernel's own layout, `[%5lu.%06lu]` with seconds below 100000 (nearly every line):
    /// the bracket, point and closing bracket at fixed places, so one pass with no search. Any
    /// other shape (collapsed padding, more digits) is nil here and read by the general loop,
    /// which gives the same value for this shape.
    @inlinable
    public static func canonicalMicroseconds(_ line: UnsafeRawBufferPointer) -> Int64? {
        guard line.count >= 14, line[0] == UInt8(ascii: "["), line[6] == UInt8(ascii: "."), line[13] == UInt8(ascii: "]") else { return nil }
        var index = 1
        while index < 5, line[index] == UInt8(ascii: " ") { index += 1 }
        var seconds: Int64 = 0
        while index < 6 {
            let digit = line[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            seconds = seconds &* 10 &+ Int64(digit)
            index += 1
        }
        var fraction: Int64 = 0
        for offset in 7..<13 {
            let digit = line[offset] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            fraction = fraction &* 10 &+ Int64(digit)
        }
        return seconds &* 1_000_000 &+ fraction
    }

    /// The prefix of a line as displayed (escapes stripped, invalid UTF-8 replaced). A colour
    /// escape inside the brackets hides the prefix from `parse` on the raw bytes but not from the
    /// reader, so lines that are not plain ASCII take their time from the displayed text.
    public static func parse(displayed text: String) -> (microseconds: Int64, prefixLength: Int)? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// The text after the printk prefix, or the whole line when it has none.
    public static func message(of line: String) -> String {
        var utf8 = Array(line.utf8)
        let prefix = utf8.withUnsafeBytes { parse($0)?.prefixLength } ?? 0
        utf8.removeFirst(prefix)
        return String(decoding: utf8, as: UTF8.self)
    }
}
