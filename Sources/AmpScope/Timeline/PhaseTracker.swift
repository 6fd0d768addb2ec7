/// Follows one console's phases within a boot. A phase only moves forward in its core's order
/// (`BootPhase.applicationOrder` or `microcontrollerOrder`); `halted` can follow any phase.
/// The M-core's `running` is never printed: it is entered at the first line after `started`.
struct PhaseTracker: Sendable {
    struct Entry: Sendable {
        var phase: BootPhase
        var evidence: PendingLine
    }

    private let order: [BootPhase]
    private(set) var entries: [Entry] = []
    private var currentRank = -1
    /// `started` was entered and the next line of the console proves `running`.
    private(set) var awaitsRunning = false

    init(kind: ConsoleKind) {
        order = kind == .microcontroller ? BootPhase.microcontrollerOrder : BootPhase.applicationOrder
    }

    var current: BootPhase? { entries.last?.phase }

    /// Offers an event's phase; returns whether the console entered it.
    @discardableResult
    mutating func observe(_ phase: BootPhase, evidence: PendingLine) -> Bool {
        if phase == .halted {
            guard current != .halted else { return false }
            enter(.halted, evidence: evidence)
            return true
        }
        guard current != .halted, let rank = order.firstIndex(of: phase), rank > currentRank else { return false }
        currentRank = rank
        enter(phase, evidence: evidence)
        awaitsRunning = phase == .started
        return true
    }

    /// The first line after `started`: the firmware is running.
    mutating func enterRunning(evidence: PendingLine) {
        awaitsRunning = false
        observe(.running, evidence: evidence)
    }

    private mutating func enter(_ phase: BootPhase, evidence: PendingLine) {
        entries.append(Entry(phase: phase, evidence: evidence))
    }
}
