/// Everything a report is made of, as plain data: who made it, the board and its consoles, the
/// timeline, the diagnosis. Log excerpts are fetched separately through an `ExcerptSource`, so the
/// input itself never holds whole logs.
public struct ReportInput: Sendable, Hashable {
    public var toolVersion: String
    /// `Toradex Colibri iMX7 Dual 512MB V1.1D, Serial# 06413914` (U-Boot `Model:`), else the
    /// kernel's `Machine model:`; nil when neither was printed.
    public var board: String?
    public var consoles: [ReportConsole]
    public var timeline: Timeline
    public var diagnoses: [BootDiagnosis]
    public var summary: DiagnosisSummary

    public init(
        toolVersion: String = AmpScopeVersion.string, board: String?, consoles: [ReportConsole], timeline: Timeline,
        diagnoses: [BootDiagnosis], summary: DiagnosisSummary? = nil
    ) {
        self.toolVersion = toolVersion
        self.board = board
        self.consoles = consoles
        self.timeline = timeline
        self.diagnoses = diagnoses
        self.summary = summary ?? DiagnosisSummary(diagnoses)
    }

    /// The input for a timeline and its diagnosis; `header` (a session's) adds ports, baud rates
    /// and adapters, imported logs have none.
    public init(timeline: Timeline, diagnoses: [BootDiagnosis], header: SessionHeader? = nil, toolVersion: String = AmpScopeVersion.string) {
        let descriptors = Dictionary((header?.consoles ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let consoles = timeline.consoles.map { console in
            ReportConsole(console, descriptor: descriptors[console.id])
        }
        self.init(
            toolVersion: toolVersion, board: Self.board(in: timeline), consoles: consoles, timeline: timeline,
            diagnoses: diagnoses)
    }

    /// U-Boot's `Model:` is the most specific (revision, RAM), the kernel's device tree model next.
    static func board(in timeline: Timeline) -> String? {
        var kernelModel: String?
        for boot in timeline.boots {
            for lane in boot.lanes {
                for event in lane.events.map(\.event) {
                    guard let model = event.fields["model"]?.trimmingCharacters(in: .whitespaces), !model.isEmpty else { continue }
                    if event.definitionID.hasPrefix("uboot.") { return model }
                    if kernelModel == nil { kernelModel = model }
                }
            }
        }
        return kernelModel
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
