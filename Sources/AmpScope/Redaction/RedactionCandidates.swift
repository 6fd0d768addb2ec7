/// Which redaction patterns a text could match, one bit per index in `RedactionPattern.all`.
/// Every pattern's needles sit in one flat table and its shape check apart from it, so a line
/// is checked against all patterns without copying one (and its regular expression).
enum RedactionCandidates {
    /// The patterns `shape` lets through.
    static func of(_ shape: RedactionPrefilter) -> UInt64 {
        // Shapes first: they are cheaper than needles and rule out most lines' needles.
        var possible = allPatterns
        for check in shapeChecks where !check.mayMatch(shape) { possible &= ~check.patternBit }
        var found = possible & withoutNeedles
        for needle in needles where possible & needle.patternBit != 0 && found & needle.patternBit == 0 && shape.contains(needle) {
            found |= needle.patternBit
        }
        return found
    }

    /// The patterns `text` could match.
    static func of(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { of(RedactionPrefilter(UnsafeRawBufferPointer($0))) }
    }

    private static let needles: [RedactionNeedle] = {
        precondition(RedactionPattern.all.count <= UInt64.bitWidth, "more redaction patterns than candidate bits")
        return RedactionPattern.all.enumerated().flatMap { index, pattern in
            pattern.needles.map { RedactionNeedle($0, ignoringCase: pattern.ignoringCase, patternBit: 1 << index) }
        }
    }()

    private static let allPatterns: UInt64 = RedactionPattern.all.indices.reduce(0) { $0 | 1 << $1 }

    /// The patterns that need no needle.
    private static let withoutNeedles: UInt64 = RedactionPattern.all.indices.reduce(0) { bits, index in
        RedactionPattern.all[index].needles.isEmpty ? bits | 1 << index : bits
    }

    private static let shapeChecks: [(patternBit: UInt64, mayMatch: @Sendable (RedactionPrefilter) -> Bool)] =
        RedactionPattern.all.enumerated().compactMap { index, pattern in pattern.mayMatch.map { (1 << index, $0) } }
}
