/// 1-based boot numbers, ascending and distinct, kept as runs of consecutive boots. The
/// summaries hold one such set per rule that fired and per not-checked reason; as a plain array
/// that was 8 bytes per boot (plus the growing array's slack), so a soak log's summary grew with
/// the input. A rule that fires in every boot, or in long stretches of them, is one run here.
public struct BootNumbers: Sendable, Hashable, Sequence {
    /// Ascending, disjoint and never adjacent (at least one boot between two runs), so equal
    /// sets have equal runs and the synthesized `Hashable` compares the numbers.
    public private(set) var runs: [ClosedRange<Int>] = []
    public private(set) var count = 0

    public init() {}

    public init(_ numbers: some Sequence<Int>) {
        for number in numbers { insert(number) }
    }

    public var isEmpty: Bool { runs.isEmpty }
    public var first: Int? { runs.first?.lowerBound }
    public var last: Int? { runs.last?.upperBound }

    /// Adds `number` unless it is there. Boots arrive in order, so this extends or appends the
    /// last run; an earlier number (never seen from the analyzer) rebuilds the runs.
    public mutating func insert(_ number: Int) {
        guard let tail = runs.last, number <= tail.upperBound + 1 else {
            runs.append(number...number)
            count += 1
            return
        }
        if number == tail.upperBound + 1 {
            runs[runs.count - 1] = tail.lowerBound...number
            count += 1
            return
        }
        if runs.contains(where: { $0.contains(number) }) { return }
        var numbers = Array(self)
        numbers.insert(number, at: numbers.firstIndex { $0 > number } ?? numbers.count)
        self = BootNumbers(numbers)
    }

    public func makeIterator() -> FlattenSequence<[ClosedRange<Int>]>.Iterator {
        runs.joined().makeIterator()
    }
}
