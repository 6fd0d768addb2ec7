import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// `ampscope analyze` run as a user runs it on the demo board's healthy script and on bad
/// invocations (the demo capture itself is AnalyzeDemoCaptureTests, an integration test).
@Suite struct AnalyzeCommandTests {
    /// The bundled board without its fault (the M4 keeps printing), compiled into a session, with
    /// U-Boot relocating the device tree to 0x9EF26000 (well below the M4's 0x8FF00000–0x8FFFFFFF
    /// window, where the demo script's 0x8FFE6000 is a real fdt-overlaps-m4-memory warning).
    static func healthySession() throws -> String {
        let source = DemoBoard.script.replacingOccurrences(
            of: "Loading Device Tree to 8ffe6000, end 8fff47a7 ... OK", with: "Loading Device Tree to 9ef26000, end 9ef347a7 ... OK")
        try #require(source != DemoBoard.script)
        let script = try BoardScript.parse(source, fileName: DemoBoard.fileName)
        let directory = temporaryDirectory("analyze-healthy")
        try script.compile(to: directory)
        return directory
    }

    @Test func healthyBoardHasNoFindingsAndExitsZero() throws {
        let directory = try Self.healthySession()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let text = try ToolProcess.run(["analyze", directory])
        #expect(text.status == 0, "\(text.stderr)\(text.stdout)")
        #expect(!text.stdout.contains("ERROR") && !text.stdout.contains("WARNING"), "\(text.stdout)")
        #expect(text.stdout.contains("no findings\n"))
        #expect(text.stdout.contains("  no findings in any boot"))
        let json = try ToolProcess.run(["analyze", directory, "--format", "json"])
        #expect(json.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.isEmpty, "\(findings)")
        #expect((document["boots"] as? [[String: Any]])?.count == 1)
    }

    @Test func badInvocationsAreUsageErrorsAndUnreadableInputIsOne() throws {
        let nothing = try ToolProcess.run(["analyze"])
        #expect(nothing.status == 64)
        #expect(nothing.stderr.contains("nothing to analyze"))
        let format = try ToolProcess.run(["analyze", "x.log", "--format", "yaml"])
        #expect(format.status == 64)
        #expect(format.stderr.contains("'yaml' is invalid for '--format <format>'"))
        let width = try ToolProcess.run(["analyze", "x.log", "--format", "json", "--width", "100"])
        #expect(width.status == 64)
        let missing = try ToolProcess.run(["analyze", "/nonexistent/a7.log"])
        #expect(missing.status == 1)
        #expect(!missing.stderr.isEmpty)
    }
}
