/// The importers' reading of a kernel stamp: `PrintkTime`'s reader with the bounds a saved log's
/// stamp must keep to be told from other stamps (`LineStamp.kernelStamp`, and whole-line chunks).
extension PrintkTime {
    /// A saved log's kernel stamp at the line's start, as the importers read it (dmesg, journal
    /// and syslog files): up to ten digits of seconds, no later than `CivilDate.maximumSeconds`,
    /// no syslog level or caller id. Nanoseconds and the index after `]`.
    static func logStamp(_ line: UnsafeRawBufferPointer) -> (nanoseconds: Int64, end: Int)? {
        if let microseconds = canonicalMicroseconds(line) { return (microseconds * 1_000, 14) }
        return logStampAnyLayout(line)
    }

    /// `logStamp` without the fixed-layout shortcut.
    static func logStampAnyLayout(_ line: UnsafeRawBufferPointer) -> (nanoseconds: Int64, end: Int)? {
        guard let stamp = stamp(line, at: 0, maximumDigits: 10), stamp.microseconds / 1_000_000 <= CivilDate.maximumSeconds else { return nil }
        return (stamp.microseconds * 1_000, stamp.end)
    }
}
