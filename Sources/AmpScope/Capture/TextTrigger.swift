/// Finds a byte string in a stream that arrives in chunks, matches that straddle two
/// chunks included, keeping only the last `needle.count - 1` bytes between calls.
public struct TextTrigger: Sendable {
    public let needle: [UInt8]
    private var tail: [UInt8] = []

    public init(_ text: String) {
        needle = Array(text.utf8)
    }

    /// True when the needle ends inside `chunk` (it may have started in an earlier chunk).
    public mutating func feed(_ chunk: some Collection<UInt8>) -> Bool {
        guard !needle.isEmpty else { return false }
        var window = tail
        window.append(contentsOf: chunk)
        let found = Self.contains(window, needle)
        let keep = needle.count - 1
        tail = keep > 0 ? Array(window.suffix(keep)) : []
        return found
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = 1
                while matched < needle.count && haystack[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            index += 1
        }
        return false
    }
}
