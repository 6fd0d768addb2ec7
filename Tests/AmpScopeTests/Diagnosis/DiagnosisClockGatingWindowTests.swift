import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import AmpScope

/// Clock gating stops the M-core at once, so an M-core whose last line came well after
/// `clk: Disabling unused clocks` survived the gating: it stopped at a later event (on the
/// emulated board, QEMU's real kernel prints `Run /init` a few hundred ms after the gate line).
@Suite struct DiagnosisClockGatingWindowTests {
    @Test func lastLineWellAfterTheGateIsAHaltAtTheLaterEvent() throws {
        // Heartbeats every 250 ms up to 5.0 s, a last one at 5.1 s: 250 ms after the gate line
        // (a7 4.850 s), 35 ms before `Run /sbin/init as init process` (a7 5.135 s).
        let halted = DiagnosisRuleTests.heartbeat(until: 5.0).adding(.m4, 5.1, "M4 heartbeat last")
        #expect(halted.problems() == ["m4-halted-during-linux-boot"])
        let finding = try #require(halted.diagnose().findings.first)
        #expect(finding.message.contains("Run /sbin/init as init process"), "\(finding.message)")
    }

    @Test func lastLineJustAfterTheGateIsStillClockGating() {
        // 40 ms after the gate line: within what the capture may add (two ports read in either order).
        let halted = DiagnosisRuleTests.heartbeat(until: 4.75).adding(.m4, 4.890, "M4 heartbeat last")
        #expect(halted.problems() == ["m4-halted-at-clock-gating"])
    }

}
