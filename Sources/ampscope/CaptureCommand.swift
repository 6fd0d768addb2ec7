import AmpScope
import ArgumentParser
import Foundation

struct CaptureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Capture consoles on one clock into a session, showing them live.",
        discussion: """
            Every byte of every console is recorded with the host time of the read() that \
            returned it, into a session directory that `export` and `replay` read. \
            Each console also gets a plain text log (NAME.log) with one \
            timestamped line per console line, written as it goes.

            The keyboard goes to the first console; Ctrl-T s switches it, Ctrl-T m inserts \
            a marker, Ctrl-T h lists the keys; Ctrl-C (or SIGTERM) ends the capture cleanly. \
            Without a terminal on stdin (systemd, nohup, CI) it captures headless.

            The rule catalogue of `ampscope analyze` runs as the consoles print: a \
            finding shows between the console lines the moment it holds (a silence \
            once it has lasted long enough; an absence "by the end of the boot" when \
            the boot ends), and the closing summary lists them. --no-findings turns \
            this off.

            Examples:
              ampscope capture --a7 /dev/ttyUSB0 --m4 /dev/ttyUSB1 -o colibri-boot1
              ampscope capture --console a7=/dev/ttyUSB0 --console m4=/dev/ttyACM0,9600
              ampscope capture --a7 /dev/ttyUSB0 --until 'a7:login:' --idle 30 -o boot3
              ampscope capture --a7 serial:A50285BI --m4 serial:A50285BJ --low-latency
              ampscope capture --board colibri-imx7 -o boot5
              ampscope capture --a7 rfc2217://lab3:3001 --m4 rfc2217://lab3:3002 -o boot6
              ampscope capture --a7 tcp://lab-host-3:4001 --m4 /dev/ttyUSB1 -o boot7
              ampscope capture --a7 /dev/ttyUSB0 -b 1500000 --parity n --flow none -o boot8
              ampscope capture --a7 /dev/ttyUSB0 --m4 /dev/ttyUSB1 --probe -o boot9
              ampscope capture --place colibri-3 --acquire -o boot10
              ampscope capture --a7 labgrid:colibri-3/uart-a --m4 labgrid:colibri-3/uart-m

            With --probe, once the A7 console shows a Linux shell (after logging in with \
            --login USER and AMPSCOPE_PASSWORD, or the board profile's login), ampscope \
            types a fixed set of read-only commands and stores the answers in the \
            session's facts.json; see `ampscope probe --help`.

            A board profile in .ampscope.yaml (or ~/.config/ampscope/boards.yaml):
              boards:
                colibri-imx7:
                  baud: 115200
                  consoles:
                    a7: { port: "serial:A50285BI", kind: application }
                    m4: { port: "serial:A50285BJ", kind: microcontroller }

            Ports can be named by adapter instead of by path, so renumbering does not \
            matter: serial:SERIAL, by-id:NAME, usb:VID:PID[/ifN], path:ID_PATH \
            (`ampscope ports` lists them). If an adapter is pulled and plugged back, \
            its console is reopened and the gap is recorded; the others go on.

            Consoles exported over the network by ser2net (as labgrid's exporters do) \
            are rfc2217://HOST:PORT (telnet with RFC 2217: --baud and the line format \
            are set on the remote UART) or tcp://HOST:PORT (raw: ser2net's settings). \
            They mix freely with local ports and may be named in board profiles. A lost \
            connection is recorded as a gap and retried (0.25 s, doubling to 5 s).

            In a labgrid lab, --place PLACE asks the coordinator (--coordinator or \
            LG_COORDINATOR) for the place's serial ports and captures each through \
            the ser2net its exporter runs, named by its resource name, at the speed the \
            exporter configured; labgrid:PLACE/RESOURCE names one of them as a port. \
            The place must be yours (acquired by you, or allowed to you); --acquire \
            takes a free place and releases it at the end. A place another user holds \
            is never taken.
            """
    )

    @Option(help: ArgumentHelp("Port of the application core's console (U-Boot, Linux): a path or serial:, by-id:, usb:VID:PID[/ifN], path:, rfc2217://HOST:PORT, tcp://HOST:PORT.", valueName: "port"))
    var a7: String?

    @Option(help: ArgumentHelp("Port of the microcontroller core's console (FreeRTOS, Zephyr); same forms as --a7.", valueName: "port"))
    var m4: String?

    @Option(name: .customLong("console"), help: ArgumentHelp("A console as NAME=PORT[,BAUD]; repeat for more.", valueName: "NAME=PORT[,BAUD]"))
    var consoles: [String] = []

    @Option(help: ArgumentHelp("Consoles from a board profile (.ampscope.yaml, then ~/.config/ampscope/boards.yaml); --a7/--m4/--console override its consoles.", valueName: "NAME"))
    var board: String?

    @OptionGroup var serial: SerialOptions

    @OptionGroup var lab: LabgridOptions

    @Option(name: [.short, .customLong("output")], help: "Session directory to create (default: ampscope-DATE-TIME).")
    var output: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Stop after this many seconds (more than 0).", valueName: "seconds"))
    var duration: Double?

    @Option(help: ArgumentHelp("Stop once console NAME prints TEXT; repeatable.", valueName: "NAME:TEXT"))
    var until: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Stop after this many seconds without a byte from any console (more than 0).", valueName: "seconds"))
    var idle: Double?

    @Option(name: .customLong("log-clock"), help: "Stamps in the NAME.log text logs: relative (seconds since start), wall (UTC) or epoch.")
    var logClock: SessionExporter.Clock = .relative

    @Flag(name: .shortAndLong, help: "Do not show the consoles live (the session and text logs are written all the same).")
    var quiet = false

    @OptionGroup var color: ColorOptions

    @Flag(name: .customLong("no-reopen"), help: "Do not wait for a port that hung up to come back.")
    var noReopen = false

    @Flag(name: .customLong("no-findings"), help: "Do not run the rule catalogue during the capture (ampscope analyze can run it afterwards).")
    var noFindings = false

    @Flag(help: "Once the A7 console reaches a Linux shell, ask it for read-only facts (see `ampscope probe --help`).")
    var probe = false

    @Flag(name: .customLong("uboot-probe"), help: "With --probe: interrupt U-Boot's autoboot, read printenv, then boot on unchanged.")
    var ubootProbe = false

    @Option(name: .customLong("probe-timeout"), parsing: .unconditional, help: ArgumentHelp("With --probe: give up when no shell or login prompt appeared within this many seconds.", valueName: "seconds"))
    var probeTimeout: Double = 180

    @OptionGroup var probeArguments: ProbeArguments

    @Flag(name: .customLong("low-latency"), help: "Set FTDI latency timers to 1 ms (or ASYNC_LOW_LATENCY) while capturing; restored at the end.")
    var lowLatency = false

    func validate() throws {
        if a7 == nil && m4 == nil && consoles.isEmpty && board == nil && lab.place == nil {
            throw ValidationError("give at least one console: --a7 PORT, --m4 PORT, --console NAME=PORT, --board NAME or --place PLACE")
        }
        try OptionRange.positiveSeconds(duration, "--duration")
        try OptionRange.positiveSeconds(idle, "--idle")
        try OptionRange.positiveSeconds(probeTimeout, "--probe-timeout")
        // A place's consoles are known only once its coordinator was asked, in run().
        if lab.place == nil { _ = try options() }
    }

    /// The options for the consoles asked for; `resolve` turns labgrid names into addresses.
    func options(resolve: ([ConsoleRequest]) throws -> [ConsoleRequest] = { $0 }) throws -> CaptureOptions {
        var boardConsoles: [ConsoleRequest] = []
        var profileLogin: String?
        if let board {
            let files = BoardProfiles.files(
                projectDirectory: FileManager.default.currentDirectoryPath, environment: ProcessInfo.processInfo.environment)
            do {
                let profile = try BoardProfiles.find(board, in: files)
                boardConsoles = profile.consoleRequests(defaults: serial.settings)
                profileLogin = profile.login
            } catch {
                throw ValidationError(error.description)
            }
        }
        var requests: [ConsoleRequest] = []
        if let a7 { requests.append(ConsoleRequest(name: "a7", port: a7, settings: serial.settings)) }
        if let m4 { requests.append(ConsoleRequest(name: "m4", port: m4, settings: serial.settings)) }
        if (ubootProbe || probeArguments.login != nil || probeArguments.console != nil) && !probe {
            throw ValidationError("--uboot-probe, --login and --probe-console go with --probe")
        }
        do {
            for text in consoles { requests.append(try ConsoleRequest.parse(text, defaults: serial.settings)) }
        } catch {
            throw ValidationError(error.description)
        }
        let all = try resolve(ConsoleRequest.merging(boardConsoles, overrides: requests))
        let probeRequest = try probe ? probeArguments.request(
            consoles: all, profileLogin: profileLogin, promptTimeout: probeTimeout, wakeWithEnter: false, ubootProbe: ubootProbe,
            stopWhenDone: false) : nil
        do {
            let options = CaptureOptions(
                directory: output ?? SessionNaming.defaultDirectoryName(),
                consoles: all,
                stop: StopConditions(duration: duration, until: try until.map { arg throws(CaptureError) in try UntilCondition.parse(arg) }, idle: idle),
                liveView: !quiet,
                color: color.useColor,
                reopen: !noReopen,
                logClock: logClock,
                commandLine: CommandLine.arguments,
                lowLatency: lowLatency,
                liveFindings: !noFindings,
                probe: probeRequest)
            try options.validate()
            return options
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        var lease: LabgridLease?
        // Whatever happens after a place was acquired here, it is released.
        defer {
            for problem in lease?.release() ?? [] { FileHandle.standardError.write(Data((problem + "\n").utf8)) }
        }
        let engine: CaptureEngine
        // Checked in validate(); a port that changed since then is the input's error, not the command line's.
        do {
            engine = CaptureEngine(options: try options { requests in
                guard lab.isUsed(by: requests) else { return requests }
                lease = try lab.resolve(requests, defaults: serial.settings)
                return lease!.consoles
            })
        } catch let error as ValidationError {
            throw CLIError(error.message)
        }
        do {
            let summary = try engine.run()
            FileHandle.standardError.write(Data(summary.text.utf8))
        } catch {
            throw CLIError(error.description)
        }
    }
}
