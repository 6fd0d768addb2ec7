/// What an analysis run reads: the whole input (`ChunkStream`), or one stretch of it between two
/// boot boundaries when boots are analyzed in parallel (`BootSegment`).
protocol AnalysisInput: AnyObject {
    var consoles: [TimelineConsole] { get }
    var sharedOrder: Bool { get }
    var boardFacts: BoardFacts? { get }
    var follows: Bool { get }
    /// Whether the input's end is this one's end (a segment before the last ends at a boundary);
    /// asked once `next` has returned nil.
    var endsInput: Bool { get }
    func next() throws(TimelineError) -> ChunkStream.Item?
    func discover(_ id: UInt16) -> TimelineConsole?
    func factsWrittenSinceStart() -> BoardFacts?
}

extension ChunkStream: AnalysisInput {
    var endsInput: Bool { true }

    /// What every boot of this input is built with.
    var settings: BootBuilder.Settings {
        BootBuilder.Settings(
            consoles: consoles, hostTimes: hostTimes, sharedOrder: sharedOrder,
            granularity: TimelineAnalyzer.defaultGranularity, granularityByConsole: readGranularity, remoteConsoles: remoteConsoles,
            baud: baud, wallClockBase: wallClockBase, timeOrigin: timeOrigin, clockDescription: clockDescription)
    }
}

/// Where a segment starts in the whole input: lines and bytes each console's line splitting had
/// taken before it (by lane, in the order the consoles were registered).
struct AnalysisResume: Sendable {
    var lineCounts: [Int]
    var byteCounts: [UInt64]
}
