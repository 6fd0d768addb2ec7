import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// A real kernel booting on QEMU's i.MX7D (../shared/tools/qemu-imx7), captured by `ampscope
/// capture` as in QemuBootCaptureTests, then analyzed. The real log (checked by hand): no
/// U-Boot (QEMU loads the kernel directly), `Booting Linux on physical CPU 0x0` at kernel 0,
/// `clk: Disabling unused clocks`, `Run /init as init process`, then the init's heartbeats.
/// It is a healthy boot, so the diagnosis must not raise an alarm on it.
@Suite(.serialized) struct TimelineQemuBootTests {
    @Test(.timeLimit(.minutes(15))) func realKernelBootYieldsKernelPhasesInOrder() throws {
        let script = QemuBootCaptureTests.bootScript
        try #require(FileManager.default.fileExists(atPath: script), "boot-a7.sh not found at \(script): clone the repository beside shared/")
        // Its own cache, so its own board: QemuBootCaptureTests may boot one at the same time, and
        // a shared cache would hand both suites the same PTY.
        let cache = try QemuCache.folder("timeline")
        QemuBootCaptureTests.runScript([script, "stop", "--cache", cache])
        defer { QemuBootCaptureTests.runScript([script, "stop", "--cache", cache]) }
        let ptyFile = NSTemporaryDirectory() + "ampscope-qemu-pty-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: ptyFile) }
        let status = QemuBootCaptureTests.runScript([script, "--cache", cache, "--hbmax", "3", "--timeout", "300"], stdout: ptyFile)
        let pty = ((try? String(contentsOfFile: ptyFile, encoding: .utf8)) ?? "").split(separator: "\n").first.map(String.init) ?? ""
        try #require(status == 0 && pty.hasPrefix("/dev/pts/"), "boot-a7.sh did not start a board (status \(status))")

        let directory = temporaryDirectory("tl-qemu")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let capture = try ToolProcess.run(
            ["capture", "--a7", pty, "-o", directory, "--until", "a7:heartbeat 2", "--duration", "240", "--quiet"], deadline: 600)
        #expect(capture.status == 0, "\(capture.stderr)")

        let timeline = try TimelineAnalyzer.run(.session(directory: directory), classifier: try Classifier())
        let boot = try #require(timeline.boots.first)
        #expect(timeline.boots.count == 1)
        let lane = boot.lanes[0]
        let phases = lane.phases.map(\.phase)
        #expect(phases.first == .kernel, "\(phases)")
        #expect(phases.contains(.userspace), "\(phases)")
        #expect(phases == phases.sorted { BootPhase.applicationOrder.firstIndex(of: $0)! < BootPhase.applicationOrder.firstIndex(of: $1)! })
        #expect(lane.phases[0].evidence.text.contains("Booting Linux on physical CPU"))
        // Phases follow each other on the host axis.
        let starts = lane.phases.compactMap(\.start.time)
        #expect(starts == starts.sorted())
        let names = lane.events.map(\.event.name)
        #expect(names.contains("clocks-gated") && names.contains("init-start"))
        let clock = try #require(boot.kernelClock)
        #expect(clock.method == .minimumDelay)
        #expect(clock.samples > 100)
        #expect(lane.lastLine?.text.contains("heartbeat") == true)

        // A healthy real kernel is no failure: no error or warning finding, neither live during
        // the capture (headless, so findings would go to stderr) nor from the analysis.
        let diagnosis = try Diagnoser.builtin().diagnose(boot, consoles: timeline.consoles)
        let alarms = diagnosis.findings.filter { $0.severity >= .warning }
        #expect(alarms.isEmpty, "\(alarms.map { "\($0.rule): \($0.message)" })")
        #expect(!capture.stderr.contains("ERROR") && !capture.stderr.contains("WARNING"), "\(capture.stderr)")
        #expect(capture.stderr.contains("findings: none in 1 boot"), "\(capture.stderr)")
        // Rules about the M-core say why they were not checked rather than guessing.
        #expect(diagnosis.notChecked.contains { $0.rule == "m4-not-started" && $0.reason.contains("no microcontroller console") })
    }
}
