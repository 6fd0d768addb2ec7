import Foundation
import Yams

/// Reads parser definition files (YAML) into validated `ParserDefinition`s.
///
/// A file is a mapping with one key, `parsers:`, holding a list of entries; see parsers/*.yaml.
/// Every problem is reported with the file, line and column where it was written.
public enum DefinitionLoader {
    static let entryKeys: Set<String> = [
        "id", "console", "literal", "regex", "phase", "event", "severity", "key", "description",
        "examples", "counterexamples", "source",
    ]

    /// The definitions compiled into the binary (parsers/*.yaml at build time).
    public static func builtin() throws(DefinitionError) -> [ParserDefinition] {
        try parse(files: BuiltinDefinitions.files.map { ($0.name, $0.text) })
    }

    /// Built-ins with every `*.yaml`/`*.yml` file of `userFolders` merged over them: an entry
    /// with a built-in's id replaces it in place; new entries come first, so user knowledge is
    /// tried before the generic built-ins.
    public static func load(userFolders: [String]) throws(DefinitionError) -> [ParserDefinition] {
        var problems: [DefinitionProblem] = []
        var files: [(String, String)] = []
        for folder in userFolders {
            let url = URL(fileURLWithPath: folder, isDirectory: true)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                problems.append(DefinitionProblem(
                    DefinitionLocation(file: folder, line: 0, column: 0),
                    "cannot list this parser folder; check that it exists and is readable, or leave it out"))
                continue
            }
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                let path = url.appendingPathComponent(name).path
                guard let data = FileManager.default.contents(atPath: path) else {
                    problems.append(DefinitionProblem(
                        DefinitionLocation(file: path, line: 0, column: 0), "cannot read this file; check its permissions"))
                    continue
                }
                files.append((path, String(decoding: data, as: UTF8.self)))
            }
        }
        let user: [ParserDefinition]
        do {
            user = try parse(files: files)
        } catch {
            problems += error.problems
            user = []
        }
        if !problems.isEmpty { throw DefinitionError(problems: problems) }
        return merge(builtin: try builtin(), user: user)
    }

    /// Same-id user entries replace built-ins in place; the other user entries go first.
    public static func merge(builtin: [ParserDefinition], user: [ParserDefinition]) -> [ParserDefinition] {
        let overrides = Dictionary(user.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let builtinIDs = Set(builtin.map(\.id))
        return user.filter { !builtinIDs.contains($0.id) } + builtin.map { overrides[$0.id] ?? $0 }
    }

    /// Parses several files as one set: ids must be unique across all of them.
    public static func parse(files: [(name: String, text: String)]) throws(DefinitionError) -> [ParserDefinition] {
        var problems: [DefinitionProblem] = []
        var definitions: [ParserDefinition] = []
        var firstSeen: [String: DefinitionLocation] = [:]
        for file in files {
            let parsed = parseFile(file.text, name: file.name, problems: &problems)
            for definition in parsed {
                if let earlier = firstSeen[definition.id] {
                    problems.append(DefinitionProblem(
                        definition.location,
                        "duplicate id '\(definition.id)' (first defined at \(earlier)); give each entry its own id"))
                } else {
                    firstSeen[definition.id] = definition.location
                    definitions.append(definition)
                }
            }
        }
        if !problems.isEmpty { throw DefinitionError(problems: problems) }
        return definitions
    }

    static func parseFile(_ text: String, name: String, problems: inout [DefinitionProblem]) -> [ParserDefinition] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            problems.append(syntaxProblem(error, file: name))
            return []
        } catch {
            problems.append(DefinitionProblem(DefinitionLocation(file: name, line: 1, column: 1), "not valid YAML: \(error)"))
            return []
        }
        let top = DefinitionLocation(file: name, line: 1, column: 1)
        guard let root, case .mapping(let mapping) = root else {
            problems.append(DefinitionProblem(top, "expected a mapping with the key 'parsers:' holding a list of entries"))
            return []
        }
        var entries: Node.Sequence?
        for (key, value) in mapping {
            guard key.string == "parsers" else {
                problems.append(DefinitionProblem(location(key, name), "unknown top-level key '\(key.string ?? "?")'; expected 'parsers'"))
                continue
            }
            guard case .sequence(let sequence) = value else {
                problems.append(DefinitionProblem(location(value, name), "'parsers' must be a list of entries (each starting with '- id:')"))
                continue
            }
            entries = sequence
        }
        guard let entries else {
            if problems.isEmpty { problems.append(DefinitionProblem(top, "missing the key 'parsers' (a list of entries)")) }
            return []
        }
        return entries.compactMap { parseEntry($0, file: name, problems: &problems) }
    }

    static func syntaxProblem(_ error: YamlError, file: String) -> DefinitionProblem {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text) " } ?? ""
            return DefinitionProblem(
                DefinitionLocation(file: file, line: mark.line, column: mark.column),
                "not valid YAML: \(detail)\(problem); check indentation and quoting (quote regexes with single quotes)")
        default:
            return DefinitionProblem(DefinitionLocation(file: file, line: 1, column: 1), "not valid YAML: \(error)")
        }
    }

    static func location(_ node: Node, _ file: String) -> DefinitionLocation {
        let mark = node.mark
        return DefinitionLocation(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0)
    }
}
