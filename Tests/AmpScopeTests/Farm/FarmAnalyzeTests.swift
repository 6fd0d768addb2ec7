import Foundation
import Testing
@testable import AmpScopeTestSupport

/// `ampscope analyze DIR` over a small farm, run as a lab's script runs it: the summary names the
/// boot that differs from its board's majority, each session's findings are exactly what
/// analyzing it alone gives, and the output is the same for any number of threads.
@Suite struct FarmAnalyzeTests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text.prefix(300))")
    }

    @Test func theSummaryNamesTheBootThatDiffersAndWhereEachRuleWasSeen() throws {
        let farm = try FarmFixture.make("farm-summary")
        defer { farm.remove() }
        let run = try ToolProcess.run(["analyze", farm.root, "--format", "json"])
        #expect(run.status == 3, "problems found: \(run.stderr)")
        let document = try Self.json(run.stdout)
        #expect(document["tool"] as? String == "ampscope" && document["version"] is String)
        let sessions = try #require(document["sessions"] as? [[String: Any]])
        #expect(sessions.count == 10)
        #expect(sessions.map { $0["board"] as? String } == Array(repeating: "colibri-3", count: 8) + ["verdin-1", "verdin-1"])

        let boards = try #require(document["boards"] as? [[String: Any]])
        let colibri = try #require(boards.first { $0["board"] as? String == "colibri-3" })
        #expect(colibri["boots"] as? Int == 8)
        let majority = try #require(colibri["majority"] as? [String: Any])
        #expect(majority["rules"] as? [String] == (try FarmFixture.expectedRules("remoteproc-healthy")))
        #expect(majority["boots"] as? Int == 7)
        let differing = try #require(colibri["differing"] as? [[String: Any]])
        #expect(differing.count == 1)
        #expect(differing.first?["boardBoot"] as? Int == 5 && differing.first?["session"] as? Int == 5 && differing.first?["boot"] as? Int == 1)
        #expect(differing.first?["rules"] as? [String] == (try FarmFixture.expectedRules("legacy-m4-halted-at-clock-gating")))

        let rules = try #require(document["rules"] as? [[String: Any]])
        let missing = try #require(rules.first { $0["rule"] as? String == "remoteproc-firmware-missing" })
        let onVerdin = try #require((missing["boards"] as? [[String: Any]])?.first)
        #expect(onVerdin["board"] as? String == "verdin-1" && onVerdin["boots"] as? Int == 2 && onVerdin["sessions"] as? Int == 2)
        #expect((onVerdin["first"] as? [String: Any])?["session"] as? Int == 9)
        #expect((onVerdin["last"] as? [String: Any])?["session"] as? Int == 10)

        let text = try ToolProcess.run(["analyze", farm.root, "--width", "200"])
        #expect(text.status == 3)
        #expect(text.stdout.contains("boot 5 of 8 differs (\(farm.root)/colibri-3/run-5 boot 1): m4-halted-at-clock-gating"), "\(text.stdout)")
    }

    @Test func eachSessionsFindingsAreWhatAnalyzingItAloneGives() throws {
        let farm = try FarmFixture.make("farm-alone", healthyRuns: 3, differing: 2)
        defer { farm.remove() }
        let document = try Self.json(try ToolProcess.run(["analyze", farm.root, "--format", "json"]).stdout)
        let sessions = try #require(document["sessions"] as? [[String: Any]])
        let findings = try #require(document["findings"] as? [[String: Any]])
        for (index, session) in sessions.enumerated() {
            let path = try #require(session["path"] as? String)
            let alone = try ToolProcess.run(["analyze", path, "--format", "json"])
            let single = try Self.json(alone.stdout)
            let expected = try #require(single["findings"] as? [[String: Any]])
            let mine = findings.filter { $0["session"] as? Int == index + 1 }.compactMap { $0["finding"] as? [String: Any] }
            #expect(mine.map { $0 as NSDictionary } == expected.map { $0 as NSDictionary }, "\(path)")
            let verdict = try #require((single["verdict"] as? [String: Any])?["outcome"] as? String)
            #expect((session["verdict"] as? [String: Any])?["outcome"] as? String == verdict, "\(path)")
        }
    }

    @Test(arguments: ["json", "junit", "tap", "text"])
    func theOutputIsTheSameForAnyNumberOfThreads(_ format: String) throws {
        let farm = try FarmFixture.make("farm-jobs-\(format)")
        defer { farm.remove() }
        let one = try ToolProcess.run(["analyze", farm.root, "--format", format, "--jobs", "1"])
        let four = try ToolProcess.run(["analyze", farm.root, "--format", format, "--jobs", "4"])
        #expect(one.status == 3 && four.status == 3)
        #expect(!one.stdout.isEmpty && one.stdout == four.stdout)
    }

    /// A soak log with fewer inputs than threads: its pipeline gets the threads left over and cuts
    /// it at U-Boot banners, with the output of one thread and every boot of analyzing it alone.
    @Test func aSoakLogAmongFewInputsGetsTheSpareThreadsWithTheSameOutput() throws {
        let farm = try FarmFixture.make("farm-soak", healthyRuns: 1, differing: 1)
        defer { farm.remove() }
        let boot = try String(contentsOfFile: RepositoryPaths.root.path + "/samples/real/colibri-imx7-stuck-at-starting-kernel-ubiboot/a-core.log", encoding: .utf8)
        try String(repeating: boot, count: 40).write(toFile: farm.root + "/imx7-soak.night.log", atomically: true, encoding: .utf8)
        let alone = try Self.json(try ToolProcess.run(["analyze", farm.root + "/imx7-soak.night.log", "--format", "json", "--jobs", "1"]).stdout)
        let bootsAlone = try #require(alone["boots"] as? [[String: Any]]).count
        try #require(bootsAlone == 40, "the sample's U-Boot banner starts each copy")
        let one = try ToolProcess.run(["analyze", farm.root + "/imx7-soak.night.log", farm.root + "/colibri-3", "--format", "json", "--jobs", "1"])
        let four = try ToolProcess.run(["analyze", farm.root + "/imx7-soak.night.log", farm.root + "/colibri-3", "--format", "json", "--jobs", "4"])
        #expect(one.stdout == four.stdout && one.status == four.status)
        let sessions = try #require(try Self.json(four.stdout)["sessions"] as? [[String: Any]])
        #expect(sessions.first?["boots"] as? Int == bootsAlone && sessions.first?["board"] as? String == "imx7-soak")
    }
}
