import AmpScope
import ArgumentParser
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "See ampscope work with no hardware: a simulated board, captured live.",
        discussion: """
            The board simulator plays a Colibri iMX7 booting U-Boot and Linux on one \
            pseudo-terminal and its Cortex-M4 firmware on another; the M4 stops the moment \
            Linux gates unused clocks (a classic failure). ampscope captures both consoles \
            exactly as it would two USB-serial adapters, on one clock, and shows the \
            findings as they fire. Then it analyzes the session as `ampscope analyze` \
            would, prints the findings with their evidence and fix, and writes the forum \
            report (report.md, report.html, report.json) beside the session.

            Examples:
              ampscope demo
              ampscope demo --speed 4 -o /tmp/demo-session
              ampscope demo --report-dir /tmp/demo-report --color never
            """
    )

    @Option(parsing: .unconditional, help: "Playback speed of the simulated board (1 = real time; more than 0, at most 100).")
    var speed: Double = 1

    @Option(name: [.short, .customLong("output")], help: "Session directory to create (default: a new folder under the temporary directory).")
    var output: String?

    @Option(name: .customLong("report-dir"), help: ArgumentHelp("Folder for the report files (default: the session directory's name + -report).", valueName: "folder"))
    var reportDirectory: String?

    @OptionGroup var color: ColorOptions

    func validate() throws {
        guard speed.isFinite, speed > 0 && speed <= 100 else {
            throw ValidationError("--speed \(OptionRange.shown(speed)) is out of range: give a factor greater than 0 and at most 100 (1 = real time)")
        }
    }

    func run() throws {
        let directory = output ?? NSTemporaryDirectory() + SessionNaming.defaultDirectoryName().replacingOccurrences(of: "ampscope-", with: "ampscope-demo-")
        FileHandle.standardError.write(Data((DemoRun.introduction + "\n\n").utf8))
        let demo = DemoRun(options: .init(
            directory: directory, reportDirectory: reportDirectory, speed: speed, color: color.useColor,
            width: TerminalEnvironment.outputColumns ?? 100))
        do {
            let summary = try demo.run()
            FileHandle.standardError.write(Data(summary.capture.text.utf8))
            print("")
            print(summary.analysis, terminator: "")
            print("")
            print(summary.reportText, terminator: "")
        } catch {
            throw CLIError(error.description)
        }
    }
}
