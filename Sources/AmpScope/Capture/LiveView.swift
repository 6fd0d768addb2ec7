import SystemPackage
import Foundation

/// Shows the consoles on stdout from a thread of its own, so a slow terminal never stalls
/// the capture: the capture thread only queues. If the queue grows past its bound the view
/// skips output (and says so) while the session still records every byte.
final class LiveView: @unchecked Sendable {
    private enum Item {
        case bytes(console: Int, time: UInt64, bytes: [UInt8])
        case notice(String, time: UInt64)
        case raw(String)
        case prompt(String)
        case finding(LiveFindingText, time: UInt64)
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [Item] = []
    private var queuedBytes = 0
    private var skippedBytes = 0
    private var finished = false
    private var thread: Thread?
    private let done = DispatchSemaphore(value: 0)
    private var formatter: LiveFormatter
    private static let queueLimit = 8 << 20

    init(formatter: LiveFormatter) {
        self.formatter = formatter
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "ampscope live view"
        self.thread = thread
        thread.start()
    }

    func show(console: Int, time: UInt64, bytes: [UInt8]) {
        enqueue(.bytes(console: console, time: time, bytes: bytes), size: bytes.count)
    }

    func notice(_ text: String, time: UInt64) {
        enqueue(.notice(text, time: time), size: 0)
    }

    func finding(_ finding: LiveFindingText, time: UInt64) {
        enqueue(.finding(finding, time: time), size: 0)
    }

    func prompt(_ text: String) {
        enqueue(.prompt(text), size: 0)
    }

    func raw(_ text: String) {
        enqueue(.raw(text), size: 0)
    }

    /// Shows what is queued, then stops the thread.
    func finish() {
        condition.lock()
        finished = true
        condition.signal()
        condition.unlock()
        if thread != nil { done.wait() }
    }

    private func enqueue(_ item: Item, size: Int) {
        condition.lock()
        if size > 0 && queuedBytes + size > LiveView.queueLimit {
            skippedBytes += size
        } else {
            queue.append(item)
            queuedBytes += size
        }
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !finished { condition.wait() }
            let items = queue
            let skipped = skippedBytes
            let stop = finished
            queue.removeAll()
            queuedBytes = 0
            skippedBytes = 0
            condition.unlock()

            var output = ""
            if skipped > 0 {
                output += formatter.notice(
                    "live view skipped \(skipped) bytes: the terminal is slower than the consoles (the session has every byte)",
                    time: MonotonicClock.now())
            }
            for item in items {
                switch item {
                case .bytes(let console, let time, let bytes):
                    output += formatter.render(console: console, time: time, bytes: bytes)
                case .notice(let text, let time):
                    output += formatter.notice(text, time: time)
                case .raw(let text):
                    output += formatter.close() + text
                case .prompt(let text):
                    output += formatter.prompt(text)
                case .finding(let finding, let time):
                    output += formatter.finding(finding, time: time)
                }
            }
            if stop { output += formatter.close() }
            Self.writeAll(output)
            if stop {
                done.signal()
                return
            }
        }
    }

    static func writeAll(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                DescriptorIO.write(FileDescriptor.standardOutput.rawValue, UnsafeRawBufferPointer(rebasing: raw[offset...]))
            }
            switch result {
            case .success(let written): offset += written
            case .failure(.resourceTemporarilyUnavailable): continue
            case .failure: return  // stdout closed: the capture goes on without a view
            }
        }
    }
}
