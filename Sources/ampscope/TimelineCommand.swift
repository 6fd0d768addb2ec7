import AmpScope
import ArgumentParser
import Foundation

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Both consoles on one time axis: boot phases, key events and where each core stopped.",
        discussion: """
            Reads a session from `ampscope capture`, or the logs you already have \
            (picocom, minicom, screen, tio, grabserial, ts, dmesg, journalctl -k, or \
            one file with both consoles prefixed a7:/m4:; the format is detected, or \
            named with --input-format). \
            Each boot is drawn as swimlanes that fit the terminal, then its key \
            events are listed in time order with how sure each time is. --format json \
            writes the same as data, boot by boot as they are found.

            Examples:
              ampscope timeline colibri-boot1
              ampscope timeline --a7 minicom-a7.txt --m4 m4.log
              ampscope timeline --merged both.log
              ampscope timeline a7.log --input-format tio --color never
              ampscope timeline m4.log --console m4
              ampscope timeline colibri-boot1 --boot last --width 160
              ampscope timeline --a7 a7.ts.log --a7-format ts --year 2026 --m4 m4.log
              ampscope timeline soak-200 --format json > soak-200.json
            """
    )

    @OptionGroup var inputs: TimelineInputOptions

    @Option(help: ArgumentHelp("Output: text (swimlanes and events) or json (docs/timeline-json.md, streamed boot by boot).", valueName: "format"))
    var format: TimelineFormat = .text

    @Flag(help: .hidden)
    var json = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Columns to draw in (default: the terminal's width; 80 when not a terminal).", valueName: "columns"))
    var width: Int?

    @OptionGroup var color: ColorOptions

    func validate() throws {
        if case .legacyLogFormat = format, inputs.logFormat != nil {
            throw ValidationError("--format takes the output format (text or json): give the log format once, as --input-format")
        }
        if case .legacyLogFormat(let legacy) = format {
            Deprecated.note("--format \(legacy.rawValue) (a log format)", use: "--input-format \(legacy.rawValue)")
            try inputs.validate(logFormat: legacy, name: "--format")
        }
        try inputs.validate(logFormat: inputs.logFormat, name: "--input-format")
        if json { Deprecated.note("--json", use: "--format json") }
        try OptionRange.within(width, TimelineSwimlaneRenderer.minimumWidth...Int.max, "--width", unit: "columns")
    }

    /// The log format, also when given the old way (`timeline --format tio`).
    private var logFormat: LogFormat? {
        if case .legacyLogFormat(let legacy) = format { return legacy }
        return inputs.logFormat
    }

    func run() throws {
        let classifier = try inputs.classifier()
        var picker = BootPicker(inputs.boot)
        if json || format == .json {
            let standardOutput = FileHandle.standardOutput
            var writer = TimelineJSONWriter { try standardOutput.write(contentsOf: Data($0.utf8)) }
            let timeline = try inputs.analyze(classifier, logFormat: logFormat) { boot in
                if let shown = picker.offer(boot) { try writer.write(shown) }
            }
            let last = try finishSelection(&picker)
            if let last { try writer.write(last) }
            try writer.finish(consoles: timeline.consoles, inputs: timeline.inputs, warnings: timeline.warnings)
        } else {
            var shown: [BootTimeline] = []
            var timeline = try inputs.analyze(classifier, logFormat: logFormat) { boot in
                if let kept = picker.offer(boot) { shown.append(kept) }
            }
            if let last = try finishSelection(&picker) { shown.append(last) }
            timeline.boots = shown
            let renderer = TimelineSwimlaneRenderer(width: width ?? TerminalEnvironment.outputColumns ?? 80, useColor: color.useColor)
            print(renderer.render(timeline, bootCount: picker.seen), terminator: "")
        }
    }
}

/// timeline's `--format`: its output. A log format name, which `--format` took before
/// `--input-format` existed, is still accepted (with a note) so old scripts keep working.
enum TimelineFormat: ExpressibleByArgument, Equatable {
    case text, json
    case legacyLogFormat(LogFormat)

    init?(argument: String) {
        switch argument {
        case "text": self = .text
        case "json": self = .json
        default:
            guard let legacy = LogFormat(argument: argument) else { return nil }
            self = .legacyLogFormat(legacy)
        }
    }

    static var allValueStrings: [String] { ["text", "json"] }
    var defaultValueDescription: String { "text" }
}

extension LogFormat: ExpressibleByArgument {}

extension BootSelection: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}
