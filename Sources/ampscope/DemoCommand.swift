import AmpScope
import ArgumentParser
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "See ampscope work with no hardware: a simulated board, captured live.",
        discussion: """
            The board simulator plays a Colibri iMX7 booting U-Boot and Linux on one
            pseudo-terminal and its Cortex-M4 firmware on another; the M4 stops the moment
            Linux gates unused clocks (a classic failure). ampscope captures both consoles
            exactly as it would two USB-serial adapters, on one clock, into a session you
            can export and replay.

            Examples:
              ampscope demo
              ampscope demo --speed 4 -o /tmp/demo-session
            """
    )

    @Option(help: "Playback speed of the simulated board (1 = real time).")
    var speed: Double = 1

    @Option(name: [.short, .customLong("output")], help: "Session directory to create (default: a new folder under the temporary directory).")
    var output: String?

    @Flag(name: .customLong("no-color"), help: "No colour in the live view.")
    var noColor = false

    func validate() throws {
        guard speed > 0 && speed <= 100 else { throw ValidationError("--speed must be between 0 (exclusive) and 100") }
    }

    func run() throws {
        let directory = output ?? NSTemporaryDirectory() + SessionNaming.defaultDirectoryName().replacingOccurrences(of: "ampscope-", with: "ampscope-demo-")
        let demo = DemoRun(options: .init(directory: directory, speed: speed, color: !noColor && TerminalEnvironment.colorAllowed))
        do {
            let summary = try demo.run()
            FileHandle.standardError.write(Data(summary.text.utf8))
        } catch {
            throw CLIError(error.description)
        }
    }
}
