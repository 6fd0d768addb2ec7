/// Moves bytes between several pseudo-terminals and their consumers from one thread: writes
/// queued output as the consumers make room, drains what they type, and sleeps until an
/// absolute CLOCK_MONOTONIC deadline (ppoll, nanosecond timeout) so that timing errors never
/// add up from one wait to the next.
final class PseudoTerminalPump {
    enum Outcome: Equatable {
        case reachedDeadline
        case conditionMet
        case interrupted
    }

    let terminals: [PseudoTerminal]
    /// A descriptor that becomes readable when the pump must stop (the signal self-pipe).
    let interruptDescriptor: Int32?
    /// Called with a terminal's index when its consumer closes it (true) or opens it again (false).
    var onConsumerChange: ((Int, Bool) -> Void)?

    /// A terminal whose consumer is gone reports POLLHUP on every poll; it is left out of the
    /// poll set and looked at again after this long, so that the loop does not spin.
    private static let absentRecheckNanoseconds: UInt64 = 10_000_000
    private var absentSince: [UInt64?]

    init(terminals: [PseudoTerminal], interruptDescriptor: Int32?) {
        self.terminals = terminals
        self.interruptDescriptor = interruptDescriptor
        absentSince = Array(repeating: nil, count: terminals.count)
    }

    /// Pumps until `deadline` (nil: no deadline), `condition` holds, or the interrupt fires.
    func run(until deadline: UInt64?, orWhen condition: () -> Bool = { false }) throws(PseudoTerminalError) -> Outcome {
        var entries: [(fd: Int32, interest: Poller.Readiness)] = []
        var indices: [Int] = []
        while true {
            for terminal in terminals where terminal.isOpen && terminal.pendingByteCount > 0 {
                try terminal.flushPending()
            }
            if condition() { return .conditionMet }
            let now = MonotonicClock.now()
            if let deadline, now >= deadline { return .reachedDeadline }

            entries.removeAll(keepingCapacity: true)
            indices.removeAll(keepingCapacity: true)
            var timeout: Int64 = deadline.map { Int64($0 - now) } ?? -1
            for (index, terminal) in terminals.enumerated() where terminal.isOpen {
                if let since = absentSince[index], now &- since < Self.absentRecheckNanoseconds {
                    let recheck = Int64(since &+ Self.absentRecheckNanoseconds &- now)
                    timeout = timeout < 0 ? recheck : min(timeout, recheck)
                    continue
                }
                entries.append((terminal.master, terminal.pendingByteCount > 0 ? [.readable, .writable] : .readable))
                indices.append(index)
            }
            if let interruptDescriptor {
                entries.append((interruptDescriptor, .readable))
            }
            let ready: [Poller.Readiness]
            switch Poller.waitOnce(entries, timeoutNanoseconds: timeout) {
            case .success(let readiness): ready = readiness
            case .failure(.interrupted): continue
            // poll only fails for bad arguments; treat it as an interruption rather than spin.
            case .failure: return .interrupted
            }
            if interruptDescriptor != nil, !ready.last!.isEmpty { return .interrupted }
            let checked = MonotonicClock.now()
            for (slot, index) in indices.enumerated() {
                let revents = ready[slot]
                let terminal = terminals[index]
                if revents.contains(.readable) { terminal.drainInput() }
                if revents.contains(.hangup) {
                    if absentSince[index] == nil { onConsumerChange?(index, true) }
                    absentSince[index] = checked
                } else if absentSince[index] != nil {
                    absentSince[index] = nil
                    onConsumerChange?(index, false)
                }
            }
        }
    }
}
