import Foundation
import Testing
@testable import AmpScopeTestSupport

/// Every key `analyze DIR... --format json` writes is documented in docs/analyze-sessions-json.md
/// (the findings inside are analyze-json.md's, checked by AnalyzeJSONDocumentedFieldsTests).
@Suite struct FarmJSONDocumentedFieldsTests {
    static func keys(_ value: Any, into keys: inout Set<String>) {
        if let object = value as? [String: Any] {
            for (key, inner) in object {
                keys.insert(key)
                if key != "finding" { Self.keys(inner, into: &keys) }
            }
        } else if let array = value as? [Any] {
            for inner in array { Self.keys(inner, into: &keys) }
        }
    }

    @Test func everyKeyIsInTheDocument() throws {
        let farm = try FarmFixture.make("farm-doc", healthyRuns: 2, differing: 2)
        defer { farm.remove() }
        try FileManager.default.createDirectory(atPath: farm.root + "/verdin-1/run-3", withIntermediateDirectories: true)
        try Data("not a session\n".utf8).write(to: URL(fileURLWithPath: farm.root + "/verdin-1/run-3/session.amps"))
        let document = try FarmAnalyzeTests.json(try ToolProcess.run(["analyze", farm.root, "--format", "json"]).stdout)
        var keys: Set<String> = []
        Self.keys(document, into: &keys)
        #expect(keys.isSuperset(of: ["error", "differing", "majority", "first", "last", "boardFrom"]), "the farm exercises every part")
        let doc = try String(contentsOfFile: RepositoryPaths.root.path + "/docs/analyze-sessions-json.md", encoding: .utf8)
        for key in keys.sorted() {
            #expect(doc.contains("`\(key)`") || doc.contains("\"\(key)\""), "\(key) is not in docs/analyze-sessions-json.md")
        }
    }
}
