/// Finds a byte string in a stream that arrives in pieces (Knuth–Morris–Pratt), so that a
/// trigger split across two chunks is still found, at its exact last byte.
struct TextMatcher {
    private let pattern: [UInt8]
    private let fallback: [Int]
    private var matched = 0

    init(_ pattern: [UInt8]) {
        precondition(!pattern.isEmpty, "an empty trigger text matches nothing")
        self.pattern = pattern
        var fallback = [Int](repeating: 0, count: pattern.count)
        var length = 0
        for index in 1..<max(pattern.count, 1) {
            while length > 0 && pattern[index] != pattern[length] { length = fallback[length - 1] }
            if pattern[index] == pattern[length] { length += 1 }
            fallback[index] = length
        }
        self.fallback = fallback
    }

    /// Feeds the next piece; returns the index (in `piece`) of the pattern's last byte at its
    /// first completion within this piece, nil if it has not completed here.
    mutating func feed(_ piece: [UInt8]) -> Int? {
        for (index, byte) in piece.enumerated() {
            while matched > 0 && byte != pattern[matched] { matched = fallback[matched - 1] }
            if byte == pattern[matched] { matched += 1 }
            if matched == pattern.count {
                matched = fallback[matched - 1]
                return index
            }
        }
        return nil
    }
}
