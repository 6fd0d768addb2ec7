import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// `ampscope analyze` run as a user runs it on a real `ampscope demo` capture (the M4 halts at
/// Linux's clock gating, the ports close 11 s in).
@Suite struct AnalyzeDemoCaptureTests {
    @Test(.timeLimit(.minutes(15))) func demoCaptureIsTheM4HaltedAtClockGatingWithEvidenceFromBothConsoles() throws {
        let directory = temporaryDirectory("analyze-demo")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Real time: the silence after the M4's last line (5.95 s to the ports closing ~11 s) must last ≥ 3 s.
        let demo = try ToolProcess.run(["demo", "--speed", "1", "--color", "never", "-o", directory])
        try #require(demo.status == 0, "\(demo.stderr)")

        // The end-of-capture hangups are not the M4's last line, not key events, not in the boot's duration.
        let timeline = try TimelineAnalyzer.run(.session(directory: directory), classifier: try Classifier())
        let boot = try #require(timeline.boots.first)
        let m4Lane = try #require(boot.lanes.first { $0.console == 1 })
        #expect(m4Lane.lastLine?.text == "[m4] heartbeat 16: adc=0x250")
        #expect(!boot.keyEvents.contains { !$0.event.isConsoleLine })
        #expect(boot.lanes.allSatisfy { $0.events.contains { $0.event.name == "capture-ended" && !$0.event.isKey } })
        let duration = try #require(boot.duration)
        let observed = try #require(boot.facts.observedUntil)
        // The replay holds its ports after the A7's last line: the capture observed past the boot.
        #expect(observed > duration, "duration \(duration) observed \(observed)")
        #expect(!timeline.warnings.contains { $0.contains("hung up") })
        let drawn = try ToolProcess.run(["timeline", directory, "--width", "100"]).stdout
        #expect(drawn.contains("[last M4 line] [m4] heartbeat 16: adc=0x250"))
        #expect(drawn.contains("note: capture ended: ports closed"))
        #expect(!drawn.contains("hung up"))

        let text = try ToolProcess.run(["analyze", directory, "--width", "120"])
        #expect(text.status == 3, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("── Boot 1 · from the input's start · "))
        #expect(lines.contains("ERROR m4-halted-at-clock-gating: The M-core stopped when Linux gated unused clocks (confidence high)"))
        #expect(lines.contains { $0.hasPrefix("    m4  line 20  ") && $0.hasSuffix("[m4] heartbeat 16: adc=0x250") })
        #expect(lines.contains { $0.hasPrefix("    a7  line 41  ") && $0.hasSuffix("[    2.058899] clk: Disabling unused clocks") })
        #expect(lines.contains { $0.hasPrefix("  fix: Linux disabled a clock only the M-core uses") })
        #expect(lines.contains("  see: https://community.toradex.com/t/imx7d-m4-and-a7-linux-freeze/9099"))
        #expect(lines.contains("Summary of 1 boot"))
        #expect(lines.contains("  error: m4-halted-at-clock-gating in 1 of 1 boots: 1"))

        let json = try ToolProcess.run(["analyze", directory, "--format", "json"])
        #expect(json.status == 3)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["tool"] as? String == "ampscope")
        #expect(document["version"] as? String == AmpScopeVersion.string)
        let findings = try #require(document["findings"] as? [[String: Any]])
        let halted = try #require(findings.first { $0["rule"] as? String == "m4-halted-at-clock-gating" })
        #expect(halted["severity"] as? String == "error" && halted["boot"] as? Int == 1 && halted["confidence"] as? String == "high")
        // The delay itself is what the replay's scheduling gave (about 55 ms on a quiet machine,
        // more under a loaded parallel test run); the evidence times below bound it.
        let message = try #require(halted["message"] as? String)
        #expect(message.contains(/^The M-core stopped \d+ ms (before|after) Linux gated unused clocks/), "\(message)")
        #expect(halted["signature"] as? String == "m4-halted-at-clock-gating gate=linux.clk-disabling-unused")
        #expect((halted["references"] as? [String])?.count == 3)
        let evidence = try #require(halted["evidence"] as? [[String: Any]])
        #expect(evidence.map { $0["console"] as? String } == ["m4", "a7"])
        #expect(evidence.map { $0["lineNumber"] as? Int } == [20, 41])
        #expect(evidence[1]["text"] as? String == "[    2.058899] clk: Disabling unused clocks")
        // The M4 stopped before the gating, within the rule's 250 ms.
        let stop = try #require(evidence[0]["time"] as? Int), gate = try #require(evidence[1]["time"] as? Int)
        #expect(gate > stop && gate - stop < 250_000_000)
        let boots = try #require(document["boots"] as? [[String: Any]])
        #expect(boots.count == 1 && boots[0]["index"] as? Int == 1 && boots[0]["boundary"] as? String == "input-start")
        let phases = try #require(boots[0]["phases"] as? [String: [[String: Any]]])
        #expect(phases["a7"]?.map { $0["phase"] as? String } == ["bootloader", "kernel", "userspace", "login"])
        #expect(phases["m4"]?.map { $0["phase"] as? String } == ["started", "running", "name-service"])
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["boots"] as? Int == 1)
        #expect((summary["rules"] as? [[String: Any]])?.first?["text"] as? String == "m4-halted-at-clock-gating in 1 of 1 boots: 1")
        #expect(document["not_checked"] is [[String: Any]])
    }
}
