import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `ampscope demo`: the bundled board replayed through pseudo-terminals by the simulator
/// (with its fault injected) and captured live by the real capture engine, as if two
/// USB-serial adapters were plugged in. No hardware, no files needed.
public struct DemoRun {
    public struct Options: Sendable {
        public var directory: String
        public var speed: Double
        public var liveView: Bool
        public var color: Bool

        public init(directory: String, speed: Double = 1, liveView: Bool = true, color: Bool = true) {
            self.directory = directory
            self.speed = speed
            self.liveView = liveView
            self.color = color
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case board(String)
        case replay(ReplayError)
        case capture(CaptureError)

        public var description: String {
            switch self {
            case .board(let text): return "the bundled demo board could not be prepared: \(text)"
            case .replay(let error): return "the board simulator failed: \(error)"
            case .capture(let error): return error.description
            }
        }
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    public func run() throws(Failure) -> CaptureSummary {
        let boardSession = NSTemporaryDirectory() + "ampscope-demo-board-\(getpid())-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: boardSession) }
        let reader: SessionReader
        let faults: [Fault]
        do {
            let script = try BoardScript.parse(DemoBoard.script, fileName: DemoBoard.fileName)
            try script.compile(to: boardSession)
            reader = try SessionReader(directory: boardSession)
            faults = [.halt(console: DemoBoard.haltConsole, when: try TextTrigger.parse(DemoBoard.haltTrigger), delayMilliseconds: 0)]
        } catch {
            throw .board("\(error)")
        }
        let replayer: Replayer
        do {
            replayer = try Replayer(reader: reader, options: ReplayOptions(speed: options.speed, holdSeconds: 1, faults: faults))
        } catch {
            throw .replay(error)
        }

        // The board runs on its own thread, as a real board would; a pipe tells it to stop
        // if the capture ends first (Ctrl-C).
        var stopPipe: [Int32] = [-1, -1]
        guard pipe(&stopPipe) == 0 else { throw .capture(.system("pipe", errno: errno)) }
        defer { close(stopPipe[0]); close(stopPipe[1]) }
        let board = BoardThread(replayer: replayer, stopDescriptor: stopPipe[0])
        board.start()

        let consoles = replayer.consoles.map { console in
            ConsoleRequest(name: console.name, port: console.path, settings: SerialSettings())
        }
        let capture = CaptureEngine(options: CaptureOptions(
            directory: options.directory, consoles: consoles, liveView: options.liveView, color: options.color,
            keyboard: false, reopen: false, commandLine: CommandLine.arguments))
        let summary: CaptureSummary
        do {
            summary = try capture.run()
        } catch {
            _ = write(stopPipe[1], "x", 1)
            board.join()
            throw .capture(error)
        }
        _ = write(stopPipe[1], "x", 1)
        board.join()
        if let failure = board.failure { throw .replay(failure) }
        return summary
    }
}

/// Runs a replayer on a thread of its own and hands back how it ended.
private final class BoardThread: @unchecked Sendable {
    private let replayer: Replayer
    private let stopDescriptor: Int32
    private let finished = DispatchSemaphore(value: 0)
    // Written by the board thread before `finished` is signalled, read after `join()`.
    private(set) var failure: ReplayError?

    init(replayer: Replayer, stopDescriptor: Int32) {
        self.replayer = replayer
        self.stopDescriptor = stopDescriptor
    }

    func start() {
        let thread = Thread { [self] in
            do throws(ReplayError) {
                _ = try replayer.run(interruptDescriptor: stopDescriptor)
            } catch {
                failure = error
            }
            finished.signal()
        }
        thread.name = "ampscope demo board"
        thread.start()
    }

    func join() { finished.wait() }
}
