/// Which redaction patterns a text could match, one bit per index in `RedactionPattern.all`.
/// Every pattern's needles sit in one flat table and its shape check apart from it, so a line
/// is checked against all patterns without copying one (and its regular expression).
enum RedactionCandidates {
    /// The patterns `shape` lets through.
    static func of(_ shape: RedactionPrefilter) -> UInt64 {
        var found: UInt64 = 0
        for needle in needles where found & needle.patternBit == 0 && shape.contains(needle) { found |= needle.patternBit }
        var candidates = found | withoutNeedles
        for check in shapeChecks where candidates & check.patternBit != 0 && !check.mayMatch(shape) { candidates &= ~check.patternBit }
        return candidates
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

    /// The patterns that need no needle.
    private static let withoutNeedles: UInt64 = RedactionPattern.all.indices.reduce(0) { bits, index in
        RedactionPattern.all[index].needles.isEmpty ? bits | 1 << index : bits
    }

    private static let shapeChecks: [(patternBit: UInt64, mayMatch: @Sendable (RedactionPrefilter) -> Bool)] =
        RedactionPattern.all.enumerated().compactMap { index, pattern in pattern.mayMatch.map { (1 << index, $0) } }
}
