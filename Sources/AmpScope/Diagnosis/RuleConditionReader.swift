import Foundation
import Yams

/// Reads a rule's `when:` tree: a mapping with exactly one key naming a combinator (all, any,
/// not) or a primitive (present, absent, repeated, ordered, silent, garbage, boot).
struct RuleConditionReader {
    var reader: RuleNodeReader
    /// Names bound with `as:`, and names used (`after: gate`, `near: gate`) with where.
    var boundNames: [String] = []
    var usedNames: [(String, DefinitionLocation)] = []

    static let conditionKeys: Set<String> = ["all", "any", "not", "present", "absent", "repeated", "ordered", "silent", "garbage", "boot", "fact"]
    static let selectorKeys: Set<String> = ["event", "console", "where", "after", "before", "within", "last-line", "as"]
    static let predicateTests: Set<String> = ["equals", "not-equals", "contains", "lacks", "inside", "above", "below", "same-as"]

    init(reader: RuleNodeReader) {
        self.reader = reader
    }

    mutating func condition(_ node: Node) -> RuleCondition? {
        guard let fields = reader.keyedFields(node, allowed: Self.conditionKeys, what: "a condition: a mapping with one of \(Self.conditionKeys.sorted().joined(separator: ", "))") else {
            return nil
        }
        guard fields.count == 1, let (key, field) = fields.first else {
            if !fields.isEmpty {
                reader.problems.append(DefinitionProblem(reader.location(node), "a condition has exactly one of \(fields.keys.sorted().joined(separator: ", ")); combine several with 'all:' or 'any:'"))
            }
            return nil
        }
        let value = field.value
        switch key {
        case "all", "any":
            guard case .sequence(let sequence) = value, !sequence.isEmpty else {
                reader.problems.append(DefinitionProblem(reader.location(value), "'\(key)' must be a non-empty list of conditions"))
                return nil
            }
            let children = sequence.map { condition($0) }
            guard children.allSatisfy({ $0 != nil }) else { return nil }
            return key == "all" ? .all(children.map { $0! }) : .any(children.map { $0! })
        case "not": return condition(value).map(RuleCondition.not)
        case "present": return selector(value, extra: [:]).map { .present($0.selector) }
        case "absent":
            return selector(value, extra: ["wait": "duration", "untimed": "untimed"]).map { .absent($0.selector, wait: $0.wait) }
        case "repeated":
            guard let read = selector(value, extra: ["count": "integer"]) else { return nil }
            guard let count = read.count else {
                reader.problems.append(DefinitionProblem(reader.location(value), "'repeated' needs 'count': how many matches at least (2 or more)"))
                return nil
            }
            return .repeated(read.selector, count: count)
        case "ordered": return ordered(value)
        case "silent": return silent(value)
        case "garbage": return garbage(value)
        case "fact": return fact(value)
        default: return boot(value)
        }
    }

    struct SelectorRead {
        var selector: EventSelector
        var wait: Duration?
        var count: Int?
    }

    /// An event selector; a bare scalar is shorthand for `event: <it>`.
    mutating func selector(_ node: Node, extra: [String: String]) -> SelectorRead? {
        if case .scalar(let scalar) = node {
            return SelectorRead(selector: EventSelector(events: [scalar.string]))
        }
        let here = reader.location(node)
        guard let fields = reader.keyedFields(node, allowed: Self.selectorKeys.union(extra.keys), what: "an event selector (event, console, where, after, before, within, last-line, as)") else {
            return nil
        }
        let before = reader.problems.count
        var selector = EventSelector()
        selector.events = reader.stringList(fields, "event").map(\.text)
        selector.console = consoleKind(fields, in: here)
        if let field = fields["where"] { selector.predicates = predicates(field.value) }
        if let field = fields["after"] { selector.after = reference(field.value) }
        if let field = fields["before"] { selector.before = reference(field.value) }
        selector.within = reader.duration(fields, "within", in: here)
        if selector.within != nil, selector.after == nil {
            reader.problems.append(DefinitionProblem(fields["within"]!.keyLocation, "'within' counts from 'after'; add 'after: <event or name>'"))
        }
        selector.lastLine = reader.bool(fields, "last-line", in: here)
        selector.binding = binding(fields, in: here)
        let wait = extra["wait"] != nil ? reader.duration(fields, "wait", in: here) : nil
        let count = extra["count"] != nil ? reader.integer(fields, "count", minimum: 2, in: here) : nil
        if extra["untimed"] != nil, let field = fields["untimed"] { selector.untimed = untimed(field.value) }
        guard reader.problems.count == before else { return nil }
        return SelectorRead(selector: selector, wait: wait, count: count)
    }

    /// `untimed: log-ends` or `untimed: {followed-by: [event, ...]}` (see `UntimedAbsence`).
    mutating func untimed(_ node: Node) -> UntimedAbsence? {
        let expected = "'untimed' must be 'log-ends' or {followed-by: [events]}"
        if case .scalar(let scalar) = node {
            if scalar.string == "log-ends" { return .logEnds }
            reader.problems.append(DefinitionProblem(reader.location(node), expected))
            return nil
        }
        guard let fields = reader.keyedFields(node, allowed: ["followed-by"], what: expected) else { return nil }
        let events = reader.stringList(fields, "followed-by").map(\.text)
        guard !events.isEmpty else {
            reader.problems.append(DefinitionProblem(reader.location(node), expected))
            return nil
        }
        return .followedBy(events)
    }

    mutating func binding(_ fields: [String: KeyedNode], in here: DefinitionLocation) -> String? {
        guard let name = reader.scalar(fields, "as", required: false, in: here) else { return nil }
        guard let first = name.text.first, first.isLetter, name.text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            reader.problems.append(DefinitionProblem(name.location, "name '\(name.text)' must be letters, digits and '-', starting with a letter"))
            return nil
        }
        boundNames.append(name.text)
        return name.text
    }

    mutating func consoleKind(_ fields: [String: KeyedNode], in here: DefinitionLocation) -> ConsoleKind? {
        guard let text = reader.scalar(fields, "console", required: false, in: here), text.text != "any" else { return nil }
        guard let kind = ConsoleKind(rawValue: text.text), kind != .unknown else {
            reader.problems.append(DefinitionProblem(text.location, "console '\(text.text)' is not known; expected one of application, microcontroller, any"))
            return nil
        }
        return kind
    }

    /// A bound name, or a selector whose first match is meant.
    mutating func reference(_ node: Node) -> EventReference? {
        if case .scalar(let scalar) = node {
            usedNames.append((scalar.string, reader.location(node)))
            return .bound(scalar.string)
        }
        return selector(node, extra: [:]).map { .selector($0.selector) }
    }

    mutating func predicates(_ node: Node) -> [FieldPredicate] {
        if case .sequence(let sequence) = node { return sequence.compactMap { predicate($0) } }
        return predicate(node).map { [$0] } ?? []
    }

    mutating func predicate(_ node: Node) -> FieldPredicate? {
        let here = reader.location(node)
        guard let fields = reader.keyedFields(node, allowed: Self.predicateTests.union(["field"]), what: "a field test: field plus one of \(Self.predicateTests.sorted().joined(separator: ", "))") else {
            return nil
        }
        guard let field = reader.scalar(fields, "field", required: true, in: here) else { return nil }
        let tests = fields.keys.filter { $0 != "field" }
        guard tests.count == 1, let name = tests.first else {
            reader.problems.append(DefinitionProblem(here, "a field test has exactly one of \(Self.predicateTests.sorted().joined(separator: ", "))"))
            return nil
        }
        let valueNode = fields[name]!.value
        if name == "inside" {
            let bounds = reader.strings(valueNode, name).map { FieldPredicate.address($0.text) }
            guard bounds.count == 2, let low = bounds[0], let high = bounds[1], low <= high else {
                reader.problems.append(DefinitionProblem(reader.location(valueNode), "'inside' must be a list of two addresses, low then high, e.g. [0x8ff00000, 0x8fffffff]"))
                return nil
            }
            return FieldPredicate(field: field.text, test: .inside(low: low, high: high))
        }
        guard let text = reader.scalar(fields, name, required: true, in: here) else { return nil }
        if name == "same-as" {
            let parts = text.text.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                reader.problems.append(DefinitionProblem(text.location, "'same-as' needs a bound name and a field, e.g. missing.firmware, not '\(text.text)'"))
                return nil
            }
            usedNames.append((parts[0], text.location))
            return FieldPredicate(field: field.text, test: .sameAs(binding: parts[0], field: parts[1]))
        }
        switch name {
        case "equals": return FieldPredicate(field: field.text, test: .equals(text.text))
        case "not-equals": return FieldPredicate(field: field.text, test: .notEquals(text.text))
        case "contains": return FieldPredicate(field: field.text, test: .contains(text.text))
        case "lacks": return FieldPredicate(field: field.text, test: .lacks(text.text))
        default:
            guard let number = FieldPredicate.number(text.text) else {
                reader.problems.append(DefinitionProblem(text.location, "'\(name)' needs a number (decimal or 0x hex), not '\(text.text)'"))
                return nil
            }
            return FieldPredicate(field: field.text, test: name == "above" ? .above(number) : .below(number))
        }
    }
}
