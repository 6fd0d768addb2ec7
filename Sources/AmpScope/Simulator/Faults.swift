/// Text on one console that sets off a fault once it has appeared (matched across chunk
/// boundaries): `a7:clk: Disabling unused clocks`.
public struct TextTrigger: Sendable, Hashable, CustomStringConvertible {
    public var console: String
    public var text: [UInt8]

    public init(console: String, text: [UInt8]) {
        self.console = console
        self.text = text
    }

    /// `CONSOLE:TEXT`, TEXT with C escapes (`m4:\r\nRPMSG`); the first colon separates them.
    public static func parse(_ spec: String) throws(FaultSpecError) -> TextTrigger {
        guard let colon = spec.firstIndex(of: ":"), colon != spec.startIndex else {
            throw FaultSpecError("'\(spec)' is not CONSOLE:TEXT (for example a7:'clk: Disabling unused clocks')")
        }
        let textPart = spec[spec.index(after: colon)...]
        let decoded: EscapedText.Decoded
        do { decoded = try EscapedText.decode(textPart) } catch {
            throw FaultSpecError("in '\(spec)': \(error.message)")
        }
        guard !decoded.bytes.isEmpty else {
            throw FaultSpecError("'\(spec)' has no text after the colon: say what the console prints")
        }
        return TextTrigger(console: String(spec[..<colon]), text: decoded.bytes)
    }

    public var description: String {
        "\(console):'\(String(decoding: text, as: UTF8.self))'"
    }
}

/// When a fault begins: when a console prints a text, or at a time of the recording
/// (seconds after its first chunk).
public enum FaultStart: Sendable, Hashable, CustomStringConvertible {
    case text(TextTrigger)
    case seconds(Double)

    /// `SECONDS` (a number) or `CONSOLE:TEXT`.
    public static func parse(_ spec: String) throws(FaultSpecError) -> FaultStart {
        if let seconds = Double(spec) {
            guard seconds.isFinite, seconds >= 0 else {
                throw FaultSpecError("'\(spec)' is not a time: give seconds from the start of the recording (0 or more)")
            }
            return .seconds(seconds)
        }
        return .text(try TextTrigger.parse(spec))
    }

    public var description: String {
        switch self {
        case .text(let trigger): return "when \(trigger) appears"
        case .seconds(let seconds): return "at \(seconds) s"
        }
    }
}

/// Which bytes a drop fault removes, counted per console over the whole replay.
public enum DropPattern: Sendable, Hashable {
    /// Every Nth byte (the Nth, 2Nth, ...).
    case everyNth(Int)
    /// Each byte with probability `rate`, from a generator seeded with `seed` (repeatable).
    case random(rate: Double, seed: UInt64)
}

/// A fault injected into a replay, for tests and demos of what broken boards print.
public enum Fault: Sendable, Hashable, CustomStringConvertible {
    /// `console` goes silent `delayMilliseconds` after `when` has appeared, even mid-line
    /// (a hung M4 cuts its line).
    case halt(console: String, when: TextTrigger, delayMilliseconds: Int)
    /// From `from` on, `console` prints what a receiver at the wrong baud rate sees.
    case garble(console: String, from: FaultStart, seed: UInt64)
    /// `console` loses bytes (tests of gap handling).
    case drop(console: String, pattern: DropPattern)

    public var console: String {
        switch self {
        case .halt(let console, _, _), .garble(let console, _, _), .drop(let console, _): return console
        }
    }

    /// Every console name the fault refers to (target and trigger).
    var consolesNamed: [String] {
        switch self {
        case .halt(let console, let when, _): return [console, when.console]
        case .garble(let console, .text(let trigger), _): return [console, trigger.console]
        case .garble(let console, .seconds, _), .drop(let console, _): return [console]
        }
    }

    public var description: String {
        switch self {
        case .halt(let console, let when, let delay):
            return "halt \(console) \(delay) ms after \(when) appears"
        case .garble(let console, let from, _):
            return "garble \(console) \(from)"
        case .drop(let console, .everyNth(let n)):
            return "drop every \(n)th byte of \(console)"
        case .drop(let console, .random(let rate, let seed)):
            return "drop \(rate * 100)% of \(console)'s bytes (seed \(seed))"
        }
    }
}

/// A fault given on the command line that does not make sense, and how to write it.
public struct FaultSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Fault {
    /// Pairs repeated command-line options in order: the Nth `--halt` with the Nth `--when`
    /// (and `--delay-ms`: none, one for all, or one each), the Nth `--garble` with the Nth
    /// `--from`, each `--drop` with an `--every` or, all of them, with a `--rate`.
    public static func fromCommandLine(
        halt: [String], when: [String], delayMilliseconds: [Int],
        garble: [String], from: [String],
        drop: [String], every: [Int], rate: [Double], seed: UInt64
    ) throws(FaultSpecError) -> [Fault] {
        var faults: [Fault] = []
        guard halt.count == when.count else {
            throw FaultSpecError("give each --halt CONSOLE one --when CONSOLE:TEXT (got \(halt.count) --halt, \(when.count) --when)")
        }
        guard delayMilliseconds.count <= 1 || delayMilliseconds.count == halt.count else {
            throw FaultSpecError("give one --delay-ms for all halts or one per --halt (got \(delayMilliseconds.count) for \(halt.count))")
        }
        for (index, console) in halt.enumerated() {
            let delay = delayMilliseconds.count == halt.count ? delayMilliseconds[index] : delayMilliseconds.first ?? 0
            guard delay >= 0 else { throw FaultSpecError("--delay-ms must be 0 or more, not \(delay)") }
            faults.append(.halt(console: console, when: try TextTrigger.parse(when[index]), delayMilliseconds: delay))
        }
        guard garble.count == from.count else {
            throw FaultSpecError("give each --garble CONSOLE one --from (SECONDS or CONSOLE:TEXT) (got \(garble.count) --garble, \(from.count) --from)")
        }
        for (index, console) in garble.enumerated() {
            faults.append(.garble(console: console, from: try FaultStart.parse(from[index]), seed: seed))
        }
        if drop.count == every.count && rate.isEmpty {
            for (index, console) in drop.enumerated() {
                guard every[index] >= 1 else { throw FaultSpecError("--every must be 1 or more, not \(every[index])") }
                faults.append(.drop(console: console, pattern: .everyNth(every[index])))
            }
        } else if drop.count == rate.count && every.isEmpty {
            for (index, console) in drop.enumerated() {
                guard rate[index] >= 0 && rate[index] <= 1 else {
                    throw FaultSpecError("--rate is a probability between 0 and 1, not \(rate[index])")
                }
                faults.append(.drop(console: console, pattern: .random(rate: rate[index], seed: seed &+ UInt64(index))))
            }
        } else {
            throw FaultSpecError("give each --drop CONSOLE one --every N, or each one --rate P (got \(drop.count) --drop, \(every.count) --every, \(rate.count) --rate)")
        }
        return faults
    }
}
