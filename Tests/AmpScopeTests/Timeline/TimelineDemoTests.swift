import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// The bundled demo board (samples/demo/colibri-imx7-clock-gating.board, DemoBoard.script)
/// through the analyzer: compiled into a session by BoardScript, with the demo's fault (the
/// M4 halts when the A7 prints `clk: Disabling unused clocks`) applied to the script's outputs.
@Suite struct TimelineDemoTests {
    /// What the sample contains, read by hand: A7 U-Boot at 0.002 s, `Starting kernel ...` at
    /// 3.361 s, printk from 3.9504 s (kernel 0), `clk: Disabling unused clocks` at 6.0093 s
    /// (kernel 2.058899), `Run /sbin/init` at 6.2935 s, `login:` at 8.053 s; M4 banner at
    /// 1.934 s, `RPMSG Init as Remote` at 1.936 s, name service at 4.0685 s, heartbeats every
    /// 0.25 s, the last before the clock gating being heartbeat 16 at 5.95 s.
    @Test func demoBoardPhasesAndTheM4sLastLine() throws {
        var script = try BoardScript.parse(DemoBoard.script, fileName: DemoBoard.fileName)
        let m4 = try #require(script.consoles.firstIndex { $0.name == "m4" })
        let gating = try #require(script.outputs.first { String(decoding: $0.bytes, as: UTF8.self).contains("clk: Disabling unused clocks") })
        script.outputs.removeAll { $0.console == m4 && $0.time > gating.time }
        let directory = temporaryDirectory("tl-demo")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try script.compile(to: directory)

        let timeline = try TimelineAnalyzer.run(.session(directory: directory), classifier: try Classifier())
        #expect(timeline.consoles.map(\.name) == ["a7", "m4"])
        let boot = try #require(timeline.boots.first)
        #expect(timeline.boots.count == 1)
        #expect(boot.alignment.method == .hostClock)
        let a7 = boot.lanes[0], m4Lane = boot.lanes[1]
        #expect(a7.phases.map(\.phase) == [.bootloader, .kernel, .userspace, .login])
        #expect(m4Lane.phases.map(\.phase) == [.started, .running, .nameService])
        #expect(m4Lane.phases[0].start.time == 1_934_000_000)
        #expect(m4Lane.phases[1].evidence.text == "RPMSG Init as Remote")
        #expect(m4Lane.lastLine?.text == "[m4] heartbeat 16: adc=0x250")
        #expect(m4Lane.lastLine?.placement.time == 5_950_000_000)
        #expect(a7.phases[1].evidence.text == "Starting kernel ...")
        #expect(a7.phases[1].start.time == 3_361_000_000)
        // Kernel time 0 lines arrived at 3.9504 s; so did `clk` at kernel 2.058899 (6.0093 s).
        let clock = try #require(boot.kernelClock)
        #expect(abs(clock.offset - 3_950_400_000) <= clock.errorBound)
        let gated = try #require(a7.events.first { $0.event.name == "clocks-gated" })
        #expect(abs(gated.placement.time! - 6_009_300_000) <= gated.placement.uncertainty)
        // The M4's last line came 59 ms before the clock gating: the evidence the diagnosis needs.
        #expect(gated.placement.time! - m4Lane.lastLine!.placement.time! > 50_000_000)
        let keyNames = boot.keyEvents.map(\.event.name)
        #expect(keyNames.contains("mcore-started") && keyNames.contains("kernel-handover") && keyNames.contains("rpmsg-channel"))
        #expect(boot.facts.microcontrollerBanners == 1)
        #expect(boot.facts.endsWithInput)
        #expect(boot.wallClockStart == 1_700_000_000_000_000_000)
    }
}
