/// Applies faults to a stream of chunks, one chunk at a time, in recording order.
///
/// Timing model: a chunk's bytes left the board back to back at the console's baud rate
/// (10 bit times per byte) and the last one arrived at `chunk.time`; no byte is placed before
/// the console's previous chunk. Halts and garbling take effect at a byte's time, so a halt can
/// cut a line in the middle. Text triggers are found exactly, across chunk boundaries; their
/// moment is the time of the trigger's last byte. Bytes already replayed are never recalled.
struct FaultEngine {
    /// What the faults did to one chunk.
    struct Outcome {
        var bytes: [UInt8]
        /// Human-readable notes on faults that fired with this chunk.
        var notes: [String] = []
    }

    /// A fault's start, once known: bytes later than `time` (and after `position`, when the
    /// trigger is on the same console) are affected.
    private struct Moment {
        var time: UInt64
        /// (chunk sequence, byte index) of the trigger's last byte on the target console.
        var position: (UInt64, Int)?
    }

    private struct Trigger {
        var console: UInt16
        var matcher: TextMatcher
        var fired: (time: UInt64, sequence: UInt64, index: Int)?
    }

    private enum Effect {
        case halt(trigger: Int, delay: UInt64)
        case garble(start: FaultStartSlot, garbler: WrongBaudGarbler)
        case drop(DropPattern, generator: SplitMix64, counted: UInt64)
    }

    private enum FaultStartSlot {
        case trigger(Int)
        case time(UInt64)
    }

    private struct ConsoleState {
        var name: String
        var byteNanoseconds: UInt64
        var previousChunkTime: UInt64 = 0
        var effects: [(fault: Fault, effect: Effect, announced: Bool)] = []
        var dropped: UInt64 = 0
        var halted = false
    }

    private var consoles: [UInt16: ConsoleState] = [:]
    private var triggers: [Trigger] = []
    private var firstChunkTime: UInt64?

    init(faults: [Fault], consoles descriptors: [ConsoleDescriptor]) throws(FaultSpecError) {
        let names = descriptors.map(\.name)
        for descriptor in descriptors {
            let baud = UInt64(max(descriptor.settings.baud, 1))
            consoles[descriptor.id] = ConsoleState(name: descriptor.name, byteNanoseconds: 10_000_000_000 / baud)
        }
        func id(of name: String) throws(FaultSpecError) -> UInt16 {
            guard let descriptor = descriptors.first(where: { $0.name == name }) else {
                throw FaultSpecError("no console named \(name) in this session; it has: \(names.joined(separator: ", "))")
            }
            return descriptor.id
        }
        for (number, fault) in faults.enumerated() {
            for name in fault.consolesNamed { _ = try id(of: name) }
            let target = try id(of: fault.console)
            let effect: Effect
            switch fault {
            case .halt(_, let when, let delay):
                guard delay >= 0 else { throw FaultSpecError("--delay-ms must be 0 or more, not \(delay)") }
                triggers.append(Trigger(console: try id(of: when.console), matcher: TextMatcher(when.text)))
                effect = .halt(trigger: triggers.count - 1, delay: UInt64(delay) * 1_000_000)
            case .garble(_, let from, let seed):
                let start: FaultStartSlot
                switch from {
                case .text(let trigger):
                    triggers.append(Trigger(console: try id(of: trigger.console), matcher: TextMatcher(trigger.text)))
                    start = .trigger(triggers.count - 1)
                case .seconds(let seconds):
                    start = .time(UInt64(seconds * 1e9))
                }
                effect = .garble(start: start, garbler: WrongBaudGarbler(seed: seed &+ UInt64(number)))
            case .drop(_, let pattern):
                switch pattern {
                case .everyNth(let n) where n < 1:
                    throw FaultSpecError("--every must be 1 or more, not \(n)")
                case .random(let rate, _) where !(rate >= 0 && rate <= 1):
                    throw FaultSpecError("--rate must be between 0 and 1 (a probability), not \(rate)")
                case .random(_, let seed):
                    effect = .drop(pattern, generator: SplitMix64(seed: seed), counted: 0)
                default:
                    effect = .drop(pattern, generator: SplitMix64(seed: 0), counted: 0)
                }
            }
            consoles[target]!.effects.append((fault, effect, false))
        }
    }

    /// Bytes dropped so far per console name (by drop faults and by halts).
    var droppedBytes: [String: UInt64] {
        Dictionary(uniqueKeysWithValues: consoles.values.map { ($0.name, $0.dropped) })
    }

    mutating func apply(_ chunk: Chunk) -> Outcome {
        if firstChunkTime == nil { firstChunkTime = chunk.time }
        guard var state = consoles[chunk.console] else { return Outcome(bytes: chunk.bytes) }
        let count = chunk.bytes.count
        let floor = state.previousChunkTime
        let spacing = state.byteNanoseconds
        func byteTime(_ index: Int) -> UInt64 {
            let back = UInt64(count - 1 - index) &* spacing
            return chunk.time > back ? Swift.max(floor, chunk.time - back) : floor
        }
        for number in triggers.indices where triggers[number].console == chunk.console && triggers[number].fired == nil {
            if let end = triggers[number].matcher.feed(chunk.bytes) {
                triggers[number].fired = (byteTime(end), chunk.sequence, end)
            }
        }
        var outcome = Outcome(bytes: [])
        var bytes = chunk.bytes
        for slot in state.effects.indices {
            switch state.effects[slot].effect {
            case .halt(let trigger, let delay):
                guard let moment = moment(of: .trigger(trigger), delay: delay, target: chunk.console) else { continue }
                let cut = (0..<bytes.count).first { isAffected($0, chunk: chunk, moment: moment, time: byteTime) } ?? bytes.count
                if !state.effects[slot].announced {
                    state.effects[slot].announced = true
                    outcome.notes.append("\(state.effects[slot].fault.description): \(state.name) stops at \(seconds(moment.time)) s of the recording")
                }
                if cut < bytes.count {
                    state.dropped += UInt64(bytes.count - cut)
                    bytes.removeSubrange(cut...)
                    state.halted = true
                }
            case .garble(let start, var garbler):
                guard let moment = moment(of: start, delay: 0, target: chunk.console) else { continue }
                guard let first = (0..<bytes.count).first(where: { isAffected($0, chunk: chunk, moment: moment, time: byteTime) }) else { continue }
                if !state.effects[slot].announced {
                    state.effects[slot].announced = true
                    outcome.notes.append("\(state.effects[slot].fault.description): \(state.name) turns to garbage at \(seconds(moment.time)) s of the recording")
                }
                var garbled = Array(bytes[..<first])
                for byte in bytes[first...] { garbler.garble(byte, into: &garbled) }
                bytes = garbled
                state.effects[slot].effect = .garble(start: start, garbler: garbler)
            case .drop(let pattern, var generator, var counted):
                var kept: [UInt8] = []
                kept.reserveCapacity(bytes.count)
                for byte in bytes {
                    counted += 1
                    let drop: Bool
                    switch pattern {
                    case .everyNth(let n): drop = counted % UInt64(n) == 0
                    case .random(let rate, _): drop = generator.nextUnit() < rate
                    }
                    if drop { state.dropped += 1 } else { kept.append(byte) }
                }
                bytes = kept
                state.effects[slot].effect = .drop(pattern, generator: generator, counted: counted)
            }
        }
        state.previousChunkTime = chunk.time
        consoles[chunk.console] = state
        outcome.bytes = bytes
        return outcome
    }

    private func moment(of start: FaultStartSlot, delay: UInt64, target: UInt16) -> Moment? {
        switch start {
        case .time(let offset):
            return Moment(time: (firstChunkTime ?? 0) &+ offset, position: nil)
        case .trigger(let number):
            guard let fired = triggers[number].fired else { return nil }
            let position = triggers[number].console == target ? (fired.sequence, fired.index) : nil
            return Moment(time: fired.time &+ delay, position: position)
        }
    }

    private func isAffected(_ index: Int, chunk: Chunk, moment: Moment, time: (Int) -> UInt64) -> Bool {
        if let (sequence, last) = moment.position, chunk.sequence == sequence, index <= last { return false }
        return time(index) >= moment.time
    }

    /// "2.158": seconds after the first chunk, to the millisecond.
    private func seconds(_ time: UInt64) -> String {
        let milliseconds = (time &- (firstChunkTime ?? 0)) / 1_000_000
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
