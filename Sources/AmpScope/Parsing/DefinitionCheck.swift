import Foundation

/// What `ampscope rules check` and `rules list` need: definition files read from disk and
/// validated together, with every problem located.
public enum DefinitionCheck {
    /// Reads and validates `paths` (files, or folders of *.yaml) as one set.
    public static func check(paths: [String]) throws(DefinitionError) -> [ParserDefinition] {
        var files: [(name: String, text: String)] = []
        var problems: [DefinitionProblem] = []
        for path in paths {
            for file in yamlFiles(at: path) {
                do {
                    files.append((file, try String(contentsOfFile: file, encoding: .utf8)))
                } catch {
                    problems.append(DefinitionProblem(DefinitionLocation(file: file, line: 0, column: 0),
                                                      "cannot read this file: \(error.localizedDescription)"))
                }
            }
        }
        if files.isEmpty && problems.isEmpty {
            problems.append(DefinitionProblem(DefinitionLocation(file: paths.joined(separator: ", "), line: 0, column: 0),
                                              "no .yaml file found: give definition files or folders that hold them"))
        }
        guard problems.isEmpty else { throw DefinitionError(problems: problems) }
        return try DefinitionLoader.parse(files: files)
    }

    static func yamlFiles(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [path] }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { path + "/" + $0 }
    }
}
