/// How to play a session back.
public struct ReplayOptions: Sendable, Hashable {
    /// 1 = recorded timing, 2 = twice as fast, 0 = as fast as the consumers read.
    public var speed: Double
    /// Seconds to keep the pseudo-terminals open after the last chunk, so consumers read it all.
    public var holdSeconds: Double
    public var faults: [Fault]
    /// Seconds to wait for every console to be opened; nil waits until interrupted.
    public var openTimeoutSeconds: Double?

    public init(speed: Double = 1, holdSeconds: Double = 1, faults: [Fault] = [], openTimeoutSeconds: Double? = nil) {
        self.speed = speed
        self.holdSeconds = holdSeconds
        self.faults = faults
        self.openTimeoutSeconds = openTimeoutSeconds
    }
}

/// Why a replay could not run, and what to do about it.
public enum ReplayError: Error, CustomStringConvertible, Equatable {
    case invalidOption(String)
    case fault(FaultSpecError)
    case terminal(PseudoTerminalError)
    case consumersDidNotOpen([String], waitedSeconds: Double)

    public var description: String {
        switch self {
        case .invalidOption(let message): return message
        case .fault(let error): return error.description
        case .terminal(let error): return error.description
        case .consumersDidNotOpen(let names, let seconds):
            return "nobody opened the pseudo-terminal of \(names.joined(separator: ", ")) within \(Int(seconds.rounded())) s: "
                + "start the consumer (ampscope capture, picocom, ...) on the printed paths, or give it longer with --open-timeout SECONDS"
        }
    }
}

/// A console of the replay and the pseudo-terminal that plays it.
public struct ReplayConsole: Sendable, Hashable {
    public var id: UInt16
    public var name: String
    public var path: String
}

/// What happened during a replay, as it happens.
public enum ReplayEvent: Sendable, Hashable {
    case waitingForConsumers([String])
    case started
    case faultFired(String)
    case consumerClosed(String)
    case consumerReopened(String)
    case sessionDamage(String)
}

public struct ReplaySummary: Sendable, Hashable {
    public var chunks = 0
    /// Bytes written per console name (after faults).
    public var bytesWritten: [String: Int] = [:]
    /// Bytes removed by faults per console name.
    public var bytesDropped: [String: UInt64] = [:]
    public var interrupted = false
}

/// Plays a session into one pseudo-terminal per console with its recorded timing, streaming
/// records from the reader (never the whole session in memory), optionally with faults.
public final class Replayer {
    public let consoles: [ReplayConsole]
    /// What a consumer typed into a console (console name, bytes).
    public var onInput: ((String, [UInt8]) -> Void)?

    private let reader: SessionReader
    private let options: ReplayOptions
    private let terminals: [PseudoTerminal]
    private var terminalIndex: [UInt16: Int] = [:]
    private var faults: FaultEngine
    /// Reading stops while a consumer lags this far behind, so memory stays bounded.
    private static let pendingHighWater = 1 << 20

    public init(reader: SessionReader, options: ReplayOptions) throws(ReplayError) {
        guard options.speed.isFinite, options.speed >= 0 else {
            throw .invalidOption("--speed must be 0 (as fast as possible) or a positive factor, not \(options.speed)")
        }
        guard options.holdSeconds.isFinite, options.holdSeconds >= 0 else {
            throw .invalidOption("--hold must be 0 or more seconds, not \(options.holdSeconds)")
        }
        self.reader = reader
        self.options = options
        do { faults = try FaultEngine(faults: options.faults, consoles: reader.header.consoles) } catch { throw .fault(error) }
        var terminals: [PseudoTerminal] = []
        var consoles: [ReplayConsole] = []
        for descriptor in reader.header.consoles {
            let terminal: PseudoTerminal
            do { terminal = try PseudoTerminal() } catch { throw .terminal(error) }
            terminalIndex[descriptor.id] = terminals.count
            terminals.append(terminal)
            consoles.append(ReplayConsole(id: descriptor.id, name: descriptor.name, path: terminal.path))
        }
        self.terminals = terminals
        self.consoles = consoles
        for (index, terminal) in terminals.enumerated() {
            let name = consoles[index].name
            terminal.onInput = { [weak self] bytes in self?.onInput?(name, bytes) }
        }
    }

    /// Waits for every console to be opened, then replays; returns when the session has been
    /// played and held, or when `interruptDescriptor` becomes readable (Ctrl-C self-pipe).
    /// The pseudo-terminals are closed on return either way.
    public func run(
        interruptDescriptor: Int32? = nil, events: (ReplayEvent) -> Void = { _ in }
    ) throws(ReplayError) -> ReplaySummary {
        defer { terminals.forEach { $0.close() } }
        var summary = ReplaySummary()
        guard try waitForConsumers(interruptDescriptor: interruptDescriptor, events: events) else {
            summary.interrupted = true
            return summary
        }
        let pump = PseudoTerminalPump(terminals: terminals, interruptDescriptor: interruptDescriptor)
        var changes: [ReplayEvent] = []
        pump.onConsumerChange = { [consoles] index, closed in
            changes.append(closed ? .consumerClosed(consoles[index].name) : .consumerReopened(consoles[index].name))
        }
        func report() {
            changes.forEach(events)
            changes.removeAll()
        }
        events(.started)
        let start = MonotonicClock.now()
        var firstChunkTime: UInt64?
        do {
            while let record = reader.next() {
                guard case .chunk(let chunk) = record, let index = terminalIndex[chunk.console] else { continue }
                let first = firstChunkTime ?? chunk.time
                firstChunkTime = first
                let deadline = options.speed == 0 ? start : start &+ UInt64(Double(chunk.time &- first) / options.speed)
                let highWater = Self.pendingHighWater
                let outcome = try pump.run(until: deadline) { [terminals] in
                    options.speed == 0 && terminals.allSatisfy { $0.pendingByteCount < highWater }
                }
                report()
                if outcome == .interrupted { summary.interrupted = true; break }
                if options.speed != 0, terminals.contains(where: { $0.pendingByteCount >= highWater }) {
                    // The consumer lags a megabyte behind: wait for it rather than buffer more.
                    if try pump.run(until: nil, orWhen: { [terminals] in terminals.allSatisfy { $0.pendingByteCount < highWater } }) == .interrupted {
                        summary.interrupted = true
                        break
                    }
                }
                let result = faults.apply(chunk)
                result.notes.forEach { events(.faultFired($0)) }
                summary.chunks += 1
                summary.bytesWritten[consoles[index].name, default: 0] += result.bytes.count
                if !result.bytes.isEmpty {
                    // Written now, at the deadline: reading the next record may take a while.
                    terminals[index].enqueue(result.bytes)
                    try terminals[index].flushPending()
                }
            }
            if !summary.interrupted {
                let drained = try pump.run(until: nil) { [terminals] in terminals.allSatisfy { $0.pendingByteCount == 0 } }
                report()
                if drained == .interrupted {
                    summary.interrupted = true
                } else {
                    let hold = MonotonicClock.now() &+ UInt64(options.holdSeconds * 1e9)
                    summary.interrupted = try pump.run(until: hold) == .interrupted
                }
                report()
            }
        } catch {
            throw .terminal(error)
        }
        reader.damage.forEach { events(.sessionDamage($0.description)) }
        summary.bytesDropped = faults.droppedBytes
        return summary
    }

    /// Returns false if interrupted while waiting.
    private func waitForConsumers(interruptDescriptor: Int32?, events: (ReplayEvent) -> Void) throws(ReplayError) -> Bool {
        let deadline = options.openTimeoutSeconds.map { MonotonicClock.now() &+ UInt64(max(0, $0) * 1e9) }
        var announced = false
        while true {
            let waiting = consoles.indices.filter { !terminals[$0].hasConsumer }.map { consoles[$0].name }
            if waiting.isEmpty { return true }
            if !announced {
                events(.waitingForConsumers(waiting))
                announced = true
            }
            if let deadline, MonotonicClock.now() >= deadline { throw .consumersDidNotOpen(waiting, waitedSeconds: options.openTimeoutSeconds ?? 0) }
            if let interruptDescriptor {
                let ready = (try? Poller.wait([(interruptDescriptor, .readable)], timeout: 5_000_000))?.first ?? []
                if !ready.isEmpty { return false }
            } else {
                SystemClock.pause(microseconds: 5_000)
            }
        }
    }
}
