import Foundation

/// What `ampscope rules check` needs: parser and rule files read from disk and validated
/// together, and every event a rule names checked against the parser definitions in effect.
public enum RuleCheck {
    public struct Checked: Sendable {
        public var definitions: [ParserDefinition]
        public var rules: [Rule]
    }

    /// Reads `paths` (files, or folders of *.yaml; a folder's `rules/` subfolder too); files with a
    /// top-level `rules:` are rule files, the others parser files. Throws `DefinitionError` for
    /// broken parser files, else `RuleError`.
    public static func check(paths: [String]) throws -> Checked {
        var parserPaths: [String] = []
        var ruleFiles: [(name: String, text: String)] = []
        var problems: [DefinitionProblem] = []
        for path in paths {
            for file in DefinitionCheck.yamlFiles(at: path) + DefinitionCheck.yamlFiles(atFolder: path + "/rules") {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                    problems.append(DefinitionProblem(DefinitionLocation(file: file, line: 0, column: 0), "cannot read this file; check that it exists and is readable"))
                    continue
                }
                if RuleLoader.isRuleFile(text) { ruleFiles.append((file, text)) } else { parserPaths.append(file) }
            }
        }
        guard problems.isEmpty else { throw RuleError(problems: problems) }
        let userDefinitions = parserPaths.isEmpty ? [] : try DefinitionCheck.check(paths: parserPaths)
        let rules = try RuleLoader.parse(files: ruleFiles)
        let known = DefinitionLoader.merge(builtin: try DefinitionLoader.builtin(), user: userDefinitions)
        let unknown = unknownEvents(rules: rules, definitions: known)
        if !unknown.isEmpty { throw RuleError(problems: unknown) }
        return Checked(definitions: userDefinitions, rules: rules)
    }

    /// A rule naming an event no definition produces can never fire: report it at the rule.
    public static func unknownEvents(rules: [Rule], definitions: [ParserDefinition]) -> [DefinitionProblem] {
        let names = Set(definitions.map(\.id) + definitions.map(\.event))
        return rules.flatMap { rule in
            rule.condition.eventNames.filter { !names.contains($0) }.map {
                DefinitionProblem(rule.location, "rule '\(rule.id)' names event '\($0)', which no parser definition produces (a definition id or an 'event:' name)")
            }
        }
    }
}

extension DefinitionCheck {
    /// The *.yaml files of a folder; none when it does not exist.
    static func yamlFiles(atFolder path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        return yamlFiles(at: path)
    }
}

extension RuleCondition {
    /// Every event name or definition id the condition mentions, in order, without repeats.
    public var eventNames: [String] {
        var names: [String] = []
        func add(_ selector: EventSelector) {
            for name in selector.events where !names.contains(name) { names.append(name) }
            if case .followedBy(let proof)? = selector.untimed {
                for name in proof where !names.contains(name) { names.append(name) }
            }
            for reference in [selector.after, selector.before] {
                if case .selector(let inner)? = reference { add(inner) }
            }
        }
        func walk(_ condition: RuleCondition) {
            switch condition {
            case .all(let children), .any(let children): children.forEach(walk)
            case .not(let child): walk(child)
            case .present(let selector), .absent(let selector, _), .repeated(let selector, _): add(selector)
            case .ordered(let first, let then):
                for reference in [first, then] { if case .selector(let selector) = reference { add(selector) } }
            case .silent(let silence): if case .selector(let selector)? = silence.near { add(selector) }
            case .garbage, .bootStartedBy, .fact: break
            }
        }
        walk(self)
        return names
    }
}
