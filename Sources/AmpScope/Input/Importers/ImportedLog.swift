/// What an import found: the format, the consoles, whether and how lines were timed, and
/// anything the user should know about the file.
public struct ImportedLog: Sendable, Hashable {
    public struct Console: Sendable, Hashable {
        public var id: UInt16
        public var name: String
        public var lineCount: Int
    }

    public var path: String
    public var format: LogFormat
    /// For `merged`: the format after the console labels; otherwise `format`.
    public var innerFormat: LogFormat
    public var consoles: [Console]
    public var lineCount: Int
    public var byteCount: UInt64
    public var timeBase: ImportedTimeBase
    /// Stamped lines whose stamp was read as ns since the Unix epoch (stamps carry no zone,
    /// so they are read as UTC: two files written on one host still align).
    public var firstWallClock: Int64?
    public var lastWallClock: Int64?
    /// Non-blank lines without a stamp in a stamped format; they took the previous line's time.
    public var unstampedLines: Int
    public var warnings: [String]
    /// The one of `warnings` that is moot once the log was put on another log's clock.
    public var placementWarning: String?

    public var hasHostTimes: Bool { timeBase.isHostTime }
}
