import AmpScope
import ArgumentParser
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one console of a session: the exact bytes, or timestamped text lines.",
        discussion: """
            --format raw writes exactly the bytes received, nothing added or removed (binary, NUL, \
            invalid UTF-8 and all). --format text writes one line per console line, stamped with the \
            time its first byte arrived, with hangups, gaps, markers and typed input shown as \
            `--- ... ---` lines.

            Examples:
              ampscope export colibri-boot1 --console m4 --format raw -o m4.bin
              ampscope export colibri-boot1 --console a7 --clock wall
            """
    )

    @Argument(help: "Session directory written by `ampscope capture`.")
    var session: String

    @Option(help: "Console name (as given at capture: a7, m4, ...).")
    var console: String

    @Option(help: ArgumentHelp("Output: text (timestamped lines; the default) or raw (the exact bytes).", valueName: "format"))
    var format: ExportMode?

    @Flag(help: .hidden)
    var mode: ExportMode?

    @Option(help: "Time stamps for --format text: relative (since capture start), wall (UTC) or epoch.")
    var clock: SessionExporter.Clock = .relative

    @Option(name: [.short, .customLong("output")], help: "Write to this file instead of stdout.")
    var output: String?

    enum ExportMode: String, EnumerableFlag, ExpressibleByArgument {
        case text, raw
    }

    func validate() throws {
        if let mode {
            if let format, format != mode { throw ValidationError("--\(mode.rawValue) and --format \(format.rawValue) contradict each other: give --format") }
            Deprecated.note("--\(mode.rawValue)", use: "--format \(mode.rawValue)")
        }
    }

    func run() throws {
        let destination = try OutputDestination(path: output)
        defer { destination.close() }
        let exporter = SessionExporter(directory: session)
        do {
            let damage = (format ?? mode ?? .text) == .raw
                ? try exporter.exportRaw(console: console, to: destination.descriptor)
                : try exporter.exportText(console: console, clock: clock, to: destination.descriptor)
            for problem in damage {
                FileHandle.standardError.write(Data("warning: \(problem)\n".utf8))
            }
        } catch {
            throw CLIError(error.description)
        }
    }
}

extension SessionExporter.Clock: ExpressibleByArgument {}
