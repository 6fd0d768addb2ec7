import AmpScope
import ArgumentParser
import Foundation

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Both consoles on one time axis: boot phases, key events and where each core stopped.",
        discussion: """
            Reads a session from `ampscope capture`, or the logs you already have
            (picocom, minicom, screen, tio, grabserial, ts, dmesg, journalctl -k, or
            one file with both consoles prefixed a7:/m4:; the format is detected).
            Each boot is drawn as swimlanes that fit the terminal, then its key
            events are listed in time order with how sure each time is. --json
            writes the same as data, boot by boot as they are found.

            Examples:
              ampscope timeline colibri-boot1
              ampscope timeline --a7 minicom-a7.txt --m4 m4.log
              ampscope timeline --merged both.log
              ampscope timeline m4.log --console m4
              ampscope timeline colibri-boot1 --boot last --width 160
              ampscope timeline --a7 a7.ts.log --a7-format ts --year 2026 --m4 m4.log
              ampscope timeline soak-200 --json > soak-200.json
            """
    )

    @OptionGroup var inputs: TimelineInputOptions

    @Option(help: ArgumentHelp("Format of the log files, instead of detecting it.", valueName: "format"))
    var format: LogFormat?

    @Flag(help: "Write the timeline as JSON (docs/timeline-json.md), streamed boot by boot.")
    var json = false

    @Option(help: ArgumentHelp("Columns to draw in (default: the terminal's width; 80 when not a terminal).", valueName: "columns"))
    var width: Int?

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    enum ColorChoice: String, CaseIterable, ExpressibleByArgument {
        case auto, always, never
    }

    func validate() throws {
        try inputs.validate(logFormat: format, name: "--format")
        if let width, width < TimelineSwimlaneRenderer.minimumWidth {
            throw ValidationError("--width \(width) is too narrow to draw lanes: give at least \(TimelineSwimlaneRenderer.minimumWidth)")
        }
    }

    func run() throws {
        let classifier = try inputs.classifier()
        if json {
            let standardOutput = FileHandle.standardOutput
            var writer = TimelineJSONWriter { try standardOutput.write(contentsOf: Data($0.utf8)) }
            let (timeline, _) = try inputs.run(classifier, diagnoser: nil, logFormat: format) { boot in try writer.write(boot.timeline) }
            try writer.finish(consoles: timeline.consoles, inputs: timeline.inputs, warnings: timeline.warnings)
        } else {
            var shown: [BootTimeline] = []
            var (timeline, bootCount) = try inputs.run(classifier, diagnoser: nil, logFormat: format) { boot in shown.append(boot.timeline) }
            timeline.boots = shown
            let renderer = TimelineSwimlaneRenderer(width: width ?? TerminalEnvironment.outputColumns ?? 80, useColor: useColor)
            print(renderer.render(timeline, bootCount: bootCount), terminator: "")
        }
    }

    private var useColor: Bool {
        switch color {
        case .auto: TerminalEnvironment.colorAllowed
        case .always: true
        case .never: false
        }
    }
}

extension LogFormat: ExpressibleByArgument {}

extension BootSelection: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}
