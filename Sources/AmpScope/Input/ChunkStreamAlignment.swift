extension ChunkStream {
    /// How several imported logs go on one axis; nil when one of them has no host times.
    static func alignment(_ importers: [LogImporter], consoles: [TimelineConsole]) -> LogClockAlignment? {
        var logs: [LogClockAlignment.Log] = []
        for importer in importers {
            let summary = importer.summary
            guard summary.hasHostTimes, summary.format != .merged else { return nil }
            let kinds = summary.consoles.compactMap { console in consoles.first { $0.id == console.id }?.kind }
            logs.append(LogClockAlignment.Log(
                path: summary.path, clock: clock(of: importer, summary),
                isMicrocontroller: kinds.contains(.microcontroller), isApplication: kinds.contains(.application)))
        }
        return LogClockAlignment(logs) { index in
            microcontrollerStart(in: importers[index])
        }
    }

    private static func clock(of importer: LogImporter, _ summary: ImportedLog) -> LogClockAlignment.Clock {
        if summary.timeBase == .hostWallClock, let wall = summary.firstWallClock { return .dated(wall) }
        guard !importer.stampsAreIntervals, let first = importer.sampleFirstStamp ?? importer.firstStamp else {
            return .sinceStart(0, captureZero: false)
        }
        switch first {
        case .timeOfDay(let time): return .timeOfDay(time)
        case .dateless(_, _, let time): return .timeOfDay(time)
        case .seconds(let zero): return .sinceStart(zero, captureZero: summary.innerFormat == .ampscope)
        case .epoch(let wall): return .dated(wall)
        }
    }

    /// The time (on the log's own axis) of its first line that starts the M-core, read by a
    /// second streaming pass over the file; nil when it has none.
    private static func microcontrollerStart(in importer: LogImporter) -> Int64? {
        guard let scan = try? LogImporter(path: importer.path, options: importer.options) else { return nil }
        while let chunk = try? scan.next() {
            if LogClockAlignment.microcontrollerStarts.contains(where: { chunk.bytes.contains(subsequence: $0) }) {
                return Int64(chunk.time)
            }
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    fileprivate func contains(subsequence needle: [UInt8]) -> Bool {
        guard count >= needle.count, let first = needle.first else { return false }
        var index = 0
        while index + needle.count <= count {
            if self[index] == first, self[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
