import Foundation

/// Analyzes many sessions and logs at once: `jobs` threads each read one input at a time through
/// its own `BootPipeline` (given the threads left over when there are fewer inputs than
/// threads), and the calling thread takes what they hand out in input order, so the
/// output is the same for any number of threads. Each input's boots wait in a queue of a few, and
/// inputs are started at most `2 * jobs` ahead of the one being taken, so memory stays flat
/// however many inputs and boots there are.
public struct FarmRunner: Sendable {
    public enum Event: Sendable {
        /// Reading began; a session's header when it could be read.
        case started(header: SessionHeader?)
        case boot(BootPipeline.Boot)
        /// The input was read to its end: its consoles and warnings (no boots).
        case finished(Timeline)
        /// The input could not be read: why, as for one input.
        case failed(String)
    }

    public var classifier: Classifier
    public var diagnoser: Diagnoser
    public var jobs: Int
    /// How a log file is read (analyze's `--console`, `--input-format`, `--year`).
    public var logConsole: String
    public var logFormat: LogFormat?
    public var year: Int?
    /// Boots of one input that may wait for the calling thread.
    static let queuedBoots = 4

    public init(classifier: Classifier, diagnoser: Diagnoser, jobs: Int, logConsole: String = "a7", logFormat: LogFormat? = nil, year: Int? = nil) {
        self.classifier = classifier
        self.diagnoser = diagnoser
        self.jobs = max(1, jobs)
        self.logConsole = logConsole
        self.logFormat = logFormat
        self.year = year
    }

    /// Hands `onEvent` each input's events in input order (`started`, its boots, then `finished`
    /// or `failed`). When `onEvent` throws, the other inputs are abandoned and the error rethrown.
    public func run(_ inputs: [FarmInput], onEvent: (Int, Event) throws -> Void) throws {
        let queues = FarmQueues()
        // Permits given by signals, not as the initial value: libdispatch traps when a semaphore
        // is freed holding fewer than its initial value, as it may after the consumer failed.
        let window = DispatchSemaphore(value: 0)
        for _ in 0..<(2 * jobs) { window.signal() }
        let next = FarmCounter()
        let threads = DispatchGroup()
        let runner = self
        let workers = min(jobs, inputs.count)
        // Fewer inputs than threads (one soak log, two boards' nights): each input's pipeline
        // shares out the threads left over, as `analyze LOG` alone would use them.
        let perInput = max(1, jobs / max(1, workers))
        for _ in 0..<workers {
            threads.enter()
            Thread {
                while true {
                    window.wait()
                    guard let index = next.take(below: inputs.count) else {
                        window.signal()
                        break
                    }
                    runner.read(inputs[index], jobs: perInput, into: queues.queue(index))
                }
                threads.leave()
            }.start()
        }
        defer { threads.wait() }
        for index in inputs.indices {
            do {
                let queue = queues.queue(index)
                while let event = queue.pop() { try onEvent(index, event) }
                queues.remove(index)
            } catch {
                next.stop()
                queues.abandonAll()
                // Threads waiting for a start go on to find nothing left to start.
                for _ in 0..<jobs { window.signal() }
                throw error
            }
            window.signal()
        }
    }

    private func read(_ input: FarmInput, jobs: Int, into queue: FarmEventQueue) {
        defer { queue.close() }
        let header = input.kind == .session ? try? SessionReader(directory: input.path).header : nil
        guard queue.push(.started(header: header)) else { return }
        let source: TimelineSource = switch input.kind {
        case .session: .session(directory: input.path)
        case .log: .logs([LogInput(path: input.path, consoleName: logConsole, format: logFormat, yearForStampsWithoutYear: year)])
        }
        do {
            let pipeline = BootPipeline(classifier: classifier, diagnoser: diagnoser, jobs: jobs)
            let (timeline, _) = try pipeline.run(source) { boot in
                guard queue.push(.boot(boot)) else { throw FarmAbandoned() }
            }
            _ = queue.push(.finished(timeline))
        } catch {
            _ = queue.push(.failed("\(error)"))
        }
    }
}

private struct FarmAbandoned: Error {}

/// The queues of the inputs started and not yet taken, made by whichever side asks first: one
/// per input in flight, not one per input.
final class FarmQueues: @unchecked Sendable {
    // @unchecked: `queues` and `abandoned` are only touched under `lock`.
    private let lock = NSLock()
    private var queues: [Int: FarmEventQueue] = [:]
    private var abandoned = false

    func queue(_ index: Int) -> FarmEventQueue {
        lock.withLock {
            if let queue = queues[index] { return queue }
            let queue = FarmEventQueue(capacity: FarmRunner.queuedBoots)
            if abandoned { queue.abandon() }
            queues[index] = queue
            return queue
        }
    }

    func remove(_ index: Int) { lock.withLock { _ = queues.removeValue(forKey: index) } }

    func abandonAll() {
        lock.withLock {
            abandoned = true
            for queue in queues.values { queue.abandon() }
        }
    }
}

/// The next input to start, shared by the reading threads.
final class FarmCounter: @unchecked Sendable {
    // @unchecked: `value` and `stopped` are only touched under `lock`.
    private let lock = NSLock()
    private var value = 0
    private var stopped = false

    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard !stopped, value < limit else { return nil }
            value += 1
            return value - 1
        }
    }

    func stop() { lock.withLock { stopped = true } }
}

/// One input's events between its reading thread and the calling thread: `push` waits while
/// `capacity` events wait, and fails once the calling thread has abandoned the queue.
final class FarmEventQueue: @unchecked Sendable {
    // @unchecked: the stored properties are only touched under `condition`.
    private let condition = NSCondition()
    private let capacity: Int
    private var items: [FarmRunner.Event] = []
    private var closed = false
    private var abandoned = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    func push(_ event: FarmRunner.Event) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !abandoned { condition.wait() }
        guard !abandoned else { return false }
        items.append(event)
        condition.broadcast()
        return true
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    func abandon() {
        condition.lock()
        abandoned = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    func pop() -> FarmRunner.Event? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        guard !items.isEmpty else { return nil }
        let event = items.removeFirst()
        condition.broadcast()
        return event
    }
}
