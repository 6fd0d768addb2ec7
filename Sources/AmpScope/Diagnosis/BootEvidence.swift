/// One boot prepared for evaluation: its events in time order once, its lanes and consoles by
/// id, and the ordering questions rules ask across consoles. Immutable, and a class so that the
/// evaluator, the finding builder and the closures that visit candidates share it rather than
/// copying its dozen fields each time.
final class BootEvidence: Sendable {
    let boot: BootTimeline
    let events: [TimelineEvent]
    let lanes: ValuesByConsole<ConsoleLane>
    let consoles: ValuesByConsole<TimelineConsole>
    let activity: ValuesByConsole<LaneActivity>
    /// Positions in `events` of each definition id and each event name, ascending: a selector
    /// that names its events looks only at those (a boot has hundreds of events and a
    /// catalogue of rules each asking for one or two names, for every boot of a soak log).
    private let positionsByName: [String: [Int]]
    /// `consoleIDs(of:)` for every kind, asked by every rule of every boot.
    private let consoleIDsByKind: [(kind: ConsoleKind, ids: [UInt16])]
    /// The latest time any event of the boot is placed at (printk-timed lines of an otherwise
    /// untimed log have one); nil when none is placed in time.
    let latestTime: Int64?

    init(boot: BootTimeline, consoles: [TimelineConsole], activity: [LaneActivity]) {
        self.boot = boot
        // Sorting positions with the same comparator gives the same order as sorting the events,
        // without moving them (each holds strings and a dictionary) through the merge sort.
        let unsorted = boot.lanes.flatMap(\.events)
        events = unsorted.indices.sorted { TimelineEvent.chronological(unsorted[$0], unsorted[$1]) }.map { unsorted[$0] }
        var positions = [String: [Int]](minimumCapacity: events.count * 2)
        for (position, event) in events.enumerated() {
            positions[event.event.definitionID, default: []].append(position)
            if !event.event.name.equalsLengthFirst(event.event.definitionID) { positions[event.event.name, default: []].append(position) }
        }
        positionsByName = positions
        latestTime = events.lazy.compactMap(\.placement.time).max()
        lanes = ValuesByConsole(boot.lanes, id: \.console)
        self.consoles = ValuesByConsole(consoles, id: \.id)
        self.activity = ValuesByConsole(activity, id: \.console)
        var byKind: [(kind: ConsoleKind, ids: [UInt16])] = []
        for console in self.consoles.values {
            if let index = byKind.firstIndex(where: { $0.kind == console.kind }) {
                byKind[index].ids.append(console.id)
            } else {
                byKind.append((console.kind, [console.id]))
            }
        }
        consoleIDsByKind = byKind.map { ($0.kind, $0.ids.sorted()) }
    }

    /// Positions in `events` that can match `selector` by name, ascending (every position when it
    /// names none): the same events in the same order as a scan of all of them would test.
    func candidates(for selector: EventSelector) -> [Int] {
        guard !selector.events.isEmpty else { return Array(events.indices) }
        if selector.events.count == 1 { return positionsByName[selector.events[0]] ?? [] }
        var merged: [Int] = []
        for name in selector.events { merged += positionsByName[name] ?? [] }
        merged.sort()
        var unique: [Int] = []
        unique.reserveCapacity(merged.count)
        for position in merged where unique.last != position { unique.append(position) }
        return unique
    }

    /// A live capture's boot looked at before its end.
    var inProgress: Bool { boot.facts.inProgress == true }

    /// Whether the console's first or last line in this boot was stamped by the host; nil when
    /// the console has no lane in this boot.
    func isHostTimed(_ console: UInt16) -> Bool? {
        lanes.withValue(console) { $0.firstLine?.placement.source == .host || $0.lastLine?.placement.source == .host }
    }

    func kind(of console: UInt16) -> ConsoleKind { consoles[console]?.kind ?? .unknown }

    func name(of console: UInt16) -> String { consoles[console]?.name ?? "console \(console)" }

    /// Console ids of `kind`, ascending.
    func consoleIDs(of kind: ConsoleKind) -> [UInt16] {
        consoleIDsByKind.first { $0.kind == kind }?.ids ?? []
    }

    /// Whether `later` comes after `earlier`: line order on one console, time across consoles
    /// (which needs the consoles on one axis and both lines placed in time).
    func isAfter(_ later: some LinePlace, _ earlier: some LinePlace) -> Truth {
        if later.console == earlier.console { return later.lineNumber > earlier.lineNumber ? .yes : .no }
        if let reason = crossConsoleProblem(later, earlier) { return .unknown(reason) }
        return later.time! > earlier.time! ? .yes : .no
    }

    /// Why two lines of different consoles cannot be compared in time; nil when they can.
    func crossConsoleProblem(_ first: some LinePlace, _ second: some LinePlace) -> String? {
        if boot.alignment.method == .none {
            return "\(name(of: first.console)) and \(name(of: second.console)) are not on one time axis in this boot (\(boot.alignment.statement))"
        }
        if first.time == nil { return "the \(name(of: first.console)) log has no times for its lines" }
        if second.time == nil { return "the \(name(of: second.console)) log has no times for its lines" }
        return nil
    }

    /// How far apart two lines may be placed and still be the same instant.
    func tolerance(_ first: some LinePlace, _ second: some LinePlace) -> Int64 {
        let alignment = first.console == second.console ? 0 : boot.alignment.uncertainty
        return alignment + first.uncertainty + second.uncertainty
    }

    func isLastLine(_ event: TimelineEvent) -> Bool {
        event.event.isConsoleLine && lanes[event.event.console]?.lastLine?.lineNumber == event.event.lineNumber
    }
}

/// Where a line is, for the ordering questions: a matched line, or an event being tested (which
/// need not be copied into a `MatchedLine` for that).
protocol LinePlace {
    var console: UInt16 { get }
    var lineNumber: Int { get }
    var time: Int64? { get }
    var uncertainty: Int64 { get }
}

extension MatchedLine: LinePlace {}

struct EventPlace: LinePlace {
    var console: UInt16
    var lineNumber: Int
    var time: Int64?
    var uncertainty: Int64

    init(_ event: TimelineEvent) {
        console = event.event.console
        lineNumber = event.event.lineNumber
        time = event.placement.time
        uncertainty = event.placement.uncertainty
    }
}
