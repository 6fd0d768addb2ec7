import Foundation
import Testing
@testable import AmpScopeTestSupport

/// `ampscope rules` as a user writing a definition meets it.
@Suite struct RulesCommandTests {
    @Test func checkAcceptsTheBuiltInFilesAndLocatesEveryProblemInABrokenOne() throws {
        let parsers = RepositoryPaths.root.appendingPathComponent("parsers").path
        let good = try ToolProcess.run(["rules", "check", parsers])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("ok: "))

        let broken = temporaryDirectory("rules") + ".yaml"
        defer { try? FileManager.default.removeItem(atPath: broken) }
        try "parsers:\n  - id: bad\n    console: a7\n    literal: xy\n    regex: \"(oops\"\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let bad = try ToolProcess.run(["rules", "check", broken])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("\(broken):3:14: console 'a7' is not known"))
        #expect(bad.stderr.contains("\(broken):4:14: literal 'xy' is shorter than 4 bytes"))
        #expect(bad.stderr.contains("\(broken):5:12: regex does not compile"))
    }

    @Test func listShowsEachDefinitionWithWhereItIsDefined() throws {
        let list = try ToolProcess.run(["rules", "list"])
        #expect(list.status == 0)
        let clock = try #require(list.stdout.split(separator: "\n").first { $0.contains("clk") && $0.contains("linux.yaml") })
        #expect(clock.contains("application"))
    }
}
