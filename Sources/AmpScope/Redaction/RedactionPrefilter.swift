/// What one pass over a text's bytes tells about it, so a redaction pattern whose shape cannot
/// be in the text is not run (a regular expression per pattern per line is what the first pass
/// over a whole input would otherwise cost). Every check is necessary for its pattern to match,
/// never sufficient: a prefilter only ever skips a pattern that could not have matched.
struct RedactionPrefilter {
    let bytes: [UInt8]
    /// The same bytes with ASCII letters in lower case, for case-insensitive needles.
    let lowered: [UInt8]
    let colons: Int
    let dots: Int
    let dashes: Int
    let hasAt: Bool
    let hasDoubleColon: Bool
    /// A `.` followed by a letter (a domain's last label, `30890000.serial`).
    let hasDotLetter: Bool
    /// The longest run of hex digits.
    let longestHexRun: Int

    init(_ text: String) {
        bytes = Array(text.utf8)
        var lowered = bytes
        var colons = 0, dots = 0, dashes = 0, run = 0, longest = 0
        var hasAt = false, hasDoubleColon = false, hasDotLetter = false
        var previous: UInt8 = 0
        for index in lowered.indices {
            let byte = lowered[index]
            if byte >= 0x41 && byte <= 0x5A { lowered[index] = byte | 0x20 }
            switch byte {
            case UInt8(ascii: ":"):
                colons += 1
                if previous == UInt8(ascii: ":") { hasDoubleColon = true }
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: "-"): dashes += 1
            case UInt8(ascii: "@"): hasAt = true
            default: break
            }
            if previous == UInt8(ascii: "."), (lowered[index] >= 0x61 && lowered[index] <= 0x7A) { hasDotLetter = true }
            let isHex = (byte >= 0x30 && byte <= 0x39) || (lowered[index] >= 0x61 && lowered[index] <= 0x66)
            run = isHex ? run + 1 : 0
            longest = max(longest, run)
            previous = byte
        }
        self.lowered = lowered
        self.colons = colons
        self.dots = dots
        self.dashes = dashes
        self.hasAt = hasAt
        self.hasDoubleColon = hasDoubleColon
        self.hasDotLetter = hasDotLetter
        self.longestHexRun = longest
    }

    /// Whether any needle occurs as written.
    func contains(_ needles: StaticString...) -> Bool {
        needles.contains { needle in needle.withUTF8Buffer { Self.find($0, in: bytes) } }
    }

    /// Whether any needle (given in lower case) occurs in any case.
    func containsIgnoringCase(_ needles: StaticString...) -> Bool {
        needles.contains { needle in needle.withUTF8Buffer { Self.find($0, in: lowered) } }
    }

    /// Whether any of the needles (lower case, as bytes) occurs in any case.
    func containsIgnoringCase(any needles: [[UInt8]]) -> Bool {
        needles.contains { Self.find($0, in: lowered) }
    }

    /// `.com`, `.lan`, ...: a domain's last label with its dot, for the FQDN pattern.
    static let domainEndingNeedles: [[UInt8]] = RedactionKeepList.domainEndings.map { Array(("." + $0).utf8) }

    private static func find<Needle: RandomAccessCollection>(_ needle: Needle, in haystack: [UInt8]) -> Bool
    where Needle.Element == UInt8, Needle.Index == Int {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        let start = needle.startIndex
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = 1
                while matched < needle.count, haystack[index + matched] == needle[start + matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            index += 1
        }
        return false
    }
}
