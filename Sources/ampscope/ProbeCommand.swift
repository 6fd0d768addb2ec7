import AmpScope
import ArgumentParser
import Foundation

struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Ask a running board's Linux shell for read-only facts (device tree, cmdline, remoteproc, dmesg).",
        discussion: """
            Waits for the console to be quiet, presses Enter for a fresh prompt (never \
            when U-Boot printed last), logs in if it must (--login USER, password from the \
            environment variable AMPSCOPE_PASSWORD, never stored), then types a fixed set \
            of read-only commands, each framed by unique markers: uname -r, /proc/cmdline, \
            the rpmsg / M-core / remoteproc / mailbox device-tree nodes (status, \
            compatible, reg, memory-region), /reserved-memory, the rpmsg / remoteproc / \
            virtio modules, /sys/class/remoteproc/*, /dev/ttyRPMSG* and \
            /sys/bus/rpmsg/devices, the clock summary (when debugfs is mounted), \
            /proc/iomem, /proc/uptime and dmesg (placed on the capture's clock through \
            the uptime, so `analyze` diagnoses the boot this capture did not see).

            The conversation is recorded as a session (every keystroke as probe input, \
            the password as <password>), the facts in its facts.json; `analyze` and \
            `report` use them. To probe while capturing a boot: `capture --probe`. \
            Do not type on that console while the probe runs. Exit status 2 when \
            nothing could be read (no prompt, login refused), with the reason.

            Examples:
              ampscope probe --a7 /dev/ttyUSB0
              AMPSCOPE_PASSWORD=secret ampscope probe --a7 serial:A50285BI --login root
              ampscope probe --board colibri-imx7 --timeout 60
            """
    )

    @Option(help: ArgumentHelp("Port of the Linux console: a path or serial:, by-id:, usb:VID:PID[/ifN], path:.", valueName: "port"))
    var a7: String?

    @Option(help: ArgumentHelp("The console from a board profile (its login is used too).", valueName: "NAME"))
    var board: String?

    @OptionGroup var serial: SerialOptions

    @OptionGroup var probe: ProbeArguments

    @Option(name: [.short, .customLong("output")], help: "Session directory to create (default: ampscope-probe-DATE-TIME).")
    var output: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Give up when no shell or login prompt appeared within this many seconds (more than 0).", valueName: "seconds"))
    var timeout: Double = 30

    @Flag(name: .customLong("show"), help: "Show the console live while the probe talks to it.")
    var show = false

    @OptionGroup var color: ColorOptions

    func validate() throws {
        guard a7 != nil || board != nil else { throw ValidationError("give the Linux console: --a7 PORT or --board NAME") }
        try OptionRange.positiveSeconds(timeout, "--timeout")
        _ = try options()
    }

    func options() throws -> CaptureOptions {
        var consoles: [ConsoleRequest] = []
        var profileLogin: String?
        if let board {
            do {
                let profile = try BoardProfiles.find(board, in: BoardProfiles.files(
                    projectDirectory: FileManager.default.currentDirectoryPath, environment: ProcessInfo.processInfo.environment))
                consoles = profile.consoleRequests(defaults: serial.settings)
                profileLogin = profile.login
            } catch {
                throw ValidationError(error.description)
            }
        }
        if let a7 { consoles = ConsoleRequest.merging(consoles, overrides: [ConsoleRequest(name: "a7", port: a7, settings: serial.settings)]) }
        let request = try probe.request(consoles: consoles, profileLogin: profileLogin, promptTimeout: timeout, wakeWithEnter: true,
                                        ubootProbe: false, stopWhenDone: true)
        // Only the asked console is opened: the others may be in use by another capture.
        let asked = consoles.filter { $0.name == request.console }
        let options = CaptureOptions(
            directory: output ?? SessionNaming.defaultDirectoryName().replacingOccurrences(of: "ampscope-", with: "ampscope-probe-"),
            consoles: asked, stop: StopConditions(duration: timeout + 900), liveView: show,
            color: color.useColor, keyboard: false, reopen: false, commandLine: CommandLine.arguments, probe: request)
        do {
            try options.validate()
        } catch {
            throw ValidationError(error.description)
        }
        return options
    }

    func run() throws {
        let options: CaptureOptions
        // Checked in validate(); a port that changed since then is the input's error, not the command line's.
        do { options = try self.options() } catch let error as ValidationError { throw CLIError(error.message) }
        let summary: CaptureSummary
        do {
            summary = try CaptureEngine(options: options).run()
        } catch {
            throw CLIError(error.description)
        }
        let facts: BoardFacts?
        do {
            facts = try ProbeRecords.readFacts(directory: options.directory)
        } catch {
            throw CLIError(error.description)
        }
        guard let facts else { throw CLIError("the probe stored no facts (\(summary.stopReason)); the session is in \(options.directory)") }
        print("facts from \(facts.console) (session \(options.directory), facts in \(ProbeRecords.factsPath(in: options.directory))):")
        print(BoardFactsText.plain(facts))
        if facts.isEmpty { throw ExitCode(2) }
    }
}
