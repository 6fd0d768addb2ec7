/// Keeps a lane's events with bounded memory: of each event name, the first `keepEach` and the
/// last `keepEach` occurrences once there are more than twice that; the rest are only counted.
/// Per name rather than per consecutive run, because repeated events (heartbeats, ping-pong
/// messages) interleave with each other and a per-run cap would bound nothing.
struct EventCapper: Sendable {
    static let keepEach = 10

    private struct Series: Sendable {
        let name: String
        var first: [PendingEvent] = []
        /// Ring of the latest occurrences once `first` is full.
        var last: [PendingEvent] = []
        var nextSlot = 0
        var omitted = 0
    }

    /// Series in order of first occurrence (indices into it rather than the series themselves
    /// in a table: no copy-on-write dance per event).
    private var series: [Series] = []
    /// The series of each `Event.nameIndex` seen, -1 where not yet: classified events are
    /// grouped without hashing their names (a name table per lane and boot, and a hash per name,
    /// were most of the capper's cost).
    private var seriesOfNameIndex: [Int] = []
    /// Series of events without a name index (typed input, markers, gaps), by name.
    private var unindexedSeries: [String: Int] = [:]

    /// `nameIndex`: the event's `Event.nameIndex` (-1 when unknown; then only the name is used).
    mutating func add(_ event: PendingEvent, nameIndex: Int32 = -1) {
        let code = Int(nameIndex)
        let index: Int
        if code >= 0 {
            if code < seriesOfNameIndex.count, seriesOfNameIndex[code] >= 0 {
                index = seriesOfNameIndex[code]
            } else {
                // Same name, same series, whichever way the first event of the name came.
                index = (unindexedSeries.isEmpty ? nil : unindexedSeries[event.record.name]) ?? newSeries(event.record.name)
                if code >= seriesOfNameIndex.count { seriesOfNameIndex += repeatElement(-1, count: code + 1 - seriesOfNameIndex.count) }
                seriesOfNameIndex[code] = index
            }
        } else if let known = unindexedSeries[event.record.name] {
            index = known
        } else {
            let name = event.record.name
            index = series.firstIndex { $0.name == name } ?? newSeries(name)
            unindexedSeries[name] = index
        }
        if series[index].first.count < Self.keepEach {
            series[index].first.append(event)
        } else if series[index].last.count < Self.keepEach {
            series[index].last.append(event)
        } else {
            series[index].last[series[index].nextSlot] = event
            series[index].nextSlot = (series[index].nextSlot + 1) % Self.keepEach
            series[index].omitted += 1
        }
    }

    private mutating func newSeries(_ name: String) -> Int {
        series.append(Series(name: name))
        return series.count - 1
    }

    var omitted: Int { series.reduce(0) { $0 + $1.omitted } }

    /// The kept events in line order (ties, which only events of one line can have, in order of
    /// first occurrence of their names). Sorts positions, not the events: moving the events
    /// themselves (strings, a dictionary each) cost as much as building them.
    var events: [PendingEvent] {
        var kept: [PendingEvent] = []
        kept.reserveCapacity(series.reduce(0) { $0 + $1.first.count + $1.last.count })
        for entry in series {
            kept += entry.first
            kept += entry.last
        }
        // One series, or series that never interleaved: already in line order.
        if zip(kept, kept.dropFirst()).allSatisfy({ ($0.point.lineNumber, $0.point.byteOffset) <= ($1.point.lineNumber, $1.point.byteOffset) }) {
            return kept
        }
        let order = kept.indices.sorted { first, second in
            let (left, right) = (kept[first].point, kept[second].point)
            if left.lineNumber != right.lineNumber { return left.lineNumber < right.lineNumber }
            if left.byteOffset != right.byteOffset { return left.byteOffset < right.byteOffset }
            return first < second
        }
        return order.map { kept[$0] }
    }
}
