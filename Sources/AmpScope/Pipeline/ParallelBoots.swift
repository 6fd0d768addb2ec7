import Foundation

/// Analyzes one log's boots on several threads with the result of one reading: a splitting thread
/// reads the log and cuts it where a boot certainly starts (`BootSplitter`), `jobs` threads each
/// analyze and diagnose one segment at a time, and the calling thread takes their boots in input
/// order and numbers them (and their diagnoses) as one reading would. Segments ahead of the one being taken are bounded in number
/// and each holds a bounded queue of chunks, so memory stays flat whatever the input's size.
struct ParallelBoots {
    let stream: ChunkStream
    let classifier: Classifier
    /// Nil when the boots are not to be diagnosed here.
    let diagnoser: Diagnoser?
    let jobs: Int
    var segmentBytes = BootSplitter.defaultSegmentBytes

    func run(onBoot: (BootTimeline, [TimelineConsole], BootDiagnosis?) throws -> Void) throws(TimelineError) -> Timeline {
        let consoles = stream.consoles
        let settings = stream.settings
        let classifier = classifier
        let diagnoser = diagnoser
        let segmentBytes = segmentBytes
        let pending = BlockingQueue<(BootSegment, SegmentOutcome)>()
        let inOrder = BlockingQueue<SegmentOutcome>()
        let ahead = DispatchSemaphore(value: jobs + 2)
        let stop = StopFlag()
        let threads = DispatchGroup()
        let reading = UncheckedBox(stream)

        threads.enter()
        Thread {
            Self.split(reading.value, classifier: classifier, segmentBytes: segmentBytes, into: pending, order: inOrder, ahead: ahead, stop: stop)
            threads.leave()
        }.start()
        for _ in 0..<jobs {
            threads.enter()
            Thread {
                while let (segment, outcome) = pending.pop() {
                    Self.analyze(segment, settings: settings, classifier: classifier, diagnoser: diagnoser, into: outcome)
                }
                threads.leave()
            }.start()
        }

        var delivered = 0
        var lineCounts = consoles.map { (console: $0.id, lines: 0) }
        var failure: TimelineError?
        while let outcome = inOrder.pop() {
            let before = delivered
            var finished = false
            while !finished {
                switch outcome.take() {
                case .boot(var boot, let diagnosis):
                    guard failure == nil else { continue }
                    boot.index += before
                    delivered = boot.index
                    do {
                        try onBoot(boot, consoles, diagnosis?.numbered(boot.index))
                    } catch {
                        failure = TimelineError(.consumer("\(error)"))
                        stop.set()
                    }
                case .finished(let counts, let error):
                    for (lane, count) in counts.enumerated() where lane < lineCounts.count { lineCounts[lane].lines += count.lines }
                    if failure == nil, let error {
                        failure = error
                        stop.set()
                    }
                    finished = true
                }
            }
            ahead.signal()
        }
        threads.wait()
        if let failure { throw failure }
        let (inputs, warnings) = stream.finish()
        return Timeline(consoles: consoles, inputs: inputs, boots: [], warnings: warnings + AnalysisRun.silentConsoles(consoles, lineCounts: lineCounts))
    }

    /// The splitting thread: reads every chunk, cuts segments and hands them out in order.
    private static func split(
        _ stream: ChunkStream, classifier: Classifier, segmentBytes: Int, into pending: BlockingQueue<(BootSegment, SegmentOutcome)>,
        order: BlockingQueue<SegmentOutcome>, ahead: DispatchSemaphore, stop: StopFlag
    ) {
        var splitter = BootSplitter(classifier: classifier, console: stream.consoles[0], segmentBytes: segmentBytes)
        func start(_ resume: AnalysisResume?) -> BootSegment {
            ahead.wait()
            let segment = BootSegment(consoles: stream.consoles, resume: resume)
            let outcome = SegmentOutcome()
            order.push(outcome)
            pending.push((segment, outcome))
            return segment
        }
        var segment = start(nil)
        do {
            while !stop.isSet, let item = try stream.next() {
                guard case .chunk(let chunk) = item else { continue }
                guard let cut = splitter.cut(chunk) else {
                    segment.push(chunk)
                    continue
                }
                if cut.offset > 0 { segment.push(piece(of: chunk, ..<cut.offset)) }
                segment.close(endsInput: false)
                guard !stop.isSet else { break }
                segment = start(cut.resume)
                segment.push(piece(of: chunk, cut.offset...))
            }
            segment.close(endsInput: true, failure: stop.isSet ? TimelineError(.consumer("stopped")) : nil)
        } catch {
            segment.close(endsInput: true, failure: error)
        }
        pending.close()
        order.close()
    }

    private static func piece(of chunk: Chunk, _ range: some RangeExpression<Int>) -> Chunk {
        Chunk(console: chunk.console, sequence: chunk.sequence, time: chunk.time, bytes: Array(chunk.bytes[range]))
    }

    private static func analyze(
        _ segment: BootSegment, settings: BootBuilder.Settings, classifier: Classifier, diagnoser: Diagnoser?, into outcome: SegmentOutcome
    ) {
        var run = AnalysisRun(input: segment, settings: settings, classifier: classifier, keepBoots: false, resume: segment.resume) { boot, consoles in
            outcome.add(.boot(boot, diagnoser?.examine(boot, consoles: consoles)))
        }
        do {
            try run.readSharedOrder()
            outcome.add(.finished(lineCounts: run.lineCounts, failure: nil))
        } catch {
            outcome.add(.finished(lineCounts: run.lineCounts, failure: error))
        }
    }
}

/// A first-in first-out queue between threads; `pop` waits, and returns nil once closed and empty.
final class BlockingQueue<Element>: @unchecked Sendable {
    // @unchecked: the stored properties are only touched under `condition`.
    private let condition = NSCondition()
    private var items: [Element] = []
    private var closed = false

    func push(_ item: Element) {
        condition.lock()
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        return items.isEmpty ? nil : items.removeFirst()
    }
}

/// Set once by the merging thread when it stops taking boots; read by the splitting thread.
final class StopFlag: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// A value handed to one other thread and used only there until that thread ends.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
