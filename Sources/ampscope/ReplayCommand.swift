import AmpScope
import ArgumentParser
import Foundation

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Play a session (or a .board script) back into pseudo-terminals with its recorded timing.",
        discussion: """
            Creates one pseudo-terminal per console and prints one `NAME PATH` line per console on \
            stdout. Replay starts once every path has been opened (by ampscope capture, picocom, \
            tio, ...), and gives up after --open-timeout seconds (300 by default) when one is not. \
            After the last chunk the terminals stay open for --hold seconds, then close.

            Faults, for tests and demos of broken boards:
              --halt CONSOLE --when CONSOLE:TEXT [--delay-ms N]
                  CONSOLE goes silent N ms after TEXT appeared (mid-line if need be).
              --garble CONSOLE --from SECONDS|CONSOLE:TEXT
                  CONSOLE prints wrong-baud garbage from then on.
              --drop CONSOLE --every N   or   --drop CONSOLE --rate P [--seed S]
                  CONSOLE loses every Nth byte, or each byte with probability P.
            TEXT takes C escapes (\\r \\n \\t \\xNN). Options may repeat; they pair up in order.

            Examples:
              ampscope replay boot-2024-05-01 --speed 2
              ampscope replay samples/demo/colibri-imx7-clock-gating.board --speed 0
              ampscope replay boot1 --halt m4 --when a7:'unused clocks' --delay-ms 5
              ampscope replay good-boot --garble m4 --from a7:'ttymxc1 at MMIO'
            """
    )

    @Argument(help: "A session directory, or a .board script (compiled to a temporary session).")
    var source: String

    @Option(parsing: .unconditional, help: "Playback speed factor: 1 = recorded timing, 0 = as fast as possible.")
    var speed: Double = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds to keep the terminals open after the last chunk (0 or more).", valueName: "seconds"))
    var hold: Double = 1

    @Option(name: .customLong("open-timeout"), parsing: .unconditional, help: ArgumentHelp("Give up if the terminals are not all opened within this many seconds (more than 0).", valueName: "seconds"))
    var openTimeout: Double = 300

    @Option(help: ArgumentHelp("Stop this console's output ...", valueName: "console"))
    var halt: [String] = []

    @Option(help: ArgumentHelp("... once this text has appeared on a console.", valueName: "console:text"))
    var when: [String] = []

    @Option(name: .customLong("delay-ms"), parsing: .unconditionalSingleValue, help: "... this many milliseconds later (default 0).")
    var delayMilliseconds: [Int] = []

    @Option(help: ArgumentHelp("Turn this console's output into wrong-baud garbage ...", valueName: "console"))
    var garble: [String] = []

    @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("... from this time of the recording, or once this text appeared.", valueName: "seconds|console:text"))
    var from: [String] = []

    @Option(help: ArgumentHelp("Drop bytes of this console ...", valueName: "console"))
    var drop: [String] = []

    @Option(parsing: .unconditionalSingleValue, help: "... every Nth byte.")
    var every: [Int] = []

    @Option(parsing: .unconditionalSingleValue, help: "... each byte with this probability (0...1).")
    var rate: [Double] = []

    @Option(help: "Seed for --rate and --garble (repeatable faults).")
    var seed: UInt64 = 1

    func validate() throws {
        guard speed.isFinite, speed >= 0 else {
            throw ValidationError("--speed \(OptionRange.shown(speed)) is out of range: give 0 (as fast as possible) or a factor greater than 0 (1 = recorded timing)")
        }
        try OptionRange.nonNegativeSeconds(hold, "--hold")
        try OptionRange.positiveSeconds(openTimeout, "--open-timeout")
        do { _ = try faults() } catch { throw ValidationError(error.description) }
    }

    private func faults() throws(FaultSpecError) -> [Fault] {
        try Fault.fromCommandLine(
            halt: halt, when: when, delayMilliseconds: delayMilliseconds, garble: garble, from: from,
            drop: drop, every: every, rate: rate, seed: seed)
    }

    func run() throws {
        let replaySource: ReplaySource
        do { replaySource = try ReplaySource(path: source) } catch { throw CLIError(error.description) }
        defer { replaySource.cleanUp() }
        let options = ReplayOptions(speed: speed, holdSeconds: hold, faults: try faults(), openTimeoutSeconds: openTimeout)
        let interrupt = try SignalPipe()
        let replayer = try Replayer(reader: replaySource.reader, options: options)
        for console in replayer.consoles { print("\(console.name) \(console.path)") }
        fflush(nil)  // the consumer reads the paths from a pipe: hand them over now
        let summary = try replayer.run(interruptDescriptor: interrupt.readDescriptor) { event in
            ReplayCommand.log(event)
        }
        let written = replayer.consoles.map { "\($0.name) \(summary.bytesWritten[$0.name, default: 0]) bytes" }
        let verb = summary.interrupted ? "interrupted after" : "done:"
        ReplayCommand.write("\(verb) \(summary.chunks) chunks (\(written.joined(separator: ", ")))")
        if summary.interrupted { throw ExitCode(130) }
    }

    private static func log(_ event: ReplayEvent) {
        let text: String
        switch event {
        case .waitingForConsumers(let names): text = "waiting for \(names.joined(separator: ", ")) to be opened"
        case .started: text = "replaying"
        case .faultFired(let note): text = "fault: \(note)"
        case .consumerClosed(let name): text = "\(name): consumer closed its terminal; output waits until it is opened again"
        case .consumerReopened(let name): text = "\(name): terminal opened again"
        case .sessionDamage(let note): text = "session: \(note)"
        }
        write(text)
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data("ampscope replay: \(text)\n".utf8))
    }
}
