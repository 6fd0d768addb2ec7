/// Everything a report is made of, as plain data: who made it, the board and its consoles, the
/// timeline's consoles and inputs with the few boots shown in full, and the diagnosis summed over
/// every boot (`ReportCollector`). Log excerpts are fetched separately through an
/// `ExcerptSource`, so the input itself never holds whole logs, nor every boot.
public struct ReportInput: Sendable {
    public var toolVersion: String
    /// `Toradex Colibri iMX7 Dual 512MB V1.1D, Serial# 06413914` (U-Boot `Model:`), else the
    /// kernel's `Machine model:`; nil when neither was printed.
    public var board: String?
    public var consoles: [ReportConsole]
    /// Consoles, inputs and warnings of the whole input; `boots` only those the collector kept.
    public var timeline: Timeline
    /// The diagnoses of the kept boots.
    public var diagnoses: [BootDiagnosis]
    public var collector: ReportCollector
    public var summary: DiagnosisSummary { collector.summary }

    /// `timeline` without its boots (they went through `collector`).
    public init(toolVersion: String = AmpScopeVersion.string, board: String? = nil, consoles: [ReportConsole], timeline: Timeline, collector: ReportCollector) {
        self.toolVersion = toolVersion
        self.board = board ?? collector.board
        self.consoles = consoles
        self.timeline = timeline
        self.timeline.boots = collector.boots
        diagnoses = collector.diagnoses
        self.collector = collector
    }

    /// Every boot of `timeline` with its diagnosis, through a collector (tests, small inputs).
    public init(
        toolVersion: String = AmpScopeVersion.string, board: String?, consoles: [ReportConsole], timeline: Timeline,
        diagnoses: [BootDiagnosis]
    ) {
        var collector = ReportCollector()
        for (boot, diagnosis) in zip(timeline.boots, diagnoses) { collector.add(boot, diagnosis: diagnosis) }
        self.init(toolVersion: toolVersion, board: board, consoles: consoles, timeline: timeline, collector: collector)
    }

    /// The input for a timeline and its diagnosis; `header` (a session's) adds ports, baud rates
    /// and adapters, imported logs have none.
    public init(timeline: Timeline, diagnoses: [BootDiagnosis], header: SessionHeader? = nil, toolVersion: String = AmpScopeVersion.string) {
        var collector = ReportCollector()
        for (boot, diagnosis) in zip(timeline.boots, diagnoses) { collector.add(boot, diagnosis: diagnosis) }
        self.init(timeline: timeline, collector: collector, header: header, toolVersion: toolVersion)
    }

    /// The input from a collector that saw every boot; `timeline` gives the consoles and inputs.
    public init(timeline: Timeline, collector: ReportCollector, header: SessionHeader? = nil, toolVersion: String = AmpScopeVersion.string) {
        let descriptors = Dictionary((header?.consoles ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let consoles = timeline.consoles.map { console in
            ReportConsole(console, descriptor: descriptors[console.id])
        }
        self.init(toolVersion: toolVersion, consoles: consoles, timeline: timeline, collector: collector)
    }
}

/// One console as the report's summary shows it.
public struct ReportConsole: Sendable, Hashable, Codable {
    public var id: UInt16
    public var name: String
    public var kind: ConsoleKind
    /// Port as the user named it; nil for imported logs.
    public var port: String?
    public var baud: Int?
    /// `0403:6001 FTDI FT232R USB UART serial A50285BI` (the serial is redacted in reports).
    public var adapter: String?
    /// The adapter's USB serial number, kept apart so redaction can replace it everywhere.
    public var adapterSerial: String?
    public var latencyTimerMilliseconds: Int?
    /// What --low-latency changed, when it was asked for.
    public var lowLatency: String?
    /// How a console exported over the network was read, e.g. "read over the network through
    /// ser2net (RFC 2217): its times include the network delay"; nil for local ports.
    public var remote: String?

    public init(
        id: UInt16, name: String, kind: ConsoleKind, port: String? = nil, baud: Int? = nil, adapter: String? = nil,
        adapterSerial: String? = nil, latencyTimerMilliseconds: Int? = nil, lowLatency: String? = nil, remote: String? = nil
    ) {
        self.remote = remote
        self.id = id
        self.name = name
        self.kind = kind
        self.port = port
        self.baud = baud
        self.adapter = adapter
        self.adapterSerial = adapterSerial
        self.latencyTimerMilliseconds = latencyTimerMilliseconds
        self.lowLatency = lowLatency
    }

    public init(_ console: TimelineConsole, descriptor: ConsoleDescriptor?) {
        let adapter = descriptor?.adapter
        self.init(
            id: console.id, name: console.name, kind: console.kind, port: descriptor?.port, baud: descriptor?.settings.baud,
            adapter: adapter.map { $0.summary }, adapterSerial: adapter?.serial,
            latencyTimerMilliseconds: adapter?.latencyTimer, lowLatency: descriptor?.lowLatency,
            remote: descriptor?.remote.map {
                "read over the network through ser2net (\($0.transport == "rfc2217" ? "RFC 2217" : "raw TCP")): its times include the network delay"
            })
    }
}
