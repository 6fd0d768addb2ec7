/// One console within one boot: its phases, its events and its first and last lines.
public struct ConsoleLane: Sendable, Hashable, Codable {
    public var console: UInt16
    public var phases: [PhaseSpan]
    /// Events in line order. Long runs of one repeated event (heartbeats, ping-pong messages) keep
    /// their first and last occurrences; `omittedEvents` counts the rest, so memory stays bounded.
    public var events: [TimelineEvent]
    public var omittedEvents: Int
    public var lineCount: Int
    public var byteCount: UInt64
    public var firstLine: LineReference?
    /// The console's last line in the boot ("M4 last line" when the M-core stopped).
    public var lastLine: LineReference?
    /// Garbage statistics; nil in timelines written before they were kept.
    public var activity: LaneActivity?

    public init(
        console: UInt16, phases: [PhaseSpan] = [], events: [TimelineEvent] = [], omittedEvents: Int = 0,
        lineCount: Int = 0, byteCount: UInt64 = 0, firstLine: LineReference? = nil, lastLine: LineReference? = nil,
        activity: LaneActivity? = nil
    ) {
        self.console = console
        self.phases = phases
        self.events = events
        self.omittedEvents = omittedEvents
        self.lineCount = lineCount
        self.byteCount = byteCount
        self.firstLine = firstLine
        self.lastLine = lastLine
        self.activity = activity
    }
}

/// A phase a console entered: from the line that proved it until the next phase (or the end
/// of the boot when `end` is nil).
public struct PhaseSpan: Sendable, Hashable, Codable {
    public var phase: BootPhase
    public var start: TimelinePlacement
    public var end: TimelinePlacement?
    /// The line that proved the phase.
    public var evidence: LineReference

    public init(phase: BootPhase, start: TimelinePlacement, end: TimelinePlacement?, evidence: LineReference) {
        self.phase = phase
        self.start = start
        self.end = end
        self.evidence = evidence
    }
}

/// An event placed on the boot's common axis.
public struct TimelineEvent: Sendable, Hashable, Codable {
    public var event: TimelineEventRecord
    public var placement: TimelinePlacement

    public init(event: TimelineEventRecord, placement: TimelinePlacement) {
        self.event = event
        self.placement = placement
    }

    /// By placed time; events without a time keep line order after those with one on the same console.
    public static func chronological(_ lhs: TimelineEvent, _ rhs: TimelineEvent) -> Bool {
        switch (lhs.placement.time, rhs.placement.time) {
        case let (left?, right?) where left != right: return left < right
        default:
            if lhs.event.console != rhs.event.console { return lhs.event.console < rhs.event.console }
            return lhs.event.lineNumber < rhs.event.lineNumber
        }
    }
}

/// Where a line is in the input, and when on the boot's axis.
public struct LineReference: Sendable, Hashable, Codable {
    public var console: UInt16
    public var lineNumber: Int
    public var byteOffset: UInt64
    public var placement: TimelinePlacement
    public var text: String
    /// ns since the capture started when the line arrived (`TimelineEventRecord.captureTime`).
    public var captureTime: Int64?

    public init(console: UInt16, lineNumber: Int, byteOffset: UInt64, placement: TimelinePlacement, text: String, captureTime: Int64? = nil) {
        self.captureTime = captureTime
        self.console = console
        self.lineNumber = lineNumber
        self.byteOffset = byteOffset
        self.placement = placement
        self.text = text
    }
}
