import Foundation
import Testing
@testable import AmpScopeTestSupport

/// `analyze --format junit` read by a real JUnit consumer, junitparser from PyPI (as CI
/// dashboards read it), and checked against `analyze --format json` of the same input: every
/// error or warning finding a failure, every rule not checked skipped, the verdict its own case.
@Suite struct AnalyzeJUnitConsumerTests {
    /// A failing log (two errors, M-core rules not checked), a healthy one and a quiet excerpt.
    static let logs = [
        "samples/real/am57xx-pru-probe-firmware-missing/a-core.log",
        "samples/real/am62a-rpmsg-client-sample-three-cores-healthy",
        "samples/real/colibri-imx7-mainline-4.13-boot-freeze",
    ]

    static let reader = """
        import json, sys
        from junitparser import JUnitXml, Failure, Skipped, Error
        suites = []
        for suite in JUnitXml.fromfile(sys.argv[1]):
            cases = []
            for case in suite:
                kinds = [type(r).__name__ for r in case.result]
                cases.append({"name": case.name, "result": kinds[0].lower() if kinds else "passed"})
            suites.append({"name": suite.name, "tests": suite.tests, "failures": suite.failures,
                           "skipped": suite.skipped, "errors": suite.errors, "cases": cases})
        json.dump(suites, sys.stdout)
        """

    @Test(arguments: logs)
    func junitSaysWhatTheJSONSays(_ path: String) throws {
        let root = RepositoryPaths.root.path + "/"
        var input = root + path
        if !path.hasSuffix(".log") {
            input = try #require(try FileManager.default.contentsOfDirectory(atPath: input).sorted().first { $0.hasSuffix(".log") }
                .map { input + "/" + $0 }, "\(path) has no .log")
        }
        let json = try ToolProcess.run(["analyze", "--a7", input, "--format", "json"])
        let junit = try ToolProcess.run(["analyze", "--a7", input, "--format", "junit"])
        #expect(junit.status == json.status, "exit status: junit \(junit.status), json \(json.status)")
        let directory = temporaryDirectory("junit")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try junit.stdout.write(toFile: directory + "/junit.xml", atomically: true, encoding: .utf8)
        try Self.reader.write(toFile: directory + "/read.py", atomically: true, encoding: .utf8)
        let read = try Self.python([directory + "/read.py", directory + "/junit.xml"])
        #expect(read.status == 0, "junitparser could not read it (install: .ci/run step \"junitparser from PyPI\"): \(read.stderr)")
        let suites = try #require(try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [[String: Any]])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])

        let findings = try #require(document["findings"] as? [[String: Any]])
        let boots = try #require(document["boots"] as? [[String: Any]])
        #expect(suites.count == boots.count + 1, "one suite per boot and the verdict")
        for (index, suite) in suites.dropLast().enumerated() {
            let boot = index + 1
            #expect(suite["name"] as? String == "boot \(boot)")
            let cases = try #require(suite["cases"] as? [[String: String]])
            let failing = Set(findings.filter { $0["boot"] as? Int == boot && $0["severity"] as? String != "info" }.compactMap { $0["rule"] as? String })
            #expect(Set(cases.filter { $0["result"] == "failure" }.compactMap { $0["name"] }) == failing, "boot \(boot)")
            let found = Set(findings.filter { $0["boot"] as? Int == boot }.compactMap { $0["rule"] as? String })
            let notChecked = Set(((document["not_checked"] as? [[String: Any]]) ?? [])
                .filter { ($0["boots"] as? [Int])?.contains(boot) == true }
                .flatMap { ($0["rules"] as? [String]) ?? [] }).subtracting(found)
            #expect(Set(cases.filter { $0["result"] == "skipped" }.compactMap { $0["name"] }) == notChecked, "boot \(boot)")
            #expect(suite["failures"] as? Int == failing.count && suite["skipped"] as? Int == notChecked.count)
            #expect(cases.count == Set(cases.compactMap { $0["name"] }).count, "one case per rule")
        }
        let verdict = try #require((document["verdict"] as? [String: Any])?["outcome"] as? String)
        let verdictCase = try #require((suites.last?["cases"] as? [[String: String]])?.first)
        let expected = ["problems-found": "failure", "inconclusive": "error", "no-problem-found": "passed"][verdict]
        #expect(verdictCase["result"] == expected, "verdict \(verdict) as \(verdictCase["result"] ?? "?")")
    }

    static func python(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try ExternalProgram.run(["/usr/bin/env", "python3"] + arguments)
    }
}
