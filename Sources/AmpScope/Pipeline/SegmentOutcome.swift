import Foundation

/// A segment's boots as its analysis delivers them, taken in order by the merging thread while
/// later segments are still analyzed. Bounded: a segment that is not yet the one being taken
/// waits once it holds `capacity` boots, so a long stretch without a cut cannot pile up boots.
final class SegmentOutcome: @unchecked Sendable {
    // @unchecked: `items` is only touched under `condition`.
    enum Item {
        /// With its diagnosis when the segment's thread diagnoses (numbered when taken).
        case boot(BootTimeline, UnnumberedDiagnosis?)
        /// The segment is done: lines read per console, or why it failed.
        case finished(lineCounts: [(console: UInt16, lines: Int)], failure: TimelineError?)
    }

    static let capacity = 64

    private let condition = NSCondition()
    private var items: [Item] = []

    /// Adds an item, waiting while `capacity` are untaken (segments are analyzed in order, so
    /// the one being taken always has a thread and never waits for long).
    func add(_ item: Item) {
        condition.lock()
        while items.count >= Self.capacity { condition.wait() }
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    /// The next item, waiting for it.
    func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty { condition.wait() }
        condition.broadcast()
        return items.removeFirst()
    }
}
