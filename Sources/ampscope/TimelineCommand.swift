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

    @Argument(help: ArgumentHelp("A session directory from `ampscope capture`, or one log file.", valueName: "session-or-log"))
    var input: String?

    @Option(help: ArgumentHelp("The A-core console's log file.", valueName: "file"))
    var a7: String?

    @Option(help: ArgumentHelp("The M-core console's log file.", valueName: "file"))
    var m4: String?

    @Option(help: ArgumentHelp("One log holding both consoles, each line prefixed `a7: `, `[m4] ` or `A7| `.", valueName: "file"))
    var merged: String?

    @Option(help: ArgumentHelp("Console name of a single log file (a7, m4, ...; the name tells its kind), or of a merged file's unlabelled lines.", valueName: "name"))
    var console: String = "a7"

    @Option(help: ArgumentHelp("Format of the log files, instead of detecting it.", valueName: "format"))
    var format: LogFormat?

    @Option(name: .customLong("a7-format"), help: ArgumentHelp("Format of the --a7 file (overrides --format).", valueName: "format"))
    var a7Format: LogFormat?

    @Option(name: .customLong("m4-format"), help: ArgumentHelp("Format of the --m4 file (overrides --format).", valueName: "format"))
    var m4Format: LogFormat?

    @Option(help: ArgumentHelp("Show only this boot: its number (1 = the first) or `last`.", valueName: "n|last"))
    var boot: BootSelection?

    @Option(help: ArgumentHelp("A folder of your own parser definitions (*.yaml); repeatable.", valueName: "folder"))
    var parsers: [String] = []

    @Option(help: ArgumentHelp("Year for time stamps printed without one (ts's `Nov 25 08:52:00`).", valueName: "year"))
    var year: Int?

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
        let separateLogs = a7 != nil || m4 != nil
        if input == nil && merged == nil && !separateLogs {
            throw ValidationError("nothing to analyze: give a session directory or a log file, or --a7/--m4 log files, or --merged")
        }
        if input != nil && (separateLogs || merged != nil) {
            throw ValidationError("give either a session or log file as the argument, or --a7/--m4/--merged files, not both")
        }
        if merged != nil && separateLogs {
            throw ValidationError("--merged already holds both consoles: give it alone, or --a7/--m4 instead")
        }
        var isDirectory: ObjCBool = false
        if let input, FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue,
           format != nil || year != nil {
            throw ValidationError("\(input) is a session directory: --format and --year apply to log files only")
        }
        if a7Format != nil && a7 == nil { throw ValidationError("--a7-format applies to an --a7 file, and none was given") }
        if m4Format != nil && m4 == nil { throw ValidationError("--m4-format applies to an --m4 file, and none was given") }
        if let width, width < TimelineSwimlaneRenderer.minimumWidth {
            throw ValidationError("--width \(width) is too narrow to draw lanes: give at least \(TimelineSwimlaneRenderer.minimumWidth)")
        }
        if let year, !(1970...9999).contains(year) { throw ValidationError("--year \(year) is not a year: give one like 2026") }
    }

    func run() throws {
        let classifier: Classifier
        do {
            classifier = Classifier(definitions: try DefinitionLoader.load(userFolders: parsers))
        } catch {
            throw CLIError(error.description)
        }
        var picker = BootPicker(boot)
        if json {
            let standardOutput = FileHandle.standardOutput
            var writer = TimelineJSONWriter { try standardOutput.write(contentsOf: Data($0.utf8)) }
            let timeline = try analyze(classifier) { boot in
                if let shown = picker.offer(boot) { try writer.write(shown) }
            }
            let last = try finishSelection(&picker)
            if let last { try writer.write(last) }
            try writer.finish(consoles: timeline.consoles, inputs: timeline.inputs, warnings: timeline.warnings)
        } else {
            var shown: [BootTimeline] = []
            var timeline = try analyze(classifier) { boot in
                if let kept = picker.offer(boot) { shown.append(kept) }
            }
            if let last = try finishSelection(&picker) { shown.append(last) }
            timeline.boots = shown
            let renderer = TimelineSwimlaneRenderer(width: width ?? TerminalEnvironment.outputColumns ?? 80, useColor: useColor)
            print(renderer.render(timeline, bootCount: picker.seen), terminator: "")
        }
    }

    private var useColor: Bool {
        switch color {
        case .auto: TerminalEnvironment.colorAllowed
        case .always: true
        case .never: false
        }
    }

    private func finishSelection(_ picker: inout BootPicker) throws -> BootTimeline? {
        do {
            return try picker.finish()
        } catch {
            throw CLIError(error.description)
        }
    }

    private func analyze(_ classifier: Classifier, onBoot: (BootTimeline) throws -> Void) throws -> Timeline {
        do {
            return try TimelineAnalyzer.run(source, classifier: classifier, keepBoots: false, onBoot: onBoot)
        } catch {
            throw CLIError(error.description)
        }
    }

    private var source: TimelineSource {
        if let input {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue {
                return .session(directory: input)
            }
            return .logs([LogInput(path: input, consoleName: console, format: format, yearForStampsWithoutYear: year)])
        }
        if let merged {
            return .logs([LogInput(path: merged, consoleName: console, format: .merged, yearForStampsWithoutYear: year)])
        }
        var logs: [LogInput] = []
        if let a7 { logs.append(LogInput(path: a7, consoleName: "a7", format: a7Format ?? format, yearForStampsWithoutYear: year)) }
        if let m4 { logs.append(LogInput(path: m4, consoleName: "m4", format: m4Format ?? format, yearForStampsWithoutYear: year)) }
        return .logs(logs)
    }
}

extension LogFormat: ExpressibleByArgument {}

extension BootSelection: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}
