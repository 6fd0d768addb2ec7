/// Per-console garbage statistics of one boot (`ConsoleLane.activity`), filled by the timeline
/// engine from `LineAnalysis` scores: wrong baud from the first byte, or a console that turned to
/// garbage later (UART re-clocked). Garbage rules over a console without one go to "not checked".
public struct LaneActivity: Sendable, Hashable, Codable {
    public var console: UInt16
    /// The console's first line scored as garbage in the boot; nil when every line was clean.
    public var firstGarbageLine: LineReference?
    /// Clean lines the console printed before `firstGarbageLine` (all of them without garbage).
    public var cleanLinesBeforeGarbage: Int
    /// Lines from `firstGarbageLine` to the end of the boot, and how many of them were garbage.
    public var linesFromFirstGarbage: Int
    public var garbageLinesFromFirstGarbage: Int

    public init(
        console: UInt16, firstGarbageLine: LineReference?, cleanLinesBeforeGarbage: Int, linesFromFirstGarbage: Int,
        garbageLinesFromFirstGarbage: Int
    ) {
        self.console = console
        self.firstGarbageLine = firstGarbageLine
        self.cleanLinesBeforeGarbage = cleanLinesBeforeGarbage
        self.linesFromFirstGarbage = linesFromFirstGarbage
        self.garbageLinesFromFirstGarbage = garbageLinesFromFirstGarbage
    }

    /// Share of garbage from the first garbage line on; 0 without garbage.
    public var garbageRatio: Double {
        linesFromFirstGarbage == 0 ? 0 : Double(garbageLinesFromFirstGarbage) / Double(linesFromFirstGarbage)
    }
}
