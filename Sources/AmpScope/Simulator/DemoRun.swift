import Foundation

/// `ampscope demo`: the bundled board replayed through pseudo-terminals by the simulator
/// (with its fault injected) and captured live by the real capture engine, as if two
/// USB-serial adapters were plugged in, with the findings shown as they fire; then the
/// session is analyzed and the forum report written. No hardware, no files needed.
public struct DemoRun {
    public struct Options: Sendable {
        public var directory: String
        /// Where report.md, report.html and report.json go.
        public var reportDirectory: String
        public var speed: Double
        public var liveView: Bool
        public var color: Bool
        /// Columns for the findings printed after the capture.
        public var width: Int

        public init(directory: String, reportDirectory: String? = nil, speed: Double = 1, liveView: Bool = true, color: Bool = true, width: Int = 100) {
            self.directory = directory
            self.reportDirectory = reportDirectory ?? directory + "-report"
            self.speed = speed
            self.liveView = liveView
            self.color = color
            self.width = width
        }
    }

    /// What the demo did: the capture, the findings as `ampscope analyze` prints them, and the report.
    public struct Summary: Sendable {
        public var capture: CaptureSummary
        public var analysis: String
        public var report: ReportWriter.Written

        /// The report's files and what to do with them.
        public var reportText: String {
            var lines = ["report: \(report.verdict)"]
            lines.append("  \(report.markdown) (\(report.markdownCharacters) characters: paste it into a forum post)")
            lines.append("  \(report.html) (open it in a browser)")
            lines.append("  \(report.json)")
            lines.append("  \(report.redaction)")
            return lines.joined(separator: "\n") + "\n"
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case board(String)
        case replay(ReplayError)
        case capture(CaptureError)
        case analysis(String)

        public var description: String {
            switch self {
            case .board(let text): return "the bundled demo board could not be prepared: \(text)"
            case .replay(let error): return "the board simulator failed: \(error)"
            case .capture(let error): return error.description
            case .analysis(let text): return "the captured demo session could not be analyzed: \(text)"
            }
        }
    }

    public let options: Options
    static let holdSeconds = 3.5

    /// The demo's first line: what is about to happen and what to look for.
    public static let introduction = """
        ampscope demo: a simulated Colibri iMX7 boots U-Boot and Linux on console a7 while its Cortex-M4 prints a \
        heartbeat on console m4, both captured live on one clock (seconds since the capture started). Look for the \
        m4 heartbeat stopping right after the a7 line "clk: Disabling unused clocks": 3 s later the finding \
        m4-halted-at-clock-gating appears between the lines, then the analysis with the evidence from both consoles, \
        and the forum report. The findings, the analysis and the report keep the live view's clock, so a line reads \
        the same time everywhere; each boot's start is shown once ("boot 1 starts at 0.089 s").
        """

    public init(options: Options) {
        self.options = options
    }

    public func run() throws(Failure) -> Summary {
        let capture = try captureBoard()
        do {
            let classifier = try Classifier()
            let diagnoser = try Diagnoser.builtin()
            let source = TimelineSource.session(directory: options.directory)
            var analysis = ""
            var report = AnalysisResultWriter(format: .text, width: options.width) { analysis += $0 }
            let pipeline = BootPipeline(classifier: classifier, diagnoser: diagnoser)
            let (timeline, _) = try pipeline.run(source) { boot in
                try report.add(boot.timeline, diagnosis: boot.diagnosis!, consoles: boot.consoles)
            }
            try report.finish(consoles: timeline.consoles, warnings: timeline.warnings)
            let written = try ReportWriter(redact: true).write(source, pipeline: pipeline, into: options.reportDirectory)
            return Summary(capture: capture, analysis: analysis, report: written)
        } catch {
            throw .analysis("\(error)")
        }
    }

    private func captureBoard() throws(Failure) -> CaptureSummary {
        let boardSession = NSTemporaryDirectory() + "ampscope-demo-board-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
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
            // The ports stay open a while after the board's last line, as a real board's would:
            // the M4's silence has to outlast the rule's 3 s at any speed to be a finding.
            replayer = try Replayer(reader: reader, options: ReplayOptions(speed: options.speed, holdSeconds: Self.holdSeconds, faults: faults))
        } catch {
            throw .replay(error)
        }

        // The board runs on its own thread, as a real board would; a pipe tells it to stop
        // if the capture ends first (Ctrl-C).
        let stopPipe: WakePipe
        do {
            stopPipe = try WakePipe()
        } catch {
            throw .capture(.system("pipe", errno: error.rawValue))
        }
        // Its descriptors stay open until the board thread has ended, not just until the last wake.
        defer { withExtendedLifetime(stopPipe) {} }
        let board = BoardThread(replayer: replayer, stopDescriptor: stopPipe.readDescriptor)
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
            stopPipe.wake()
            board.join()
            throw .capture(error)
        }
        stopPipe.wake()
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
