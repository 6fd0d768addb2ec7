/// Keeps a lane's events with bounded memory: of each event name, the first `keepEach` and the
/// last `keepEach` occurrences once there are more than twice that; the rest are only counted.
/// Per name rather than per consecutive run, because repeated events (heartbeats, ping-pong
/// messages) interleave with each other and a per-run cap would bound nothing.
struct EventCapper: Sendable {
    static let keepEach = 10

    private struct Series: Sendable {
        var first: [PendingEvent] = []
        /// Ring of the latest occurrences once `first` is full.
        var last: [PendingEvent] = []
        var nextSlot = 0
        var omitted = 0
    }

    private var series: [String: Series] = [:]

    mutating func add(_ event: PendingEvent) {
        var entry = series.removeValue(forKey: event.record.name) ?? Series()
        if entry.first.count < Self.keepEach {
            entry.first.append(event)
        } else if entry.last.count < Self.keepEach {
            entry.last.append(event)
        } else {
            entry.last[entry.nextSlot] = event
            entry.nextSlot = (entry.nextSlot + 1) % Self.keepEach
            entry.omitted += 1
        }
        series[event.record.name] = entry
    }

    var omitted: Int { series.values.reduce(0) { $0 + $1.omitted } }

    /// The kept events in line order.
    var events: [PendingEvent] {
        series.values.flatMap { $0.first + $0.last }.sorted {
            ($0.point.lineNumber, $0.point.byteOffset) < ($1.point.lineNumber, $1.point.byteOffset)
        }
    }
}
