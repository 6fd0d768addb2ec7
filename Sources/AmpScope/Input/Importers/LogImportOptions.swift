/// How to import one log file.
public struct LogImportOptions: Sendable, Hashable {
    /// nil: detect from the first lines.
    public var format: LogFormat?
    /// Role name of the console (`a7`, `m4`); merged files name their consoles themselves.
    public var consoleName: String
    /// Console id of the chunks (merged files number theirs upwards from it).
    public var console: UInt16
    public var firstSequence: UInt64
    /// Longer lines come out in pieces of this size, with nothing lost.
    public var maximumLineLength: Int
    /// The year for `ts`'s default stamps (`Nov 25 08:52:00`), which have none; without it
    /// such a log gets intervals but no wall-clock times.
    public var yearForStampsWithoutYear: Int?

    public init(
        format: LogFormat? = nil, consoleName: String = "console", console: UInt16 = 0, firstSequence: UInt64 = 0,
        maximumLineLength: Int = 1 << 20, yearForStampsWithoutYear: Int? = nil
    ) {
        self.format = format
        self.consoleName = consoleName
        self.console = console
        self.firstSequence = firstSequence
        self.maximumLineLength = maximumLineLength
        self.yearForStampsWithoutYear = yearForStampsWithoutYear
    }
}
