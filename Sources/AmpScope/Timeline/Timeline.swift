/// The unified boot timeline of one capture or set of logs: the consoles, where their lines came
/// from, and the boots found in them. Plain data, built by `TimelineAnalyzer`, drawn by the
/// swimlane renderer and encoded as-is by `ampscope timeline --format json`.
public struct Timeline: Sendable, Hashable, Codable {
    public var consoles: [TimelineConsole]
    public var inputs: [TimelineInput]
    public var boots: [BootTimeline]
    /// Things the reader should know about the whole input (damage, missing times, ...).
    public var warnings: [String]

    public init(consoles: [TimelineConsole], inputs: [TimelineInput], boots: [BootTimeline], warnings: [String] = []) {
        self.consoles = consoles
        self.inputs = inputs
        self.boots = boots
        self.warnings = warnings
    }
}

public struct TimelineConsole: Sendable, Hashable, Codable {
    public var id: UInt16
    /// Role name: `a7`, `m4` or whatever the user called it.
    public var name: String
    public var kind: ConsoleKind

    public init(id: UInt16, name: String, kind: ConsoleKind) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}

/// One input: a session directory or an imported log file.
public struct TimelineInput: Sendable, Hashable, Codable {
    public var path: String
    /// `session`, or a `LogFormat` raw value (`plain`, `tio`, `dmesg`, ...).
    public var format: String
    /// Consoles (ids) whose lines came from this input.
    public var consoles: [UInt16]
    /// What the input's line times are: `host-monotonic` for a session, else an `ImportedTimeBase`.
    public var timeBase: String
    /// Unix epoch ns of the input's first line when it can be placed in wall-clock time.
    public var wallClockStart: Int64?
    public var warnings: [String]

    public init(path: String, format: String, consoles: [UInt16], timeBase: String, wallClockStart: Int64? = nil, warnings: [String] = []) {
        self.path = path
        self.format = format
        self.consoles = consoles
        self.timeBase = timeBase
        self.wallClockStart = wallClockStart
        self.warnings = warnings
    }
}
