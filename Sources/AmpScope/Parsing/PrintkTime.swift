/// The kernel's printk prefix, read from raw bytes: `<%u>` (syslog level, `dmesg -r`), the time
/// `[%5lu.%06lu]`, the caller id `[%6s]` (`T123` or `C0`, CONFIG_PRINTK_CALLER), then one space
/// (kernel/printk/printk.c info_print_prefix, Linux 6.1). Forum copies collapse the padding
/// (`[ 36.046358]`), so any number of spaces (including none) is accepted. `parseAfterText`
/// finds a time after other text on the line, for the classifier's message.
public enum PrintkTime {
    /// Microseconds since kernel start and the length of the prefix (up to the message), or nil
    /// when the line has no printk time.
    @inlinable
    public static func parse(_ line: UnsafeRawBufferPointer) -> (microseconds: Int64, prefixLength: Int)? {
        if let canonical = canonicalMicroseconds(line) {
            return (canonical, afterTime(line, 14))
        }
        return parseAnyLayout(line)
    }

    /// The general reader: a syslog level, any padding, up to twelve digits of seconds, a caller id.
    @inlinable
    static func parseAnyLayout(_ line: UnsafeRawBufferPointer) -> (microseconds: Int64, prefixLength: Int)? {
        time(line, at: afterSyslogLevel(line))
    }

    /// A printk time after other text on the line, for lines `parse` finds none at the start of:
    /// the text before it is a shell prompt or a capture tool's stamp the kernel's output broke
    /// into. The time is not the line's (its first byte came with that other text), so only the
    /// classifier uses this, to find the message.
    @inlinable
    public static func parseAfterText(_ line: UnsafeRawBufferPointer) -> (microseconds: Int64, prefixLength: Int)? {
        // Each `[` is tried, and most fail at their first bytes.
        var start = 1
        while start < line.count {
            guard let bracket = firstBracket(line, from: start) else { return nil }
            if let found = time(line, at: bracket) { return found }
            start = bracket + 1
        }
        return nil
    }

    /// The time (and caller id) starting at `start`, with the message's offset.
    @inlinable
    static func time(_ line: UnsafeRawBufferPointer, at start: Int) -> (microseconds: Int64, prefixLength: Int)? {
        guard let stamp = stamp(line, at: start, maximumDigits: 12) else { return nil }
        return (stamp.microseconds, afterTime(line, stamp.end))
    }

    /// `[`, any spaces, 1 to `maximumDigits` digits of seconds, `.`, six digits (or as many as
    /// `fractionDigits` allows), `]` at `start`: the one reader of the kernel's time stamp, for the
    /// classifier, the log importers, the probe's prompt recogniser and the report's event list.
    @inlinable
    static func stamp(
        _ line: UnsafeRawBufferPointer, at start: Int, maximumDigits: Int, fractionDigits: ClosedRange<Int> = 6...6
    ) -> (microseconds: Int64, end: Int)? {
        let count = line.count
        guard start < count, line[start] == UInt8(ascii: "[") else { return nil }
        var index = start + 1
        while index < count, line[index] == UInt8(ascii: " ") { index += 1 }
        var seconds: Int64 = 0
        let digitsStart = index
        while index < count, line[index] &- UInt8(ascii: "0") < 10, index - digitsStart < maximumDigits {
            seconds = seconds &* 10 &+ Int64(line[index] &- UInt8(ascii: "0"))
            index += 1
        }
        guard index > digitsStart, index < count, line[index] == UInt8(ascii: ".") else { return nil }
        index += 1
        var fraction: Int64 = 0
        let fractionStart = index
        while index < count, index - fractionStart < fractionDigits.upperBound, line[index] &- UInt8(ascii: "0") < 10 {
            fraction = fraction &* 10 &+ Int64(line[index] &- UInt8(ascii: "0"))
            index += 1
        }
        let digits = index - fractionStart
        guard fractionDigits.contains(digits), index < count, line[index] == UInt8(ascii: "]") else { return nil }
        // Other precisions than the kernel's six digits are brought to microseconds.
        for _ in digits..<max(digits, 6) { fraction = fraction &* 10 }
        for _ in 6..<max(digits, 6) { fraction /= 10 }
        return (seconds &* 1_000_000 &+ fraction, index + 1)
    }

    /// Past a caller id `[ T123]` / `[    C0]` at `index` (if any) and one space.
    @inlinable
    static func afterTime(_ line: UnsafeRawBufferPointer, _ index: Int) -> Int {
        let count = line.count
        var end = index
        if end < count, line[end] == UInt8(ascii: "[") {
            var probe = end + 1
            while probe < count, line[probe] == UInt8(ascii: " ") { probe += 1 }
            if probe < count, line[probe] == UInt8(ascii: "T") || line[probe] == UInt8(ascii: "C") {
                probe += 1
                let digits = probe
                while probe < count, line[probe] &- UInt8(ascii: "0") < 10 { probe += 1 }
                if probe > digits, probe < count, line[probe] == UInt8(ascii: "]") { end = probe + 1 }
            }
        }
        if end < count, line[end] == UInt8(ascii: " ") { end += 1 }
        return end
    }

    /// Past a leading `<N>` syslog level (facility and level, so up to three digits), or 0.
    @inlinable
    static func afterSyslogLevel(_ line: UnsafeRawBufferPointer) -> Int {
        guard line.count > 2, line[0] == UInt8(ascii: "<") else { return 0 }
        var index = 1
        while index < line.count, index < 4, line[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        return index > 1 && index < line.count && line[index] == UInt8(ascii: ">") ? index + 1 : 0
    }

    @inlinable
    static func firstBracket(_ line: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while index < line.count {
            if line[index] == UInt8(ascii: "[") { return index }
            index += 1
        }
        return nil
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

    /// The text after the printk prefix (at the line's start or after other text), or the
    /// whole line when it has none.
    public static func message(of line: String) -> String {
        subjects(of: line)[0]
    }

    /// The texts a definition's regex is tried on, in order: the message after the printk prefix,
    /// then the whole line when the printk time came after other text (a login prompt the
    /// kernel's output broke into may be what a definition is about).
    public static func subjects(of line: String) -> [String] {
        var utf8 = Array(line.utf8)
        let (leading, afterText) = utf8.withUnsafeBytes { raw in
            let leading = parse(raw)?.prefixLength
            return (leading, leading == nil ? parseAfterText(raw)?.prefixLength : nil)
        }
        guard let prefix = leading ?? afterText else { return [line] }
        utf8.removeFirst(prefix)
        let message = String(decoding: utf8, as: UTF8.self)
        return leading != nil ? [message] : [message, line]
    }
}
