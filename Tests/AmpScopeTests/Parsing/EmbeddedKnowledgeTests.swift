import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// The binary's built-in definitions, rules and boards are parsers/ itself, put in by the
/// EmbedKnowledge build plugin: every YAML file of each folder, in byte order, text unchanged.
@Suite struct EmbeddedKnowledgeTests {
    static func check(_ files: [BuiltinDefinitionFile], folder: String) throws {
        let directory = RepositoryPaths.root.appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(!names.isEmpty, "no YAML file in \(folder)")
        #expect(files.map(\.name) == names.map { "\(folder)/\($0)" }, "a YAML file of \(folder) is missing from the binary")
        for file in files {
            let onDisk = try String(contentsOf: RepositoryPaths.root.appendingPathComponent(file.name), encoding: .utf8)
            #expect(file.text == onDisk, "\(file.name) differs from its embedded copy: the build plugin did not rerun")
        }
    }

    @Test func definitionsAreParsersYAML() throws { try Self.check(BuiltinDefinitions.files, folder: "parsers") }

    @Test func rulesAreParsersRulesYAML() throws { try Self.check(BuiltinRules.files, folder: "parsers/rules") }

    @Test func boardsAreParsersBoardsYAML() throws { try Self.check(BuiltinBoards.files, folder: "parsers/boards") }
}
