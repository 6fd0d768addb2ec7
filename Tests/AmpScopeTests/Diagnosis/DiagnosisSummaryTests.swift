import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// Across boots: the summary names the boots a rule fired in, signatures match for the same
/// problem at other times.
@Suite struct DiagnosisSummaryTests {
    static let uartProbe = "[    1.385338] 30890000.serial: ttymxc1 at MMIO 0x30890000 (irq = 31, base_baud = 1500000) is a IMX"

    static func timeline(_ scripts: [BootScript]) -> Timeline {
        let boots = scripts.enumerated().map { offset, script in
            var boot = script.boot()
            boot.index = offset + 1
            return boot
        }
        return Timeline(consoles: BootScript.healthyLegacy.consoles, inputs: [], boots: boots)
    }

    @Test func summaryNamesTheBootsEachRuleFiredIn() throws {
        var scripts = Array(repeating: BootScript.healthyLegacy, count: 20)
        for boot in [4, 9, 17] {
            // The same problem at a slightly different moment each time.
            scripts[boot - 1] = BootScript.healthyLegacy.adding(.a7, 4.1 + Double(boot) / 100, Self.uartProbe)
        }
        scripts[9] = BootScript.healthyLegacy.adding(.a7, 6, "[  100.000000] Out of memory: Killed process 412 (stress) total-vm:1200kB")
        let diagnoses = try Diagnoser.builtin().diagnose(Self.timeline(scripts))
        #expect(diagnoses.map(\.boot) == Array(1...20))
        let summary = DiagnosisSummary(diagnoses)
        #expect(summary.description == "uart-shared-with-linux in 3 of 20 boots: 4, 9, 17\nout-of-memory in 1 of 20 boots: 10")
        // Times and line numbers differ between boots 4, 9 and 17; the signature does not.
        #expect(summary.entries[0].signatures == ["uart-shared-with-linux probe.device=30890000.serial"])
        let times = Set(diagnoses.flatMap(\.findings).filter { $0.rule == "uart-shared-with-linux" }.map(\.message))
        #expect(times.count == 3)
    }

    @Test func notCheckedGroupsRulesByReason() {
        // A plain M-core log without stamps next to a captured A-core: no common clock.
        let untimed = BootScript.healthyLegacy.with { $0.m4Timed = false; $0.alignment = .none }.diagnose()
        #expect(untimed.findings.isEmpty)
        let groups = untimed.notCheckedByReason
        let noStamps = groups.first { $0.reason == "the m4 log has no host timestamps" }
        #expect(noStamps?.rules == ["m4-halted-at-clock-gating", "m4-halted-during-linux-boot", "m4-console-garbage-after-linux", "m4-started-after-rpmsg-probe"])
    }

    @Test func findingsEncodeAsPlainJSON() throws {
        let finding = try #require(BootScript.healthyLegacy.adding(.a7, 4.18, Self.uartProbe).diagnose().findings.first)
        let data = try JSONEncoder().encode(finding)
        let decoded = try JSONDecoder().decode(Finding.self, from: data)
        #expect(decoded == finding)
        #expect(finding.evidence.map { "\($0.console):\($0.lineNumber)" } == ["a7:8", "a7:24"])  // the bootaux line, then the probe
    }
}
