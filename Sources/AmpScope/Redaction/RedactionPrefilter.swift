/// What one pass over a text's bytes tells about it, so a redaction pattern whose shape cannot
/// be in the text is not run (a regular expression per pattern per line is what the first pass
/// over a whole input would otherwise cost). Every check is necessary for its pattern to match,
/// never sufficient: a prefilter only ever skips a pattern that could not have matched.
/// It borrows the bytes it was built from: use it only while they live.
struct RedactionPrefilter {
    private let bytes: UnsafeRawBufferPointer
    let colons: Int
    let dots: Int
    let dashes: Int
    let hasAt: Bool
    let hasDoubleColon: Bool
    /// A `.` followed by a letter (a domain's last label, `30890000.serial`).
    let hasDotLetter: Bool
    /// A `=` or a `:`, one of which every key=value secret has after its key.
    let hasAssignment: Bool
    /// A `#` or a `$`, which ends every shell prompt.
    let hasPromptEnd: Bool
    /// The longest run of hex digits.
    let longestHexRun: Int
    /// Every byte printable ASCII or a tab: the text is its bytes as `LineText.render` shows them.
    let isPlainText: Bool
    /// One bit per pair of neighbouring bytes (letters in lower case), hashed into 128: a needle
    /// with a pair whose bit is clear is not in the text, which spares most searches.
    private let pairs: UInt128

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        var colons = 0, dots = 0, dashes = 0, run = 0, longest = 0
        var hasAt = false, hasDoubleColon = false, hasDotLetter = false, hasAssignment = false, hasPromptEnd = false
        var isPlainText = true
        var pairs: UInt128 = 0
        var previous: UInt8 = 0
        for byte in bytes {
            let lowered = Self.lowered(byte)
            switch byte {
            case UInt8(ascii: ":"):
                colons += 1
                hasAssignment = true
                if previous == UInt8(ascii: ":") { hasDoubleColon = true }
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: "-"): dashes += 1
            case UInt8(ascii: "@"): hasAt = true
            case UInt8(ascii: "="): hasAssignment = true
            case UInt8(ascii: "#"), UInt8(ascii: "$"): hasPromptEnd = true
            case 0x20...0x7E, UInt8(ascii: "\t"): break
            default: isPlainText = false
            }
            if previous == UInt8(ascii: "."), lowered >= 0x61 && lowered <= 0x7A { hasDotLetter = true }
            run = Self.isHexDigit(byte) ? run + 1 : 0
            longest = max(longest, run)
            pairs |= Self.pairBit(Self.lowered(previous), lowered)
            previous = byte
        }
        self.colons = colons
        self.dots = dots
        self.dashes = dashes
        self.hasAt = hasAt
        self.hasDoubleColon = hasDoubleColon
        self.hasDotLetter = hasDotLetter
        self.hasAssignment = hasAssignment
        self.hasPromptEnd = hasPromptEnd
        self.longestHexRun = longest
        self.isPlainText = isPlainText
        self.pairs = pairs
    }

    /// Whether `needle` occurs (in any case when it ignores case).
    func contains(_ needle: RedactionNeedle) -> Bool {
        pairs & needle.pairs == needle.pairs && Self.find(needle.bytes, in: bytes, ignoringCase: needle.ignoringCase)
    }

    /// Whether `count` runs of hex digits (or of decimal digits) follow one another, each one
    /// separated from the next by one `separator` and at least `minimumLength` long:
    /// `00:14:2d:4a:5b:6c` has 6 separated by `:`, `192.168.1.20` 4 decimal ones by `.`.
    func hasRuns(_ count: Int, separatedBy separator: Unicode.Scalar, minimumLength: Int, decimal: Bool = false) -> Bool {
        let separator = UInt8(ascii: separator)
        var runs = 0, length = 0
        for byte in bytes {
            if decimal ? (byte >= 0x30 && byte <= 0x39) : Self.isHexDigit(byte) {
                length += 1
                if length == minimumLength, runs + 1 >= count { return true }
            } else if byte == separator {
                runs = length >= minimumLength ? runs + 1 : 0
                length = 0
            } else {
                runs = 0
                length = 0
            }
        }
        return false
    }

    /// Whether a `.` is followed by one of `RedactionKeepList.domainEndings`, in any case, that
    /// is not continued by a letter, digit, `_` or `-` (`.com`, but not `.comm`, `.io0`, `.de-1`).
    var hasDomainEnding: Bool {
        guard hasDotLetter else { return false }
        var index = 0
        while index < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: ".") else { continue }
            var end = index + 1
            while end < bytes.count, Self.isLetter(bytes[end]) { end += 1 }
            guard end - index > 2 else { continue }
            if end < bytes.count, bytes[end] == UInt8(ascii: "_") || bytes[end] == UInt8(ascii: "-") || (bytes[end] >= 0x30 && bytes[end] <= 0x39) {
                continue
            }
            let label = UnsafeRawBufferPointer(rebasing: bytes[(index + 1)..<end])
            if Self.domainEndings.contains(where: { $0.count == label.count && Self.find($0, in: label, ignoringCase: true) }) { return true }
        }
        return false
    }

    /// `com`, `lan`, ...: a domain's last label, for the FQDN pattern.
    private static let domainEndings: [[UInt8]] = RedactionKeepList.domainEndings.map { Array($0.utf8) }

    /// The bits of `bytes`' pairs of neighbouring bytes (letters in lower case).
    static func pairs(of bytes: [UInt8]) -> UInt128 {
        zip(bytes, bytes.dropFirst()).reduce(0) { $0 | pairBit(lowered($1.0), lowered($1.1)) }
    }

    @inline(__always)
    static func pairBit(_ first: UInt8, _ second: UInt8) -> UInt128 {
        let hash = (UInt32(first) << 8 | UInt32(second)) &* 0x9E37_79B1
        return 1 << (hash >> 25)
    }

    @inline(__always)
    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool {
        let lowered = byte | 0x20
        return lowered >= 0x61 && lowered <= 0x7A
    }

    @inline(__always)
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        let lowered = byte | 0x20
        return (byte >= 0x30 && byte <= 0x39) || (lowered >= 0x61 && lowered <= 0x66)
    }

    /// Whether `needle` occurs in `haystack`; `ignoringCase`: the needle is in lower case and
    /// ASCII letters of the haystack are compared in lower case.
    private static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer, ignoringCase: Bool) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        return needle.withUnsafeBufferPointer { needle in
            var start = 0
            while start <= haystack.count - needle.count {
                if ignoringCase ? lowered(haystack[start]) == first : haystack[start] == first {
                    var offset = 1
                    while offset < needle.count, (ignoringCase ? lowered(haystack[start + offset]) : haystack[start + offset]) == needle[offset] {
                        offset += 1
                    }
                    if offset == needle.count { return true }
                }
                start += 1
            }
            return false
        }
    }
}

/// A literal a pattern needs, with the bits of its pairs of neighbouring bytes.
struct RedactionNeedle: Sendable {
    let bytes: [UInt8]
    let ignoringCase: Bool
    let pairs: UInt128
    /// The pattern that needs it, as its bit in `RedactionCandidates`.
    let patternBit: UInt64

    init(_ text: String, ignoringCase: Bool, patternBit: UInt64) {
        bytes = Array((ignoringCase ? text.lowercased() : text).utf8)
        self.ignoringCase = ignoringCase
        pairs = RedactionPrefilter.pairs(of: bytes)
        self.patternBit = patternBit
    }
}
