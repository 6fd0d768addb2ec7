import AmpScope
import ArgumentParser
import Foundation

/// What `timeline`, `analyze` and `report` read: a session, one log, --a7/--m4 logs or a merged
/// log, their format (`--input-format`: `--format` is always the output's), extra parser
/// folders, the year for year-less stamps and which boot to show.
struct TimelineInputOptions: ParsableArguments {
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

    @Option(name: .customLong("input-format"), help: ArgumentHelp("Format of the log files, instead of detecting it.", valueName: "format"))
    var inputFormat: LogFormat?

    @Option(name: .customLong("log-format"), help: .hidden)
    var oldInputFormat: LogFormat?

    @Option(name: .customLong("a7-format"), help: ArgumentHelp("Format of the --a7 file (overrides the common log format).", valueName: "format"))
    var a7Format: LogFormat?

    @Option(name: .customLong("m4-format"), help: ArgumentHelp("Format of the --m4 file (overrides the common log format).", valueName: "format"))
    var m4Format: LogFormat?

    @Option(help: ArgumentHelp("Only this boot: its number (1 = the first) or `last`.", valueName: "n|last"))
    var boot: BootSelection?

    @Option(help: ArgumentHelp("A folder of your own parser definitions (*.yaml); repeatable.", valueName: "folder"))
    var parsers: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Year for time stamps printed without one (ts's `Nov 25 08:52:00`).", valueName: "year"))
    var year: Int?

    @Option(help: ArgumentHelp("Threads that analyze boots (default: one per core); 1 reads the input in one go. The output is the same either way.", valueName: "n"))
    var jobs: Int?

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
        if isCaptureSession, year != nil {
            throw ValidationError("\(input ?? "") is a session directory: --year applies to log files only")
        }
        if a7Format != nil && a7 == nil { throw ValidationError("--a7-format applies to an --a7 file, and none was given") }
        if m4Format != nil && m4 == nil { throw ValidationError("--m4-format applies to an --m4 file, and none was given") }
        if let year, !(1970...9999).contains(year) { throw ValidationError("--year \(year) is out of range: give a year from 1970 to 9999, like 2026") }
        if inputFormat != nil && oldInputFormat != nil { throw ValidationError("--log-format is the old name of --input-format: give one") }
        if oldInputFormat != nil { Deprecated.note("--log-format", use: "--input-format") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs \(jobs) is not a number of threads: give 1 or more") }
    }

    /// The logs' format, also when given by its old name (`--log-format`).
    var logFormat: LogFormat? { inputFormat ?? oldInputFormat }

    /// The check each command makes for its common log format option (`name`).
    func validate(logFormat: LogFormat?, name: String) throws {
        if isCaptureSession, logFormat != nil {
            throw ValidationError("\(input ?? "") is a session directory: \(name) applies to log files only")
        }
    }

    var isSession: Bool {
        var isDirectory: ObjCBool = false
        guard let input else { return false }
        return FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// A folder holding `session.amps`: not a folder of logs and sessions for `analyze DIR...`.
    var isCaptureSession: Bool {
        isSession && FarmInputs.isSession(input ?? "")
    }

    /// The built-in parser definitions plus the user's folders.
    func classifier() throws -> Classifier {
        do {
            return Classifier(definitions: try DefinitionLoader.load(userFolders: parsers))
        } catch {
            throw CLIError(error.description)
        }
    }

    /// Streams the input through the pipeline (`diagnoser` nil: timelines only), handing out the
    /// boots `--boot` selects; the timeline without its boots, and how many boots the input had.
    func run(
        _ classifier: Classifier, diagnoser: Diagnoser?, logFormat: LogFormat?, onBoot: (BootPipeline.Boot) throws -> Void
    ) throws -> (timeline: Timeline, bootCount: Int) {
        let pipeline = BootPipeline(classifier: classifier, diagnoser: diagnoser, jobs: jobs ?? BootPipeline.defaultJobs)
        do {
            return try pipeline.run(source(logFormat: logFormat), selection: boot, onBoot: onBoot)
        } catch {
            throw CLIError("\(error)")
        }
    }

    func source(logFormat: LogFormat?) -> TimelineSource {
        if let input {
            if isSession { return .session(directory: input) }
            return .logs([LogInput(path: input, consoleName: console, format: logFormat, yearForStampsWithoutYear: year)])
        }
        if let merged {
            return .logs([LogInput(path: merged, consoleName: console, format: .merged, yearForStampsWithoutYear: year)])
        }
        var logs: [LogInput] = []
        if let a7 { logs.append(LogInput(path: a7, consoleName: "a7", format: a7Format ?? logFormat, yearForStampsWithoutYear: year)) }
        if let m4 { logs.append(LogInput(path: m4, consoleName: "m4", format: m4Format ?? logFormat, yearForStampsWithoutYear: year)) }
        return .logs(logs)
    }
}
