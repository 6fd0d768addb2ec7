/// A line a condition matched (an event, or a console's last line), with what a message can say
/// about it.
struct MatchedLine: Sendable, Hashable {
    var console: UInt16
    var lineNumber: Int
    var time: Int64?
    var uncertainty: Int64
    var text: String
    var definitionID: String?
    var eventName: String?
    var kernelTime: Int64?
    var fields: [String: String]
    /// Attributes a primitive adds: `count`, `delay`, `relation`, `silence`, `garbage-ratio`.
    var extras: [String: String] = [:]
    /// A fact the probe read (`fact` primitive), not a console line: its name; `value` in fields.
    var fact: String?

    init(fact name: String, value: String, console: UInt16) {
        self.console = console
        lineNumber = 0
        time = nil
        uncertainty = 0
        text = "\(name) = \(value)"
        fields = ["value": value, "fact": name]
        fact = name
    }

    init(_ event: TimelineEvent) {
        console = event.event.console
        lineNumber = event.event.lineNumber
        time = event.placement.time
        uncertainty = event.placement.uncertainty
        text = event.event.text
        definitionID = event.event.definitionID
        eventName = event.event.name
        kernelTime = event.event.kernelTime
        fields = event.event.fields
    }

    init(_ line: LineReference) {
        console = line.console
        lineNumber = line.lineNumber
        time = line.placement.time
        uncertainty = line.placement.uncertainty
        text = line.text
        fields = [:]
    }
}

/// Names bound by a condition, in the order they were bound.
struct RuleBindings: Sendable {
    private(set) var names: [String] = []
    private(set) var lines: [String: MatchedLine] = [:]

    subscript(name: String) -> MatchedLine? { lines[name] }

    mutating func bind(_ name: String?, _ line: MatchedLine) {
        guard let name else { return }
        if lines[name] == nil { names.append(name) }
        lines[name] = line
    }

    mutating func merge(_ other: RuleBindings) {
        for name in other.names { bind(name, other.lines[name]!) }
    }
}

/// What a condition came to: it holds (with what it bound), it does not, or it cannot be told
/// from this boot (and why).
enum ConditionOutcome: Sendable {
    case holds(RuleBindings)
    case fails
    case unknown(String)
}

/// Three-valued answer to a question about one event.
enum Truth: Sendable {
    case yes
    case no
    case unknown(String)
}
