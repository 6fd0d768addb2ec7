extension ConsoleRequest {
    /// Parses `NAME=PORT[,BAUD]`, the form `--console` takes; PORT may be any selector
    /// (`a7=serial:A50285BI,115200`, `m4=usb:0403:6011/if1`).
    public static func parse(_ text: String, defaults: SerialSettings) throws(CaptureError) -> ConsoleRequest {
        guard let equals = text.firstIndex(of: "=") else {
            throw .invalidArgument("--console \(text): expected NAME=PORT[,BAUD], e.g. a7=/dev/ttyUSB0,115200")
        }
        let name = String(text[..<equals])
        var port = String(text[text.index(after: equals)...])
        var settings = defaults
        if let comma = port.lastIndex(of: ","), let baud = Int(port[port.index(after: comma)...]) {
            settings.baud = baud
            port = String(port[..<comma])
        }
        try validateName(name)
        guard !port.isEmpty else { throw .invalidArgument("--console \(text): the port is empty") }
        guard settings.baud > 0 else { throw .invalidArgument("--console \(text): the baud rate must be positive") }
        return ConsoleRequest(name: name, port: port, settings: settings)
    }

    static func validateName(_ name: String) throws(CaptureError) {
        if let problem = nameProblem(name) { throw .invalidArgument(problem) }
    }
}

/// When a capture ends by itself (besides Ctrl-C, SIGTERM and the quit hotkey).
public struct StopConditions: Sendable, Hashable {
    /// Stop this many seconds after the capture started.
    public var duration: Double?
    /// Stop once a console has printed this text (console name, text).
    public var until: [UntilCondition]
    /// Stop after this many seconds without a byte from any console.
    public var idle: Double?

    public init(duration: Double? = nil, until: [UntilCondition] = [], idle: Double? = nil) {
        self.duration = duration
        self.until = until
        self.idle = idle
    }
}

public struct UntilCondition: Sendable, Hashable {
    public var console: String
    public var text: String

    public init(console: String, text: String) {
        self.console = console
        self.text = text
    }

    /// Parses `NAME:TEXT`.
    public static func parse(_ argument: String) throws(CaptureError) -> UntilCondition {
        guard let colon = argument.firstIndex(of: ":"), colon != argument.startIndex else {
            throw .invalidArgument("--until \(argument): expected NAME:TEXT, e.g. --until 'a7:login:'")
        }
        let text = String(argument[argument.index(after: colon)...])
        guard !text.isEmpty else { throw .invalidArgument("--until \(argument): the text after the colon is empty") }
        return UntilCondition(console: String(argument[..<colon]), text: text)
    }
}

/// Everything a capture needs to run.
public struct CaptureOptions: Sendable {
    public var directory: String
    public var consoles: [ConsoleRequest]
    public var stop: StopConditions
    /// Show the consoles live on stdout.
    public var liveView: Bool
    /// Colour in the live view (off when stdout is not a terminal or NO_COLOR is set).
    public var color: Bool
    /// Read the keyboard (only when stdin is a terminal).
    public var keyboard: Bool
    /// Keep a port that hung up and try the same path again until it is back.
    public var reopen: Bool
    /// How the text logs stamp their lines.
    public var logClock: SessionExporter.Clock
    public var commandLine: [String]
    /// FTDI latency timer to 1 ms (or ASYNC_LOW_LATENCY) while capturing, restored at the end.
    public var lowLatency: Bool
    /// Run the rule catalogue while capturing and show each finding the moment it holds.
    public var liveFindings: Bool
    /// Ask the board over a console's shell (`--probe`, `ampscope probe`); nil: never type.
    public var probe: ProbeRequest?

    public init(
        directory: String, consoles: [ConsoleRequest], stop: StopConditions = .init(), liveView: Bool = true,
        color: Bool = true, keyboard: Bool = true, reopen: Bool = true, logClock: SessionExporter.Clock = .relative,
        commandLine: [String] = [], lowLatency: Bool = false, liveFindings: Bool = true, probe: ProbeRequest? = nil
    ) {
        self.probe = probe
        self.lowLatency = lowLatency
        self.liveFindings = liveFindings
        self.logClock = logClock
        self.directory = directory
        self.consoles = consoles
        self.stop = stop
        self.liveView = liveView
        self.color = color
        self.keyboard = keyboard
        self.reopen = reopen
        self.commandLine = commandLine
    }

    /// Checks what can be checked before touching a port.
    public func validate() throws(CaptureError) {
        guard !consoles.isEmpty else {
            throw .invalidArgument("no console to capture: give --a7 PORT, --m4 PORT, --console NAME=PORT or --board NAME")
        }
        var seenNames = Set<String>()
        var seenPorts = Set<String>()
        for console in consoles {
            try ConsoleRequest.validateName(console.name)
            guard seenNames.insert(console.name).inserted else {
                throw .invalidArgument("console name \(console.name) is used twice")
            }
            do {
                // A labgrid name is resolved to its ser2net address before the capture starts.
                if try LabgridConsoles.name(of: console.port) == nil { _ = try PortSelector.parse(console.port) }
            } catch let error as LabgridError {
                throw .invalidArgument(error.description)
            } catch let error as DeviceError {
                throw .device(console: console.name, error)
            } catch {
                throw .invalidArgument("\(error)")
            }
            guard seenPorts.insert(console.port).inserted else {
                throw .invalidArgument("port \(console.port) is given for two consoles")
            }
        }
        for condition in stop.until where !seenNames.contains(condition.console) {
            throw .invalidArgument("--until names console \(condition.console), but the consoles are \(consoles.map(\.name).joined(separator: ", "))")
        }
        if let probe, !seenNames.contains(probe.console) {
            throw .invalidArgument("the probe asks console \(probe.console), but the consoles are \(consoles.map(\.name).joined(separator: ", "))")
        }
        if let duration = stop.duration, !(duration > 0) {
            throw .invalidArgument("--duration must be a positive number of seconds")
        }
        if let idle = stop.idle, !(idle > 0) {
            throw .invalidArgument("--idle must be a positive number of seconds")
        }
    }
}
