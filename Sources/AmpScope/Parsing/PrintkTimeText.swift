/// `PrintkTime`'s stamp reader for text already decoded: the probe's prompt recogniser and the
/// report's event list ask of a `String` what the classifier asks of raw bytes.
extension PrintkTime {
    /// Whether the line's first `[` opens a kernel time stamp (a shell's output can put text
    /// before the stamp, so the first bracket is looked at wherever it is).
    public static func opensFirstBracket(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { utf8 in
            guard let bracket = utf8.firstIndex(of: UInt8(ascii: "[")) else { return false }
            return stamp(UnsafeRawBufferPointer(utf8), at: bracket, maximumDigits: Int.max) != nil
        }
    }

    /// The text after a bracketed time stamp at its start (the kernel's, or one of any precision
    /// in its shape) and the spaces after it; the whole text when it does not start with one.
    public static func withoutLeadingStamp(_ text: String) -> String {
        var copy = text
        let end: Int? = copy.withUTF8 { utf8 in
            let raw = UnsafeRawBufferPointer(utf8)
            guard var end = stamp(raw, at: 0, maximumDigits: Int.max, fractionDigits: 1...Int.max)?.end else { return nil }
            while end < raw.count, raw[end] == UInt8(ascii: " ") { end += 1 }
            return end
        }
        guard let end else { return text }
        return String(decoding: text.utf8.dropFirst(end), as: UTF8.self)
    }
}
