/// What to analyze: a session directory, or log files a user already has.
public enum TimelineSource: Sendable, Hashable {
    case session(directory: String)
    case logs([LogInput])
}

/// One log file to import for the timeline.
public struct LogInput: Sendable, Hashable {
    public var path: String
    /// `a7`, `m4`, or for a merged file the name of the console its unlabelled lines go to.
    public var consoleName: String
    /// nil: inferred from the name (`ConsoleDescriptor.inferredKind`).
    public var kind: ConsoleKind?
    /// nil: detected from the file's first lines.
    public var format: LogFormat?
    public var yearForStampsWithoutYear: Int?

    public init(path: String, consoleName: String, kind: ConsoleKind? = nil, format: LogFormat? = nil, yearForStampsWithoutYear: Int? = nil) {
        self.path = path
        self.consoleName = consoleName
        self.kind = kind
        self.format = format
        self.yearForStampsWithoutYear = yearForStampsWithoutYear
    }
}
