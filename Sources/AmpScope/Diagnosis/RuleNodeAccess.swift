import Foundation
import Yams

/// A mapping value with where its key was written.
struct KeyedNode {
    var keyLocation: DefinitionLocation
    var value: Node
}

/// A scalar's text and where it was written.
struct LocatedText {
    var text: String
    var location: DefinitionLocation
}

/// Typed access to YAML nodes with located problems: the building blocks of the rule reader.
extension RuleNodeReader {
    func location(_ node: Node) -> DefinitionLocation {
        DefinitionLoader.location(node, file)
    }

    /// A mapping's entries by key; unknown keys are reported with the list of allowed ones.
    mutating func keyedFields(_ node: Node, allowed: Set<String>, what: String) -> [String: KeyedNode]? {
        guard case .mapping(let mapping) = node else {
            problems.append(DefinitionProblem(location(node), "expected \(what)"))
            return nil
        }
        var fields: [String: KeyedNode] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "?"
            guard allowed.contains(key) else {
                problems.append(DefinitionProblem(
                    location(keyNode), "unknown key '\(key)'; expected one of \(allowed.sorted().joined(separator: ", "))"))
                continue
            }
            fields[key] = KeyedNode(keyLocation: location(keyNode), value: value)
        }
        return fields
    }

    mutating func scalar(_ fields: [String: KeyedNode], _ key: String, required: Bool, in entry: DefinitionLocation) -> LocatedText? {
        guard let field = fields[key] else {
            if required { problems.append(DefinitionProblem(entry, "missing '\(key)'")) }
            return nil
        }
        guard case .scalar(let scalar) = field.value else {
            problems.append(DefinitionProblem(location(field.value), "'\(key)' must be a single value, not a list or mapping"))
            return nil
        }
        return LocatedText(text: scalar.string, location: location(field.value))
    }

    /// A single value or a list of them.
    mutating func stringList(_ fields: [String: KeyedNode], _ key: String) -> [LocatedText] {
        guard let field = fields[key] else { return [] }
        return strings(field.value, key)
    }

    mutating func strings(_ node: Node, _ key: String) -> [LocatedText] {
        switch node {
        case .scalar(let scalar): return [LocatedText(text: scalar.string, location: location(node))]
        case .sequence(let sequence):
            return sequence.compactMap { item in
                guard case .scalar(let scalar) = item else {
                    problems.append(DefinitionProblem(location(item), "each item of '\(key)' must be a single value"))
                    return nil
                }
                return LocatedText(text: scalar.string, location: location(item))
            }
        default:
            problems.append(DefinitionProblem(location(node), "'\(key)' must be a value or a list of values"))
            return []
        }
    }

    mutating func enumValue<Value: RawRepresentable & CaseIterable>(
        _ type: Value.Type, _ fields: [String: KeyedNode], _ key: String, required: Bool, in entry: DefinitionLocation
    ) -> Value? where Value.RawValue == String {
        let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
        guard fields[key] != nil else {
            if required { problems.append(DefinitionProblem(entry, "missing '\(key)'; expected one of \(allowed)")) }
            return nil
        }
        guard let text = scalar(fields, key, required: required, in: entry) else { return nil }
        guard let value = Value(rawValue: text.text) else {
            problems.append(DefinitionProblem(text.location, "\(key) '\(text.text)' is not known; expected one of \(allowed)"))
            return nil
        }
        return value
    }

    mutating func bool(_ fields: [String: KeyedNode], _ key: String, in entry: DefinitionLocation) -> Bool {
        guard let text = scalar(fields, key, required: false, in: entry) else { return false }
        switch text.text {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            problems.append(DefinitionProblem(text.location, "\(key) '\(text.text)' must be true or false"))
            return false
        }
    }

    /// `300ms`, `5s`, `2.5 s`, `100us`, `1min`.
    mutating func duration(_ fields: [String: KeyedNode], _ key: String, in entry: DefinitionLocation) -> Duration? {
        guard let text = scalar(fields, key, required: false, in: entry) else { return nil }
        guard let value = Self.parseDuration(text.text) else {
            problems.append(DefinitionProblem(text.location, "\(key) '\(text.text)' is not a duration; write a number with a unit: ns, us, ms, s or min (e.g. 300ms, 5s)"))
            return nil
        }
        return value
    }

    static func parseDuration(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("min", 60e9), ("ms", 1e6), ("us", 1e3), ("µs", 1e3), ("ns", 1), ("s", 1e9)]
        for (unit, scale) in units where trimmed.hasSuffix(unit) {
            let number = trimmed.dropLast(unit.count).trimmingCharacters(in: .whitespaces)
            guard let value = Double(number), value >= 0, value.isFinite else { return nil }
            return .nanoseconds(Int64((value * scale).rounded()))
        }
        return nil
    }

    mutating func integer(_ fields: [String: KeyedNode], _ key: String, minimum: Int, in entry: DefinitionLocation) -> Int? {
        guard let text = scalar(fields, key, required: false, in: entry) else { return nil }
        guard let value = Int(text.text), value >= minimum else {
            problems.append(DefinitionProblem(text.location, "\(key) '\(text.text)' must be a whole number of at least \(minimum)"))
            return nil
        }
        return value
    }
}
