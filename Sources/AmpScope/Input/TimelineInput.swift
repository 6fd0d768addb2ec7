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
