/// One console of a session: its role name, where it was read from and how.
public struct ConsoleDescriptor: Sendable, Hashable, Codable {
    /// Index used in every record of the session (0, 1, ...).
    public var id: UInt16
    /// Role label: `a7`, `m4`, or any name the user gave.
    public var name: String
    public var kind: ConsoleKind
    /// The port as the user named it (`/dev/ttyUSB0`, `serial:...`, `rfc2217://lab-host-3:3001`).
    public var port: String
    public var settings: SerialSettings
    /// The USB adapter the port resolved to when the capture started (node, identity, driver,
    /// latency timer in effect); nil for PTYs, on-board UARTs and sessions written before it existed.
    public var adapter: SerialAdapter?
    /// What --low-latency changed ("latency timer 16 → 1 ms", "ASYNC_LOW_LATENCY on"); nil if not asked.
    public var lowLatency: String?
    /// Set when the console was read over the network (rfc2217://, tcp://); absent for local
    /// ports and in sessions written before remote consoles existed.
    public var remote: RemoteLink?
    /// Whether loss on the way can be seen: the driver's error counters at open, or why there are
    /// none; absent in sessions written before it existed.
    public var errorCounters: String?

    public init(
        id: UInt16, name: String, kind: ConsoleKind, port: String, settings: SerialSettings,
        adapter: SerialAdapter? = nil, lowLatency: String? = nil, remote: RemoteLink? = nil, errorCounters: String? = nil
    ) {
        self.remote = remote
        self.errorCounters = errorCounters
        self.id = id
        self.name = name
        self.kind = kind
        self.port = port
        self.settings = settings
        self.adapter = adapter
        self.lowLatency = lowLatency
    }

    /// `a7` and `m4`-like names imply the core; anything else stays unknown.
    public static func inferredKind(forName name: String) -> ConsoleKind {
        ConsoleKind.inferred(forName: name)
    }
}

/// The first record of every session: what produced it, when, and what each console is.
public struct SessionHeader: Sendable, Hashable, Codable {
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var toolVersion: String
    public var host: String
    /// CLOCK_MONOTONIC (ns) at the moment `wallClockNanoseconds` was read.
    public var monotonicAnchor: UInt64
    /// CLOCK_REALTIME (ns since the Unix epoch) read beside `monotonicAnchor`.
    public var wallClockNanoseconds: Int64
    public var consoles: [ConsoleDescriptor]
    /// The command line that started the capture, for the reader's benefit.
    public var commandLine: [String]

    public init(
        formatVersion: Int = SessionHeader.currentFormatVersion, toolVersion: String, host: String,
        monotonicAnchor: UInt64, wallClockNanoseconds: Int64, consoles: [ConsoleDescriptor],
        commandLine: [String]
    ) {
        self.formatVersion = formatVersion
        self.toolVersion = toolVersion
        self.host = host
        self.monotonicAnchor = monotonicAnchor
        self.wallClockNanoseconds = wallClockNanoseconds
        self.consoles = consoles
        self.commandLine = commandLine
    }

    /// Wall-clock time (ns since the epoch) of a monotonic reading taken in this session.
    public func wallClock(ofMonotonic time: UInt64) -> Int64 {
        wallClockNanoseconds + Int64(bitPattern: time &- monotonicAnchor)
    }
}

/// Bytes from one console, stamped when the read() that returned them came back.
public struct Chunk: Sendable, Hashable {
    public var console: UInt16
    /// One counter across all consoles and control records: total order of arrival.
    public var sequence: UInt64
    /// CLOCK_MONOTONIC ns at read() return.
    public var time: UInt64
    public var bytes: [UInt8]

    public init(console: UInt16, sequence: UInt64, time: UInt64, bytes: [UInt8]) {
        self.console = console
        self.sequence = sequence
        self.time = time
        self.bytes = bytes
    }
}

/// Everything that happened in a session that is not console output.
public struct ControlRecord: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The port was opened (first time).
        case opened
        /// Line settings were applied; `settings` holds them, `detail` what the port reported back.
        case settingsApplied = "settings-applied"
        /// read() failed or the port hung up (adapter pulled); `detail` says how.
        case hangup
        /// The same port was opened again after a hangup.
        case reopened
        /// No bytes could be received between `gapStart` and `time` (port absent).
        case gap
        /// Bytes typed by the user (or sent by a probe) and written to the console; in `bytes`.
        case input
        /// A marker the user inserted ("power-cycled now"); text in `detail`.
        case marker
        /// The port was closed at the end of the capture.
        case closed
        /// The capture ended; `detail` says why (signal, duration, until, idle, user).
        case stopped
        /// A note from the tool (a warning the user saw, e.g. display fell behind).
        case note
        /// Received bytes were lost or damaged on the way (UART overrun, a full tty buffer,
        /// framing or parity errors, from the driver's counters or RFC 2217); `detail` says how many.
        case loss
    }

    public var kind: Kind
    /// nil for session-wide records (stopped, marker without console).
    public var console: UInt16?
    public var sequence: UInt64
    public var time: UInt64
    public var detail: String?
    public var settings: SerialSettings?
    public var bytes: [UInt8]?
    public var gapStart: UInt64?
    /// Who sent input: "keyboard", "probe", ...
    public var source: String?
    /// On the probe's notes that open or close its conversation with the board.
    public var probeStep: ProbeStep?

    public init(
        kind: Kind, console: UInt16?, sequence: UInt64, time: UInt64, detail: String? = nil,
        settings: SerialSettings? = nil, bytes: [UInt8]? = nil, gapStart: UInt64? = nil,
        source: String? = nil, probeStep: ProbeStep? = nil
    ) {
        self.kind = kind
        self.console = console
        self.sequence = sequence
        self.time = time
        self.detail = detail
        self.settings = settings
        self.bytes = bytes
        self.gapStart = gapStart
        self.source = source
        self.probeStep = probeStep
    }
}

/// One record of the session file, in the order it was written.
public enum SessionRecord: Sendable, Hashable {
    case header(SessionHeader)
    case chunk(Chunk)
    case control(ControlRecord)

    /// The host monotonic time of a chunk or control record; nil for the header.
    public var time: UInt64? {
        switch self {
        case .header: nil
        case .chunk(let chunk): chunk.time
        case .control(let control): control.time
        }
    }
}
