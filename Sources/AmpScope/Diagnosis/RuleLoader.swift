import Foundation
import Yams

/// Reads rule files (YAML, top-level `rules:` holding a list of rules; see parsers/rules/) into
/// validated `Rule`s, reporting every problem with file, line and column.
public enum RuleLoader {
    static let ruleKeys: Set<String> = [
        "id", "severity", "title", "message", "fix", "references", "confidence", "needs-consoles", "needs-host-time",
        "when", "signature", "description", "confirmed-by", "fix-by-platform",
    ]

    /// The catalogue compiled into the binary.
    public static func builtin() throws(RuleError) -> [Rule] {
        try parse(files: BuiltinRules.files.map { ($0.name, $0.text) })
    }

    /// Parses several files as one set: rule ids must be unique across them.
    public static func parse(files: [(name: String, text: String)]) throws(RuleError) -> [Rule] {
        var problems: [DefinitionProblem] = []
        var rules: [Rule] = []
        var firstSeen: [String: DefinitionLocation] = [:]
        for file in files {
            var reader = RuleNodeReader(file: file.name)
            let parsed = reader.parseFile(file.text)
            problems += reader.problems
            for rule in parsed {
                if let earlier = firstSeen[rule.id] {
                    problems.append(DefinitionProblem(
                        rule.location, "duplicate rule id '\(rule.id)' (first defined at \(earlier)); give each rule its own id"))
                } else {
                    firstSeen[rule.id] = rule.location
                    rules.append(rule)
                }
            }
        }
        if !problems.isEmpty { throw RuleError(problems: problems) }
        return rules
    }

    /// Whether a YAML text is a rule file (top-level `rules:`) rather than a parser file.
    public static func isRuleFile(_ text: String) -> Bool {
        text.split(separator: "\n", omittingEmptySubsequences: true).contains { $0.hasPrefix("rules:") }
    }
}

/// Walks one rule file's YAML nodes, collecting problems as it goes.
struct RuleNodeReader {
    let file: String
    var problems: [DefinitionProblem] = []

    init(file: String) {
        self.file = file
    }

    mutating func parseFile(_ text: String) -> [Rule] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            problems.append(DefinitionLoader.syntaxProblem(error, file: file))
            return []
        } catch {
            problems.append(DefinitionProblem(DefinitionLocation(file: file, line: 1, column: 1), "not valid YAML: \(error)"))
            return []
        }
        let top = DefinitionLocation(file: file, line: 1, column: 1)
        guard let root, case .mapping(let mapping) = root else {
            problems.append(DefinitionProblem(top, "expected a mapping with the key 'rules:' holding a list of rules"))
            return []
        }
        var entries: Node.Sequence?
        for (key, value) in mapping {
            guard key.string == "rules" else {
                problems.append(DefinitionProblem(location(key), "unknown top-level key '\(key.string ?? "?")'; expected 'rules'"))
                continue
            }
            guard case .sequence(let sequence) = value else {
                problems.append(DefinitionProblem(location(value), "'rules' must be a list of rules (each starting with '- id:')"))
                continue
            }
            entries = sequence
        }
        guard let entries else {
            if problems.isEmpty { problems.append(DefinitionProblem(top, "missing the key 'rules' (a list of rules)")) }
            return []
        }
        return entries.compactMap { parseRule($0) }
    }

    mutating func parseRule(_ node: Node) -> Rule? {
        let here = location(node)
        guard let fields = keyedFields(node, allowed: RuleLoader.ruleKeys, what: "a rule (a mapping with id, severity, title, when, ...)") else {
            return nil
        }
        let before = problems.count
        guard let id = scalar(fields, "id", required: true, in: here) else { return nil }
        if !DefinitionLoader.isValidID(id.text) {
            problems.append(DefinitionProblem(id.location, "id '\(id.text)' must be lowercase letters, digits, '.' and '-', starting with a letter"))
        }
        let severity = enumValue(FindingSeverity.self, fields, "severity", required: true, in: here)
        let confidence = enumValue(FindingConfidence.self, fields, "confidence", required: true, in: here)
        let title = scalar(fields, "title", required: true, in: here)
        let fix = scalar(fields, "fix", required: true, in: here)
        let messageText = scalar(fields, "message", required: true, in: here)
        let references = stringList(fields, "references")
        for reference in references where !(reference.text.hasPrefix("https://") || reference.text.hasPrefix("http://")) {
            problems.append(DefinitionProblem(reference.location, "reference '\(reference.text)' must be a URL (https://...)"))
        }
        let needsConsoles = consoleList(fields, "needs-consoles")
        let needsHostTime = consoleList(fields, "needs-host-time")
        var condition: RuleCondition?
        var bound: [String] = []
        var used: [(String, DefinitionLocation)] = []
        if let when = fields["when"] {
            var conditionReader = RuleConditionReader(reader: self)
            condition = conditionReader.condition(when.value)
            self = conditionReader.reader
            bound = conditionReader.boundNames
            used = conditionReader.usedNames
        } else {
            problems.append(DefinitionProblem(here, "rule '\(id.text)' is missing 'when': the condition that makes it fire"))
        }
        // Checked after 'when' holds: the board's own facts agree, so the finding is sure.
        var confirmation: RuleCondition?
        if let confirmedBy = fields["confirmed-by"] {
            var conditionReader = RuleConditionReader(reader: self)
            conditionReader.boundNames = bound
            confirmation = conditionReader.condition(confirmedBy.value)
            self = conditionReader.reader
            bound = conditionReader.boundNames
            used = conditionReader.usedNames
        }
        let known = Set(bound)
        for (name, place) in used where !known.contains(name) {
            problems.append(DefinitionProblem(place, "'\(name)' is not bound by any condition of this rule (write 'as: \(name)' on the event it means)"))
        }
        var message: MessageTemplate?
        if let messageText {
            switch MessageTemplate.parse(messageText.text) {
            case .success(let template):
                message = template
                checkPlaceholders(template.placeholders, known, at: messageText.location)
            case .failure(let problem): problems.append(DefinitionProblem(messageText.location, problem.message))
            }
        }
        var signature: [MessagePlaceholder] = []
        for item in stringList(fields, "signature") {
            guard let placeholder = MessagePlaceholder(item.text[...]) else {
                problems.append(DefinitionProblem(item.location, "signature item '\(item.text)' must be name.attribute, e.g. probe.device"))
                continue
            }
            if ["time", "line", "kernel-time", "delay", "silence", "text"].contains(placeholder.attribute) {
                problems.append(DefinitionProblem(item.location, "signature item '\(item.text)' changes from boot to boot; use names and fields (event, definition, a captured field)"))
            }
            checkPlaceholders([placeholder], known, at: item.location)
            signature.append(placeholder)
        }
        let platformFixes = fields["fix-by-platform"].map { platformFixList($0.value) } ?? []
        guard problems.count == before, let severity, let confidence, let title, let fix, let message, let condition else {
            return nil
        }
        var rule = Rule(
            id: id.text, severity: severity, title: title.text, message: message, fix: fix.text,
            references: references.map(\.text), confidence: confidence, needsConsoles: needsConsoles,
            needsHostTime: needsHostTime, condition: condition, signature: signature, location: here)
        rule.confirmedBy = confirmation
        rule.platformFixes = platformFixes
        return rule
    }

    /// `fix-by-platform:` is a list of `{keys: [names], fix: text}`.
    mutating func platformFixList(_ node: Node) -> [PlatformFix] {
        guard case .sequence(let sequence) = node else {
            problems.append(DefinitionProblem(location(node), "'fix-by-platform' must be a list of {keys: [names], fix: text}"))
            return []
        }
        return sequence.compactMap { item in
            let here = location(item)
            guard let fields = keyedFields(item, allowed: ["keys", "fix"], what: "a platform fix ({keys: [names], fix: text})") else {
                return nil
            }
            let keys = stringList(fields, "keys").map(\.text)
            guard let text = scalar(fields, "fix", required: true, in: here) else { return nil }
            if keys.isEmpty || keys.contains(where: { $0.count < 3 }) {
                problems.append(DefinitionProblem(here, "a platform fix needs 'keys': driver names or compatibles of at least 3 characters"))
                return nil
            }
            return PlatformFix(keys: keys, text: text.text)
        }
    }

    mutating func checkPlaceholders(_ placeholders: [MessagePlaceholder], _ known: Set<String>, at place: DefinitionLocation) {
        for placeholder in placeholders where !known.contains(placeholder.binding) {
            let names = known.sorted().joined(separator: ", ")
            problems.append(DefinitionProblem(place, "placeholder \(placeholder) names '\(placeholder.binding)', which no condition binds; bound names: \(names.isEmpty ? "none" : names)"))
        }
    }

    mutating func consoleList(_ fields: [String: KeyedNode], _ key: String) -> [ConsoleKind] {
        stringList(fields, key).compactMap { item in
            guard let kind = ConsoleKind(rawValue: item.text), kind != .unknown else {
                problems.append(DefinitionProblem(item.location, "console '\(item.text)' is not known; expected one of application, microcontroller"))
                return nil
            }
            return kind
        }
    }
}
