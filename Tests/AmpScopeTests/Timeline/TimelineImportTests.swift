import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// Logs users already have, without host times: the A7 and M4 consoles of the demo board
/// saved as plain text, a dmesg, and a kernel built without printk times.
@Suite struct TimelineImportTests {
    /// Each console's bytes of the demo board, as a terminal program would have saved them.
    static func demoLogs() throws -> (a7: String, m4: String) {
        let script = try BoardScript.parse(DemoBoard.script, fileName: DemoBoard.fileName)
        var files: [String] = []
        for (index, console) in script.consoles.enumerated() {
            let bytes = script.outputs.filter { $0.console == index }.flatMap(\.bytes)
            let path = temporaryDirectory("tl-\(console.name)") + ".log"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        return (files[0], files[1])
    }

    static func write(_ text: String, _ label: String) throws -> String {
        let path = temporaryDirectory(label) + ".log"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func plainA7AndM4LogsAreAlignedOnBootauxAndNameService() throws {
        let (a7, m4) = try Self.demoLogs()
        defer { try? FileManager.default.removeItem(atPath: a7); try? FileManager.default.removeItem(atPath: m4) }
        let timeline = try TimelineAnalyzer.run(
            .logs([LogInput(path: a7, consoleName: "a7"), LogInput(path: m4, consoleName: "m4")]), classifier: try Classifier())
        #expect(timeline.inputs.map(\.format) == ["plain", "plain"])
        #expect(timeline.consoles.map(\.kind) == [.application, .microcontroller])
        let boot = try #require(timeline.boots.first)
        #expect(timeline.boots.count == 1)
        // Kernel time 0 is placed 2 s after `Starting kernel ...` (axis 0), ± 2 s.
        let clock = try #require(boot.kernelClock)
        #expect(clock.method == .handoverAnchor)
        #expect(clock.offset == 2_000_000_000 && clock.errorBound == 2_000_000_000)
        let gated = try #require(boot.lanes[0].events.first { $0.event.name == "clocks-gated" })
        #expect(gated.placement == TimelinePlacement(time: 4_058_899_000, uncertainty: 2_000_000_000, source: .kernelClock))
        #expect(boot.alignment.method == .anchors)
        #expect(boot.alignment.anchors == ["uboot.bootaux-start → mcore banner", "linux.rpmsg-channel ↔ mcore name service"])
        #expect(boot.alignment.statement.hasPrefix("m4 aligned to a7 on bootaux → banner, creating channel ↔ name service, ± "))
        #expect(boot.alignment.statement.hasSuffix("; boots paired by order (no common clock)"))
        let phases = boot.lanes[1].phases
        #expect(phases.map(\.phase) == [.started, .running, .nameService])
        // bootaux: 2 s before the handover ± 2 s, the banner within 10 ms after it.
        #expect(phases[0].start == TimelinePlacement(time: -1_995_000_000, uncertainty: 2_005_000_000, source: .anchor))
        // Name service: at `creating channel` (kernel 0.118232 → 2.118232 s), ± 2 s + 50 ms.
        #expect(phases[2].start == TimelinePlacement(time: 2_118_232_000, uncertainty: 2_050_000_000, source: .anchor))
        // Between the anchors: interpolated, the uncertainty spanning both.
        #expect(phases[1].start.source == .interpolated)
        let running = try #require(phases[1].start.time)
        #expect(running > -1_995_000_000 && running < 2_118_232_000)
        #expect(phases[1].start.uncertainty >= running - (-1_995_000_000 - 2_005_000_000))
        // After the last anchor only the order is known.
        #expect(boot.lanes[1].lastLine?.placement == .orderOnly)
        #expect(timeline.warnings.contains { $0.contains("no host times") })
    }

    @Test func dmesgAloneUsesKernelTimeAsTheAxis() throws {
        let path = try Self.write("""
            [    0.000000] Booting Linux on physical CPU 0x0
            [    0.094612] imx rpmsg driver is registered.
            [    2.058899] clk: Disabling unused clocks
            [    2.343055] Run /sbin/init as init process

            """, "tl-dmesg")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let timeline = try TimelineAnalyzer.run(.logs([LogInput(path: path, consoleName: "a7")]), classifier: try Classifier())
        #expect(timeline.inputs.first?.format == "dmesg")
        let boot = try #require(timeline.boots.first)
        #expect(boot.kernelClock?.method == .kernelTimeAsAxis)
        #expect(boot.lanes[0].phases.map(\.phase) == [.kernel, .userspace])
        let gated = try #require(boot.lanes[0].events.first { $0.event.name == "clocks-gated" })
        #expect(gated.placement == TimelinePlacement(time: 2_058_899_000, uncertainty: 0, source: .kernelClock))
        #expect(boot.alignment.method == .none)
        #expect(boot.duration == 2_343_055_000)
    }

    @Test func kernelWithoutPrintkTimesStillGivesPhasesInOrder() throws {
        let path = try Self.write("""
            U-Boot 2016.11 (Dec 07 2020 - 16:53:12 -0300)
            Hit any key to stop autoboot:  0
            Starting kernel ...

            Booting Linux on physical CPU 0x0
            Linux version 4.14.159 (oe-user@oe-host) #1 SMP
            clk: Disabling unused clocks
            Run /sbin/init as init process
            colibri-imx7 login:\u{20}
            """, "tl-noprintk")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let timeline = try TimelineAnalyzer.run(.logs([LogInput(path: path, consoleName: "a7")]), classifier: try Classifier())
        let boot = try #require(timeline.boots.first)
        #expect(timeline.boots.count == 1)
        #expect(boot.kernelClock == nil)
        #expect(boot.lanes[0].phases.map(\.phase) == [.bootloader, .kernel, .userspace, .login])
        #expect(boot.lanes[0].phases[1].start == TimelinePlacement(time: 0, uncertainty: 0, source: .anchor))
        #expect(boot.lanes[0].phases[3].start == .orderOnly)
        #expect(boot.lanes[0].events.map(\.event.name).contains("clocks-gated"))
        #expect(boot.lanes[0].lineCount == 9)
    }
}
