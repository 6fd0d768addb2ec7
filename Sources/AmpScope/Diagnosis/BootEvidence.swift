/// One boot prepared for evaluation: its events in time order once, its lanes and consoles by
/// id, and the ordering questions rules ask across consoles.
struct BootEvidence: Sendable {
    let boot: BootTimeline
    let events: [TimelineEvent]
    let lanes: [UInt16: ConsoleLane]
    let consoles: [UInt16: TimelineConsole]
    let activity: [UInt16: LaneActivity]

    init(boot: BootTimeline, consoles: [TimelineConsole], activity: [LaneActivity]) {
        self.boot = boot
        events = boot.lanes.flatMap(\.events).sorted(by: TimelineEvent.chronological)
        lanes = Dictionary(boot.lanes.map { ($0.console, $0) }, uniquingKeysWith: { first, _ in first })
        self.consoles = Dictionary(consoles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.activity = Dictionary(activity.map { ($0.console, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A live capture's boot looked at before its end.
    var inProgress: Bool { boot.facts.inProgress == true }

    func kind(of console: UInt16) -> ConsoleKind { consoles[console]?.kind ?? .unknown }

    func name(of console: UInt16) -> String { consoles[console]?.name ?? "console \(console)" }

    /// Console ids of `kind`, ascending.
    func consoleIDs(of kind: ConsoleKind) -> [UInt16] {
        consoles.values.filter { $0.kind == kind }.map(\.id).sorted()
    }

    /// Whether `later` comes after `earlier`: line order on one console, time across consoles
    /// (which needs the consoles on one axis and both lines placed in time).
    func isAfter(_ later: MatchedLine, _ earlier: MatchedLine) -> Truth {
        if later.console == earlier.console { return later.lineNumber > earlier.lineNumber ? .yes : .no }
        if let reason = crossConsoleProblem(later, earlier) { return .unknown(reason) }
        return later.time! > earlier.time! ? .yes : .no
    }

    /// Why two lines of different consoles cannot be compared in time; nil when they can.
    func crossConsoleProblem(_ first: MatchedLine, _ second: MatchedLine) -> String? {
        if boot.alignment.method == .none {
            return "\(name(of: first.console)) and \(name(of: second.console)) are not on one time axis in this boot (\(boot.alignment.statement))"
        }
        for line in [first, second] where line.time == nil {
            return "the \(name(of: line.console)) log has no times for its lines"
        }
        return nil
    }

    /// How far apart two lines may be placed and still be the same instant.
    func tolerance(_ first: MatchedLine, _ second: MatchedLine) -> Int64 {
        let alignment = first.console == second.console ? 0 : boot.alignment.uncertainty
        return alignment + first.uncertainty + second.uncertainty
    }

    func isLastLine(_ event: TimelineEvent) -> Bool {
        event.event.isConsoleLine && lanes[event.event.console]?.lastLine?.lineNumber == event.event.lineNumber
    }
}
