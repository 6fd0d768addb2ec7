import Foundation
import Yams

extension DefinitionLoader {
    /// One `- id: ...` entry; nil (with problems recorded) when it cannot be used.
    static func parseEntry(_ node: Node, file: String, problems: inout [DefinitionProblem]) -> ParserDefinition? {
        let here = location(node, file)
        guard case .mapping(let mapping) = node else {
            problems.append(DefinitionProblem(here, "expected an entry (a mapping with id, console, literal, ...)"))
            return nil
        }
        let before = problems.count
        var scalars: [String: (String, DefinitionLocation)] = [:]
        var lists: [String: [(String, DefinitionLocation)]] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "?"
            let keyLocation = location(keyNode, file)
            guard entryKeys.contains(key) else {
                problems.append(DefinitionProblem(
                    keyLocation, "unknown key '\(key)'; expected one of \(entryKeys.sorted().joined(separator: ", "))"))
                continue
            }
            if key == "examples" || key == "counterexamples" {
                guard case .sequence(let sequence) = value else {
                    problems.append(DefinitionProblem(location(value, file), "'\(key)' must be a list of quoted lines"))
                    continue
                }
                var items: [(String, DefinitionLocation)] = []
                for item in sequence {
                    guard case .scalar(let scalar) = item else {
                        problems.append(DefinitionProblem(location(item, file), "each of '\(key)' must be one line of text"))
                        continue
                    }
                    items.append((scalar.string, location(item, file)))
                }
                lists[key] = items
            } else {
                guard case .scalar(let scalar) = value else {
                    problems.append(DefinitionProblem(location(value, file), "'\(key)' must be a single value, not a list or mapping"))
                    continue
                }
                scalars[key] = (scalar.string, location(value, file))
            }
        }
        guard let (id, idLocation) = scalars["id"] else {
            problems.append(DefinitionProblem(here, "missing 'id' (lowercase words joined by '.' or '-', e.g. uboot.banner)"))
            return nil
        }
        if !isValidID(id) {
            problems.append(DefinitionProblem(idLocation, "id '\(id)' must be lowercase letters, digits, '.' and '-', starting with a letter"))
        }
        let console = enumValue(DefinitionConsole.self, "console", scalars, here, required: true, problems: &problems)
        let phase = enumValue(BootPhase.self, "phase", scalars, here, required: false, problems: &problems)
        let severity = enumValue(EventSeverity.self, "severity", scalars, here, required: false, problems: &problems)
        var isKey = false
        if let (text, keyLocation) = scalars["key"] {
            switch text {
            case "true", "yes": isKey = true
            case "false", "no": isKey = false
            default: problems.append(DefinitionProblem(keyLocation, "key '\(text)' must be true or false"))
            }
        }
        guard let (literal, literalLocation) = scalars["literal"] else {
            problems.append(DefinitionProblem(here, "entry '\(id)' is missing 'literal': the exact text every matching line contains (at least 4 bytes)"))
            return nil
        }
        if literal.utf8.count < 4 {
            problems.append(DefinitionProblem(literalLocation, "literal '\(literal)' is shorter than 4 bytes; use a longer piece of the line so the prefilter stays fast"))
        }
        var captureNames: [String] = []
        var compiled: NSRegularExpression?
        let regex = scalars["regex"]
        if let (pattern, regexLocation) = regex {
            let shape = RegexShape(pattern)
            captureNames = shape.captureNames
            let badNames = captureNames.filter { !isValidCaptureName($0) }
            for name in badNames {
                problems.append(DefinitionProblem(regexLocation, "capture name '\(name)' must be ASCII letters and digits starting with a letter (lowerCamelCase)"))
            }
            if shape.groups.contains(where: { $0 == nil }) {
                problems.append(DefinitionProblem(regexLocation, "regex has an unnamed capture group; name it (?<name>...) or make it non-capturing (?:...)"))
            }
            if badNames.isEmpty {
                do {
                    compiled = try NSRegularExpression(pattern: pattern)
                } catch {
                    problems.append(DefinitionProblem(regexLocation, "regex does not compile (ICU syntax expected; named captures are written (?<name>...)): \(pattern)"))
                }
            }
        }
        let examples = lists["examples"] ?? []
        if let (_, regexLocation) = regex, compiled != nil, problems.count == before, examples.isEmpty {
            // Examples are how a literal and a regex are checked against each other: the prefilter
            // passes only lines holding the literal, so the two must be able to match one line.
            problems.append(DefinitionProblem(regexLocation, "an entry with a regex needs at least one 'examples:' line that contains the literal and matches the regex"))
        }
        let counterexamples = lists["counterexamples"] ?? []
        for (example, exampleLocation) in examples {
            if !example.contains(literal) {
                problems.append(DefinitionProblem(exampleLocation, "example does not contain the literal '\(literal)'"))
            } else if let compiled, !matches(compiled, example) {
                problems.append(DefinitionProblem(exampleLocation, "example is not matched by the regex (it is searched in the text after any printk time)"))
            }
        }
        guard problems.count == before, let console else { return nil }
        var definition = ParserDefinition(
            id: id, console: console, literal: literal, regex: regex?.0, captureNames: captureNames, phase: phase,
            event: scalars["event"]?.0, severity: severity ?? .info, isKey: isKey, description: scalars["description"]?.0,
            examples: examples.map(\.0), counterexamples: counterexamples.map(\.0), location: here)
        definition.source = scalars["source"]?.0
        return definition
    }

    static func matches(_ regex: NSRegularExpression, _ line: String) -> Bool {
        let message = PrintkTime.message(of: line)
        return regex.firstMatch(in: message, range: NSRange(message.startIndex..., in: message)) != nil
    }

    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" }
    }

    static func isValidCaptureName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }

    static func enumValue<Value: RawRepresentable & CaseIterable>(
        _ type: Value.Type, _ key: String, _ scalars: [String: (String, DefinitionLocation)],
        _ entry: DefinitionLocation, required: Bool, problems: inout [DefinitionProblem]
    ) -> Value? where Value.RawValue == String {
        guard let (text, where_) = scalars[key] else {
            if required {
                let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
                problems.append(DefinitionProblem(entry, "missing '\(key)'; expected one of \(allowed)"))
            }
            return nil
        }
        guard let value = Value(rawValue: text) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append(DefinitionProblem(where_, "\(key) '\(text)' is not known; expected one of \(allowed)"))
            return nil
        }
        return value
    }
}
