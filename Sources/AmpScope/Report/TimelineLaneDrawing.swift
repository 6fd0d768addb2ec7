/// Draws one console's lane of a boot: its phases as labelled segments across the plot, and a
/// row of markers under it where its key events happened.
struct TimelineLaneDrawing: Sendable {
    /// Columns of the plot (the part right of the console names).
    let columns: Int
    /// Where `column(for:)` gets its times: a time axis, or (order-only boots) phase order.
    let scale: TimelineScale?
    let colorIndex: Int
    /// The boot's last line on any console; a lane whose own last line is at least
    /// `silenceThreshold` earlier draws the rest as silence.
    var bootEnd: Int64? = nil

    static let silenceThreshold: Int64 = 1_000_000_000

    struct Segment: Sendable, Hashable {
        var phase: BootPhase
        var start: Int
        var end: Int
        /// First line of the phase and of the next one (order-only placement of events within it).
        var firstLine: Int
        var nextLine: Int?
    }

    struct Marker: Sendable, Hashable {
        var column: Int
        var count: Int
        var severity: EventSeverity
        /// The lane's last line is in this column.
        var isLastLine = false
    }

    /// The column where the lane falls silent for good while the boot goes on (≥ 1 s) on another
    /// console; nil when it printed to the end, halted (drawn as such) or the boot has no times.
    func silenceStart(of lane: ConsoleLane) -> Int? {
        guard let scale, let bootEnd, let last = lane.lastLine?.placement.time, bootEnd - last >= Self.silenceThreshold,
              lane.phases.last?.phase != .halted else { return nil }
        let column = scale.column(last) + 1
        return column < columns - 1 ? column : nil
    }

    /// The phases as segments `[start, end)`, each at least one column wide so every phase
    /// shows its boundary, in order.
    func segments(of lane: ConsoleLane) -> [Segment] {
        var segments: [Segment] = []
        if let scale {
            var previousStart = -1
            for phase in lane.phases {
                // A phase known only by order (its proof had no time) still shows, right after the one before it.
                let placed = phase.start.time.map(scale.column) ?? max(previousStart + 1, 0)
                let start = max(placed, previousStart + 1)
                guard start < columns else { break }
                segments.append(Segment(phase: phase.phase, start: start, end: columns, firstLine: phase.evidence.lineNumber))
                previousStart = start
            }
            for index in segments.indices.dropLast() { segments[index].end = segments[index + 1].start }
            if let last = segments.indices.last, segments.count == lane.phases.count, let endTime = lane.phases.last?.end?.time {
                segments[last].end = min(columns, max(segments[last].start + 1, scale.column(endTime) + 1))
            }
        } else {
            let count = lane.phases.count
            for (index, phase) in lane.phases.enumerated() {
                let start = index * columns / count
                let end = (index + 1) * columns / count
                guard end > start else { continue }
                segments.append(Segment(phase: phase.phase, start: start, end: end, firstLine: phase.evidence.lineNumber))
            }
        }
        if let silence = silenceStart(of: lane) {
            segments.removeAll { $0.start >= silence }
            if let last = segments.indices.last { segments[last].end = min(segments[last].end, silence) }
        }
        for index in segments.indices.dropLast() { segments[index].nextLine = segments[index + 1].firstLine }
        if let last = segments.indices.last, let lastLine = lane.lastLine { segments[last].nextLine = lastLine.lineNumber + 1 }
        return segments
    }

    /// `SPL│U-Boot────│kernel──────…`: a bar at each boundary but the plot's left edge, the phase's
    /// name (cut with `…` when the segment is narrower), then a rule to the next phase. A phase
    /// too short for even one letter and `…` gives its name to the next one (`│started›running──`).
    /// A halted core draws `✕ halted` and nothing after it: it prints nothing more.
    func phaseRow(_ lane: ConsoleLane) -> StyledLine {
        var row = StyledLine()
        var carried: (start: Int, titles: [String])?
        let all = segments(of: lane)
        for (index, segment) in all.enumerated() {
            let halted = segment.phase == .halted
            let start = carried?.start ?? segment.start
            let title = ((carried?.titles ?? []) + [halted ? "✕ halted" : segment.phase.title]).joined(separator: "›")
            let room = segment.end - start - (start > 0 ? 1 : 0)
            if room < 2, index < all.count - 1 {
                carried = (start, (carried?.titles ?? []) + [halted ? "✕ halted" : segment.phase.title])
                continue
            }
            carried = nil
            var column = start
            if column > 0 {
                row.put("│", at: column, style: halted ? .error : .console(colorIndex))
                column += 1
            }
            let label = title.count <= room ? title : room >= 2 ? String(title.prefix(room - 1)) + "…" : ""
            row.put(label, at: column, style: halted ? .error : .consoleBold(colorIndex))
            let fill = String(repeating: halted ? " " : "─", count: max(0, room - label.count))
            row.put(fill, at: column + label.count, style: .console(colorIndex))
        }
        if let silence = silenceStart(of: lane) {
            let room = columns - silence
            let label = room >= 10 ? "┄┄ silent " : ""
            row.put(label + String(repeating: "┄", count: room - label.count), at: silence, style: .dim)
        }
        return row
    }

    /// Key events at their columns; events in the same or the next column merge into one mark
    /// that shows how many it stands for, so marks never touch and none is hidden.
    func markers(of lane: ConsoleLane) -> [Marker] {
        let laneSegments = segments(of: lane)
        let placed = lane.events.filter(\.event.isKey).compactMap { event -> (Int, EventSeverity)? in
            column(for: event, in: laneSegments).map { ($0, event.event.severity) }
        }.sorted { $0.0 < $1.0 }
        var markers: [Marker] = []
        for (column, severity) in placed {
            if let last = markers.last, column - last.column <= 1 {
                markers[markers.count - 1].count += 1
                markers[markers.count - 1].severity = max(last.severity, severity)
            } else {
                markers.append(Marker(column: column, count: 1, severity: severity))
            }
        }
        if silenceStart(of: lane) != nil, let scale, let last = lane.lastLine?.placement.time {
            let column = scale.column(last)
            if let index = markers.firstIndex(where: { abs($0.column - column) <= 1 }) {
                markers[index].isLastLine = true
            } else {
                markers.append(Marker(column: column, count: 1, severity: .info, isLastLine: true))
                markers.sort { $0.column < $1.column }
            }
        }
        return markers
    }

    func markerRow(_ lane: ConsoleLane) -> StyledLine? {
        let markers = markers(of: lane)
        guard !markers.isEmpty else { return nil }
        var row = StyledLine()
        for marker in markers {
            let glyph = marker.count == 1 ? (marker.isLastLine ? "●" : "▲") : marker.count < 10 ? String(marker.count) : "+"
            let style: TimelineStyle = switch marker.severity {
            case .error, .fatal: .error
            case .warning: .warning
            default: .consoleBold(colorIndex)
            }
            row.put(glyph, at: marker.column, style: style)
        }
        return row
    }

    /// On a time axis, the event's time; in an order-only boot, its line's position between the
    /// first lines of its phase and the next.
    private func column(for event: TimelineEvent, in segments: [Segment]) -> Int? {
        if let scale { return event.placement.time.map(scale.column) }
        let line = event.event.lineNumber
        guard let segment = segments.last(where: { $0.firstLine <= line }) ?? segments.first else { return nil }
        let span = max(1, (segment.nextLine ?? segment.firstLine + 1) - segment.firstLine)
        let fraction = Double(max(0, line - segment.firstLine)) / Double(span)
        return min(segment.end - 1, segment.start + Int(fraction * Double(segment.end - segment.start)))
    }
}
