import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// One time base: `ampscope demo` (simulated board → PTYs → live capture → analysis → report)
/// shows every line at the time the live view printed beside it, in the live findings, in the
/// analysis, in report.md and in report.json, and each boot's start once. Every time is read
/// from the real outputs: the live view's stamps are the reference.
@Suite struct DemoTimeBaseTests {
    /// `  1.510 m4 │ [m4] heartbeat 16: adc=0x250` → (console, text) → the time printed beside it.
    static func liveLines(_ stdout: String) -> [String: String] {
        var times: [String: String] = [:]
        let pattern = try! Regex(#"^\s*(\d+\.\d{3}) (\S+) │ (.*)$"#)
        for line in stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let match = try? pattern.wholeMatch(in: line),
                  let time = match.output[1].substring, let console = match.output[2].substring, let text = match.output[3].substring else { continue }
            let key = "\(console) \(text)"
            if times[key] == nil { times[key] = String(time) }
        }
        return times
    }

    /// Every `m4 line 20 at 1.510 s` in `text`: "m4 20" → "1.510".
    static func quotedTimes(_ text: some StringProtocol) -> [(line: String, time: String)] {
        let pattern = try! Regex(#"(a7|m4) line (\d+) at (\d+\.\d{3}) s"#)
        return String(text).matches(of: pattern).compactMap { match in
            guard let console = match.output[1].substring, let number = match.output[2].substring, let time = match.output[3].substring else { return nil }
            return ("\(console) \(number)", String(time))
        }
    }

    /// ns → `1.510`, rounded to the millisecond as every output rounds.
    static func milliseconds(_ nanoseconds: Int) -> String {
        let milliseconds = (nanoseconds + 500_000) / 1_000_000
        return "\(milliseconds / 1000)." + String(format: "%03d", milliseconds % 1000)
    }

    @Test(.timeLimit(.minutes(15))) func aLineReadsTheSameTimeLiveInTheFindingsTheAnalysisAndTheReport() throws {
        let directory = temporaryDirectory("demo-time")
        let reportDirectory = directory + "-report"
        defer {
            try? FileManager.default.removeItem(atPath: directory)
            try? FileManager.default.removeItem(atPath: reportDirectory)
        }
        let demo = try ToolProcess.run(["demo", "--speed", "4", "--color", "never", "-o", directory])
        #expect(demo.status == 0, "\(demo.stderr)")
        let live = Self.liveLines(demo.stdout)
        #expect(!live.isEmpty, "no console line in the live view: \(demo.stdout.prefix(600))")

        // report.json: each evidence line's console, number, text and capture time (ns).
        let json = try String(contentsOfFile: reportDirectory + "/report.json", encoding: .utf8)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let boots = try #require(document["bootsWithFindings"] as? [[String: Any]])
        let findings = boots.flatMap { ($0["findings"] as? [[String: Any]]) ?? [] }
        #expect(!findings.isEmpty)
        var expected: [String: String] = [:]
        var consoles: Set<String> = []
        for finding in findings {
            for evidence in (finding["evidence"] as? [[String: Any]]) ?? [] {
                let console = try #require(evidence["console"] as? String)
                let number = try #require(evidence["lineNumber"] as? Int)
                let text = try #require(evidence["text"] as? String)
                let captured = try #require(evidence["captureTime"] as? Int, "no captureTime for \(console) line \(number)")
                // The line as the live view printed it: its time there is the reference.
                guard let shown = live["\(console) \(text)"] else { continue }
                #expect(Self.milliseconds(captured) == shown, "\(console) line \(number) \"\(text)\": live \(shown) s, report.json \(captured) ns")
                expected["\(console) \(number)"] = shown
                consoles.insert(console)
            }
        }
        #expect(consoles == ["a7", "m4"], "evidence lines found in the live view: \(expected)")

        // The times the findings quote, live and in the analysis, and report.md's evidence rows.
        let analysisStart = try #require(demo.stdout.range(of: "── Boot 1"))
        let liveFindings = demo.stdout[..<analysisStart.lowerBound].split(separator: "\n").filter { $0.contains("!!") || $0.hasPrefix("       ") }
        let markdown = try String(contentsOfFile: reportDirectory + "/report.md", encoding: .utf8)
        var checked = 0
        for (source, text) in [("live findings", liveFindings.joined(separator: "\n")), ("analysis", String(demo.stdout[analysisStart.lowerBound...])), ("report.md", markdown)] {
            for quoted in Self.quotedTimes(text) {
                guard let reference = expected[quoted.line] else { continue }
                #expect(quoted.time == reference, "\(source): \(quoted.line) at \(quoted.time) s, live view \(reference) s")
                checked += 1
            }
        }
        #expect(checked >= 3, "too few quoted times to compare")
        // The analysis's evidence rows: `m4  line 20  1.510 s  [m4] heartbeat 16: adc=0x250`.
        for (line, reference) in expected {
            let parts = line.split(separator: " ")
            let row = try Regex(#"\n\s+\#(parts[0])\s+line \#(parts[1])\s+(\d+\.\d{3}) s  "#)
            let match = try #require(demo.stdout[analysisStart.lowerBound...].firstMatch(of: row), "no evidence row for \(line) in the analysis")
            #expect(match.output[1].substring.map(String.init) == reference, "analysis evidence row of \(line)")
        }

        // Each boot's start once, the same everywhere: the time of its first line in the live view.
        let firstLine = try #require(demo.stdout.split(separator: "\n").first { $0.contains(" │ ") })
        let start = String(firstLine.drop { $0 == " " }.prefix { $0 != " " })
        #expect(demo.stdout.components(separatedBy: "boot 1 starts at \(start) s").count - 1 == 1, "live view: \(demo.stdout.prefix(3000))")
        #expect(demo.stdout.contains("── Boot 1 · from the input's start · starts at \(start) s"))
        #expect(markdown.contains("(boot 1, which starts at \(start) s; times since the capture started)"))
    }
}
