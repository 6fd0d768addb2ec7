import Foundation
import PackagePlugin

/// Puts the knowledge in parsers/ into the AmpScope module at build time, so the YAML files are
/// its only copy and the binary needs no resource folder beside it wherever it is installed.
@main
struct EmbedKnowledge: BuildToolPlugin {
    /// Each generated enum and the folder of parsers/ whose `*.yaml` files it holds.
    static let groups: [(enumName: String, folder: String)] = [
        ("BuiltinDefinitions", "parsers"),
        ("BuiltinRules", "parsers/rules"),
        ("BuiltinBoards", "parsers/boards"),
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinKnowledge.swift")
        var arguments = [root.path, output.path]
        var inputs: [URL] = []
        for group in Self.groups {
            let folder = root.appending(path: group.folder)
            // Sorted by bytes, so the order (which decides which definition is tried first) does
            // not depend on the locale or the file system.
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".yaml") }
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            arguments += ["--enum", group.enumName] + names.map { "\(group.folder)/\($0)" }
            inputs += names.map { folder.appending(path: $0) }
        }
        return [
            .buildCommand(
                displayName: "Embedding the YAML files of parsers into \(target.name)",
                executable: try context.tool(named: "KnowledgeEmbedder").url,
                arguments: arguments,
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
