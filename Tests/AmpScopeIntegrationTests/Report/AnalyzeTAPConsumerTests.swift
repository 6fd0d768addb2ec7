import Foundation
import Testing
@testable import AmpScopeTestSupport

/// `analyze --format tap` read by a real TAP consumer, tappy (tap.py from PyPI, with its YAML
/// support), and checked against `analyze --format json` of the same input: a finding of
/// severity error or warning is `not ok` with its evidence in YAML, a rule not checked is a SKIP,
/// the verdict its own point, the plan counts every point. One input, then a farm folder.
@Suite struct AnalyzeTAPConsumerTests {
    static let logs = [
        "samples/real/am57xx-pru-probe-firmware-missing/a-core.log",
        "samples/real/imx8mp-rpmsg-tty-kick-failed",
        "samples/real/colibri-imx7-mainline-4.13-boot-freeze",
    ]

    /// What tappy saw, as JSON: every top-level point, the plan and the version.
    static let reader = """
        import json, sys
        from tap.parser import Parser
        out = {"points": [], "plan": None, "version": None, "unknown": 0}
        for line in Parser().parse_file(sys.argv[1]):
            if line.category == "test":
                out["points"].append({"number": int(line.number), "ok": line.ok, "description": line.description,
                                      "skip": line.skip, "yaml": line.yaml_block})
            elif line.category == "plan":
                out["plan"] = line.expected_tests
            elif line.category == "version":
                out["version"] = line.version
            elif line.category == "unknown":
                out["unknown"] += 1
        json.dump(out, sys.stdout)
        """

    struct Point {
        var ok: Bool
        var description: String
        var skip: Bool
        var yaml: [String: Any]?
    }

    static func read(_ tap: String) throws -> (points: [Point], plan: Int?, version: Int?, unknown: Int) {
        let directory = temporaryDirectory("tap")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try tap.write(toFile: directory + "/out.tap", atomically: true, encoding: .utf8)
        try reader.write(toFile: directory + "/read.py", atomically: true, encoding: .utf8)
        let read = try AnalyzeJUnitConsumerTests.python([directory + "/read.py", directory + "/out.tap"])
        #expect(read.status == 0, "tappy could not read it (install: .ci/run step \"tap.py from PyPI\"): \(read.stderr)")
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: Any])
        let points = try #require(seen["points"] as? [[String: Any]]).map {
            Point(ok: $0["ok"] as? Bool ?? false, description: $0["description"] as? String ?? "", skip: $0["skip"] as? Bool ?? false,
                  yaml: $0["yaml"] as? [String: Any])
        }
        for (index, point) in try #require(seen["points"] as? [[String: Any]]).enumerated() {
            #expect(point["number"] as? Int == index + 1, "points numbered in order")
        }
        return (points, seen["plan"] as? Int, seen["version"] as? Int, seen["unknown"] as? Int ?? -1)
    }

    static func logPath(_ path: String) throws -> String {
        let input = RepositoryPaths.root.path + "/" + path
        if path.hasSuffix(".log") { return input }
        return try #require(try FileManager.default.contentsOfDirectory(atPath: input).sorted().first { $0.hasSuffix(".log") }.map { input + "/" + $0 })
    }

    @Test(arguments: logs)
    func tapSaysWhatTheJSONSays(_ path: String) throws {
        let input = try Self.logPath(path)
        let json = try ToolProcess.run(["analyze", "--a7", input, "--format", "json"])
        let tap = try ToolProcess.run(["analyze", "--a7", input, "--format", "tap"])
        #expect(tap.status == json.status, "exit status: tap \(tap.status), json \(json.status)")
        let seen = try Self.read(tap.stdout)
        #expect(seen.version == 14)
        #expect(seen.plan == seen.points.count, "the plan counts every point")
        #expect(seen.unknown == 0, "every line is TAP tappy knows (YAML blocks belong to their point)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(document["findings"] as? [[String: Any]])
        let failing = Set(findings.filter { $0["severity"] as? String != "info" }.compactMap { f in (f["rule"] as? String).map { "boot \(f["boot"] as? Int ?? 0): \($0)" } })
        let notOk = seen.points.dropLast().filter { !$0.ok }
        #expect(Set(notOk.map { String($0.description.dropFirst(2)) }) == failing)
        for point in notOk {
            let rule = String(point.description.split(separator: " ").last ?? "")
            let finding = try #require(findings.first { $0["rule"] as? String == rule })
            let evidence = (finding["evidence"] as? [[String: Any]] ?? []).map { "\($0["console"] as? String ?? "") line \($0["lineNumber"] as? Int ?? 0): \($0["text"] as? String ?? "")" }
            #expect(point.yaml?["evidence"] as? [String] == evidence, "\(rule): the evidence lines, read back through YAML")
            #expect(point.yaml?["fix"] as? String == finding["fix"] as? String)
        }
        let notChecked = ((document["not_checked"] as? [[String: Any]]) ?? []).flatMap { entry in
            ((entry["rules"] as? [String]) ?? []).flatMap { rule in ((entry["boots"] as? [Int]) ?? []).map { "boot \($0): \(rule)" } }
        }
        #expect(Set(seen.points.filter(\.skip).map { String($0.description.dropFirst(2)) }) == Set(notChecked).subtracting(failing))
        let verdict = try #require((document["verdict"] as? [String: Any])?["outcome"] as? String)
        let last = try #require(seen.points.last)
        #expect(last.description == "- verdict: \(verdict)" && last.ok == (verdict == "no-problem-found"))
        #expect(last.yaml?["headline"] as? String == (document["verdict"] as? [String: Any])?["headline"] as? String)
    }

    @Test func aFarmFolderIsOnePointPerRulePerBootOfEachSession() throws {
        let farm = try FarmFixture.make("tap-farm", healthyRuns: 3, differing: 2)
        defer { farm.remove() }
        let tap = try ToolProcess.run(["analyze", farm.root, "--format", "tap"])
        #expect(tap.status == 3)
        let seen = try Self.read(tap.stdout)
        #expect(seen.version == 14 && seen.plan == seen.points.count && seen.unknown == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(try ToolProcess.run(["analyze", farm.root, "--format", "json"]).stdout.utf8)) as? [String: Any])
        let sessions = try #require(document["sessions"] as? [[String: Any]])
        let findings = try #require(document["findings"] as? [[String: Any]])
        for (index, session) in sessions.enumerated() {
            let path = try #require(session["path"] as? String)
            let failing = Set(findings.filter { $0["session"] as? Int == index + 1 }.compactMap { $0["finding"] as? [String: Any] }
                .filter { $0["severity"] as? String != "info" }.compactMap { $0["rule"] as? String })
            let mine = seen.points.filter { $0.description.hasPrefix("- \(path) boot ") }
            #expect(!mine.isEmpty, "\(path) has its points")
            #expect(Set(mine.filter { !$0.ok }.compactMap { $0.description.split(separator: " ").last.map(String.init) }) == failing, "\(path)")
        }
        #expect(seen.points.last?.ok == false && seen.points.last?.description == "- verdict: problems-found")
    }
}
