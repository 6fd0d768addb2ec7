import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// The leak RedactionPropertyTests found with seed 14054987472403861586: an identifier on a
/// console's first garbage line (the line the garbage rule quotes) reached report.json, because
/// that line is kept in the lane's activity, which the redactor did not visit. The real log of
/// a UART shared by the M4 and Linux is read with a serial, a host and a password on every line.
@Suite struct RedactionGarbageLineTests {
    @Test func anIdentifierOnTheFirstGarbageLineIsRedactedInEveryOutput() throws {
        let name = "imx7d-custom-m4-uart3-garbage-under-linux"
        let directory = temporaryDirectory("redaction-garbage-line")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let secrets = ["73146025", "bench-qwerty", "pwZq8Kx3Lm2N"]
        var arguments = ["report", "-o", directory + "/report"]
        let logs = RealSampleCatalogue.logs(name)
        try #require(!logs.isEmpty, "samples/real/\(name) has no log")
        for (console, path) in logs {
            let lines = try RealSampleCatalogue.lines(of: path).map {
                $0.isEmpty ? $0 : $0 + " Serial#: 73146025 root@bench-qwerty:~# setenv password=pwZq8Kx3Lm2N"
            }
            let copy = directory + "/" + console + ".log"
            try lines.joined(separator: "\n").write(toFile: copy, atomically: true, encoding: .utf8)
            arguments += ["--" + console, copy]
        }
        let run = try ToolProcess.run(arguments)
        #expect(run.status != 2, "report: \(run.stdout) \(run.stderr)")
        let json = try String(contentsOfFile: directory + "/report/report.json", encoding: .utf8)
        // The line is in the report at all: otherwise this test would pass without checking anything.
        #expect(json.contains("firstGarbageLine"), "report.json quotes no garbage line")
        for file in ["report.md", "report.html", "report.json"] {
            let text = try String(contentsOfFile: directory + "/report/" + file, encoding: .utf8)
            for secret in secrets { #expect(!text.contains(secret), "\(file) leaks \(secret)") }
        }
    }
}
