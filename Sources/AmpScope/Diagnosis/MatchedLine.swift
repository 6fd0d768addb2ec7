/// A line a condition matched (an event, or a console's last line), with what a message can say
/// about it.
///
/// Copy-on-write, like `TimelineEventRecord`, because the evaluator passes matches around by
/// value (anchors, bindings, search results) for every selector of every rule of every boot.
struct MatchedLine: Sendable, Hashable {
    private var storage: CopyOnWrite<Fields>

    struct Fields: Sendable, Hashable {
        var console: UInt16
        var lineNumber: Int
        var time: Int64?
        var uncertainty: Int64
        var text: String
        var definitionID: String?
        var eventName: String?
        var kernelTime: Int64?
        var fields: EventFields
        var extras: [String: String] = [:]
        var fact: String?
        /// ns since the capture started, when the line arrived; nil without host times.
        var captureTime: Int64?
    }

    var console: UInt16 { storage.value.console }
    var lineNumber: Int { storage.value.lineNumber }
    var time: Int64? { storage.value.time }
    var captureTime: Int64? { storage.value.captureTime }
    var uncertainty: Int64 { storage.value.uncertainty }
    var text: String { storage.value.text }
    var definitionID: String? { storage.value.definitionID }
    var eventName: String? { storage.value.eventName }
    var kernelTime: Int64? { storage.value.kernelTime }
    var fields: EventFields { storage.value.fields }
    /// Attributes a primitive adds: `count`, `delay`, `relation`, `silence`, `garbage-ratio`.
    var extras: [String: String] {
        get { storage.value.extras }
        set { storage.value.extras = newValue }
    }
    /// A fact the probe read (`fact` primitive), not a console line: its name; `value` in fields.
    var fact: String? { storage.value.fact }

    init(fact name: String, value: String, console: UInt16) {
        storage = CopyOnWrite(Fields(
            console: console, lineNumber: 0, time: nil, uncertainty: 0, text: "\(name) = \(value)", definitionID: nil,
            eventName: nil, kernelTime: nil, fields: ["value": value, "fact": name], fact: name))
    }

    init(_ event: TimelineEvent) {
        storage = CopyOnWrite(Fields(
            console: event.event.console, lineNumber: event.event.lineNumber, time: event.placement.time,
            uncertainty: event.placement.uncertainty, text: event.event.text, definitionID: event.event.definitionID,
            eventName: event.event.name, kernelTime: event.event.kernelTime, fields: event.event.fields,
            captureTime: event.event.captureTime))
    }

    init(_ line: LineReference) {
        storage = CopyOnWrite(Fields(
            console: line.console, lineNumber: line.lineNumber, time: line.placement.time, uncertainty: line.placement.uncertainty,
            text: line.text, definitionID: nil, eventName: nil, kernelTime: nil, fields: [:], captureTime: line.captureTime))
    }
}

/// Names bound by a condition, in the order they were bound: a list, as a rule binds two to
/// five names and is evaluated for every boot (a dictionary hashed each name at every bind and
/// every lookup).
struct RuleBindings: Sendable {
    private var entries: [(name: String, line: MatchedLine)] = []
    /// Sentences on how a part was decided without times (see `UntimedAbsence`); a finding
    /// with any states them and has its confidence lowered.
    var caveats: [String] = []

    var names: [String] { entries.map(\.name) }

    subscript(name: String) -> MatchedLine? {
        for entry in entries where entry.name == name { return entry.line }
        return nil
    }

    mutating func bind(_ name: String?, _ line: MatchedLine) {
        guard let name else { return }
        if let index = entries.firstIndex(where: { $0.name == name }) {
            entries[index].line = line
        } else {
            entries.append((name, line))
        }
    }

    mutating func merge(_ other: RuleBindings) {
        for entry in other.entries { bind(entry.name, entry.line) }
        for caveat in other.caveats where !caveats.contains(caveat) { caveats.append(caveat) }
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
