import Foundation

/// One stretch of the input that begins at a boot boundary, handed chunk by chunk from the
/// splitting thread to the thread that analyzes it. The queue is bounded, so a boot of any length
/// (or an input with no boundary at all) goes through in constant memory.
final class BootSegment: AnalysisInput, @unchecked Sendable {
    // @unchecked: `queue`, `closed`, `reachesEnd` and `failure` are only touched under
    // `condition`; the rest is immutable.
    static let capacity = 16

    let consoles: [TimelineConsole]
    /// Nil for the input's first segment.
    let resume: AnalysisResume?
    var sharedOrder: Bool { true }
    var boardFacts: BoardFacts? { nil }
    var follows: Bool { false }

    private let condition = NSCondition()
    private var queue: [Chunk] = []
    private var closed = false
    private var reachesEnd = false
    private var failure: TimelineError?

    init(consoles: [TimelineConsole], resume: AnalysisResume?) {
        self.consoles = consoles
        self.resume = resume
    }

    /// Adds a chunk, waiting while the queue is full (its reader always reads on to the end).
    func push(_ chunk: Chunk) {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.capacity { condition.wait() }
        queue.append(chunk)
        condition.broadcast()
    }

    /// No more chunks: the next segment starts here, or (`endsInput`) the input ends here, or
    /// reading failed (`failure`, thrown to the reader once it has had every chunk before it).
    func close(endsInput: Bool, failure: TimelineError? = nil) {
        condition.lock()
        closed = true
        reachesEnd = endsInput
        self.failure = failure
        condition.broadcast()
        condition.unlock()
    }

    /// Whether the input ends with this segment (known once `next` has returned nil).
    var endsInput: Bool {
        condition.lock()
        defer { condition.unlock() }
        return reachesEnd
    }

    func next() throws(TimelineError) -> ChunkStream.Item? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !closed { condition.wait() }
        if !queue.isEmpty {
            condition.broadcast()
            return .chunk(queue.removeFirst())
        }
        if let failure { throw failure }
        return nil
    }

    func discover(_ id: UInt16) -> TimelineConsole? { nil }

    func factsWrittenSinceStart() -> BoardFacts? { nil }
}
