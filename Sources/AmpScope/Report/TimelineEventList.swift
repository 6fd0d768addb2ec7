/// The list under a boot's swimlanes: its key events in time order, each with its time, how
/// sure that time is (when it is not a host time), the console and the line, plus each M-core's
/// last line, which tells where it stopped.
struct TimelineEventList: Sendable {
    struct Entry: Sendable, Hashable {
        var placement: TimelinePlacement
        var console: UInt16
        var lineNumber: Int
        var text: String
        var severity: EventSeverity
        var isLastLine: Bool
        var isConsoleLine = true
        var captureTime: Int64?
    }

    let entries: [Entry]
    /// Whether the boot has a time axis; an order-only boot lists line numbers instead.
    let timed: Bool
    /// Rows show each line's capture time where it has one (a host time: no bound shown).
    let captureTimes: Bool

    init(boot: BootTimeline, kinds: [UInt16: ConsoleKind], timed: Bool, captureTimes: Bool = false) {
        self.timed = timed
        self.captureTimes = captureTimes
        var entries = boot.keyEvents.map {
            Entry(placement: $0.placement, console: $0.event.console, lineNumber: $0.event.lineNumber,
                  text: $0.event.text, severity: $0.event.severity, isLastLine: false, isConsoleLine: $0.event.isConsoleLine,
                  captureTime: $0.event.captureTime)
        }
        for lane in boot.lanes where kinds[lane.console] == .microcontroller {
            guard let last = lane.lastLine else { continue }
            if let index = entries.firstIndex(where: { $0.isConsoleLine && $0.console == last.console && $0.lineNumber == last.lineNumber }) {
                entries[index].isLastLine = true
            } else {
                entries.append(Entry(placement: last.placement, console: last.console, lineNumber: last.lineNumber,
                                     text: last.text, severity: .info, isLastLine: true, captureTime: last.captureTime))
            }
        }
        var ordered = Self.ordered(entries)
        // Shown in capture time, the list reads in that time's order (the arrival order of lines).
        if captureTimes, ordered.allSatisfy({ $0.captureTime != nil }) {
            ordered = ordered.enumerated().sorted { ($0.element.captureTime!, $0.offset) < ($1.element.captureTime!, $1.offset) }.map(\.element)
        }
        self.entries = ordered
    }

    /// In time order. An entry known only by order sorts with the timed entry before it on its
    /// own console (or the one after, when none is before), so it stays among its neighbours
    /// instead of gathering at one end.
    static func ordered(_ entries: [Entry]) -> [Entry] {
        var byConsole: [UInt16: [Entry]] = [:]
        for entry in entries { byConsole[entry.console, default: []].append(entry) }
        var keyed: [(time: Int64, entry: Entry)] = []
        for consoleEntries in byConsole.values {
            let sorted = consoleEntries.sorted { $0.lineNumber < $1.lineNumber }
            var following: [Int64?] = Array(repeating: nil, count: sorted.count)
            var next: Int64?
            for index in sorted.indices.reversed() {
                next = sorted[index].placement.time ?? next
                following[index] = next
            }
            var previous: Int64?
            for (index, entry) in sorted.enumerated() {
                previous = entry.placement.time ?? previous
                keyed.append((previous ?? following[index] ?? 0, entry))
            }
        }
        return keyed.sorted { lhs, rhs in
            if lhs.time != rhs.time { return lhs.time < rhs.time }
            if lhs.entry.console != rhs.entry.console { return lhs.entry.console < rhs.entry.console }
            return lhs.entry.lineNumber < rhs.entry.lineNumber
        }.map(\.entry)
    }

    func rows(names: [UInt16: String], colors: [UInt16: Int]) -> [StyledLine] {
        let times = entries.map { entry in
            if captureTimes, let captured = entry.captureTime { return TimelineTimeText.seconds(captured) }
            return timed ? entry.placement.time.map(TimelineTimeText.seconds) ?? "line \(entry.lineNumber)" : "line \(entry.lineNumber)"
        }
        let certainties = entries.map { captureTimes && $0.captureTime != nil ? "" : Self.certainty($0) }
        let timeWidth = times.map(\.count).max() ?? 0
        let certaintyWidth = certainties.map(\.count).max() ?? 0
        let nameWidth = entries.map { names[$0.console, default: "?"].count }.max() ?? 0
        return entries.indices.map { index in
            let entry = entries[index]
            let name = names[entry.console, default: "#\(entry.console)"]
            var row = StyledLine("  " + String(repeating: " ", count: timeWidth - times[index].count) + times[index])
            if certaintyWidth > 0 {
                row.append("  " + certainties[index] + String(repeating: " ", count: certaintyWidth - certainties[index].count), style: .dim)
            }
            row.append("  ")
            row.append(name + String(repeating: " ", count: nameWidth - name.count), style: .console(colors[entry.console, default: 0]))
            row.append("  ")
            if entry.isLastLine { row.append("[last \(name.uppercased()) line] ", style: .bold) }
            let style: TimelineStyle = switch entry.severity {
            case .error, .fatal: .error
            case .warning: .warning
            default: .plain
            }
            // The list shows the time already: the kernel's stamp in front of every line is noise there.
            row.append(PrintkTime.withoutLeadingStamp(entry.text), style: style)
            return row
        }
    }

    /// Blank for a host time (as good as the capture); otherwise its bound, or that only order is known.
    private static func certainty(_ entry: Entry) -> String {
        if entry.placement.time == nil || entry.placement.source == .order { return "order only" }
        if entry.placement.source == .host { return "" }
        return "± " + TimelineTimeText.duration(entry.placement.uncertainty)
    }
}
