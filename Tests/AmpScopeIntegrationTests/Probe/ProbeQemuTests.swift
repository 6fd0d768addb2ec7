import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// The probe on a real kernel: QEMU's i.MX7D boots Debian's armmp kernel into a BusyBox shell
/// on a PTY (../shared/tools/qemu-imx7/boot-a7.sh --shell). Fails, not skips, without it.
@Suite(.serialized) struct ProbeQemuTests {
    @Test(.timeLimit(.minutes(15))) func probeReadsARealBoardDuringCaptureAndOnceItIsUp() throws {
        let script = QemuBootCaptureTests.bootScript
        try #require(FileManager.default.fileExists(atPath: script), "boot-a7.sh not found at \(script): clone the repository beside shared/")
        // Its own cache (and so its own board): the other QEMU suites may run at the same time.
        let cache = try QemuCache.folder("probe")
        QemuBootCaptureTests.runScript([script, "stop", "--cache", cache])
        defer { QemuBootCaptureTests.runScript([script, "stop", "--cache", cache]) }
        let ptyFile = NSTemporaryDirectory() + "ampscope-qemu-probe-pty-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: ptyFile) }
        let status = QemuBootCaptureTests.runScript([script, "--cache", cache, "--shell", "--hbmax", "2", "--timeout", "400"], stdout: ptyFile)
        let pty = ((try? String(contentsOfFile: ptyFile, encoding: .utf8)) ?? "").split(separator: "\n").first.map(String.init) ?? ""
        try #require(status == 0 && pty.hasPrefix("/dev/pts/"), "boot-a7.sh did not start a board (status \(status))")

        // 1. Capture the boot with --probe: it waits for the shell, then asks.
        let session = temporaryDirectory("qemu-probe")
        defer { try? FileManager.default.removeItem(atPath: session) }
        let capture = try ToolProcess.run(["capture", "--a7", pty, "--probe", "-o", session, "--duration", "50", "--quiet"])
        #expect(capture.status == 0, "\(capture.stderr)")
        #expect(capture.stderr.contains("probe: done"), "\(capture.stderr)")
        // Live findings read the probe's facts once it has stored them, and its dmesg listing is
        // no second boot: a healthy kernel gives no finding, live or in analyze.
        #expect(capture.stderr.contains("findings: none in 1 boot"), "\(capture.stderr)")
        let analyzed = try ToolProcess.run(["analyze", session])
        #expect(analyzed.status == 0 && analyzed.stdout.contains("Summary of 1 boot"), "\(analyzed.stdout)")
        let facts = try #require(try ProbeRecords.readFacts(directory: session))
        #expect(facts.problems.isEmpty, "\(facts.problems)")
        #expect(facts.kernelRelease?.hasSuffix("-armmp") == true, "\(facts.kernelRelease ?? "nil")")
        #expect(facts.commandLine?.hasPrefix("console=ttymxc0,115200 earlycon") == true)
        #expect(facts.model == "Freescale i.MX7 SabreSD Board")
        // imx7d-sdb.dtb has the two MU mailboxes (disabled) and no rpmsg, M-core or reserved-memory node.
        #expect(facts.deviceTreeNodes?.map(\.path).sorted() == ["/soc/bus@30800000/mailbox@30aa0000", "/soc/bus@30800000/mailbox@30ab0000"])
        #expect(facts.deviceTreeNodes?.allSatisfy { $0.status == "disabled" && $0.compatible.contains("fsl,imx6sx-mu") } == true)
        #expect(facts.reservedMemory == [])
        #expect(facts.remoteprocs == [])
        #expect(facts.rpmsgTTYs == [])
        #expect(facts.iomem?.contains { $0.name == "System RAM" } == true)
        let dmesg = try #require(facts.dmesg)
        #expect(dmesg.first?.contains("Booting Linux on physical CPU") == true)
        // Every keystroke is recorded as probe input.
        let records = try ProbeCaptureEndToEndTests.controlRecords(session)
        let typed = records.filter { $0.kind == .input && $0.source == "probe" }.map { String(decoding: $0.bytes ?? [], as: UTF8.self) }
        #expect(typed.filter { $0.contains("__AMPS''_") }.count == ProbeScript.standard.commands.count, "\(typed)")
        #expect(typed.allSatisfy { $0 == "\r" || $0.hasPrefix(" echo __AMPS''_") }, "\(typed)")

        // The timeline: one boot (the dmesg listing is not a second one), the debug-level lines
        // only dmesg has (init's arguments and environment) counted as missed by the console.
        let timeline = try ToolProcess.run(["timeline", session, "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(timeline.stdout.utf8)) as? [String: Any])
        let boots = try #require(document["boots"] as? [[String: Any]])
        #expect(boots.count == 1)
        let merge = try #require((boots.first?["boardFacts"] as? [String: Any])?["dmesgMerge"] as? [String: Any])
        #expect(merge["merged"] as? Bool == true)
        #expect((merge["missedByConsole"] as? Int ?? 0) >= 1, "\(merge)")

        // The report shows the facts.
        let reportDirectory = temporaryDirectory("qemu-probe-report")
        defer { try? FileManager.default.removeItem(atPath: reportDirectory) }
        let report = try ToolProcess.run(["report", session, "-o", reportDirectory])
        #expect(report.status == 0, "\(report.stderr)")
        let markdown = try String(contentsOfFile: reportDirectory + "/report.md", encoding: .utf8)
        #expect(markdown.contains("### Facts from the board"))
        #expect(markdown.contains("| kernel (uname -r) | \(facts.kernelRelease ?? "?") |"))
        #expect(markdown.contains("| /proc/cmdline | console=ttymxc0,115200 earlycon"))
        #expect(markdown.contains("| node /soc/bus@30800000/mailbox@30aa0000 | status disabled; compatible fsl,imx7s-mu fsl,imx6sx-mu"))
        #expect(markdown.contains("cat /proc/cmdline"))
        let html = try String(contentsOfFile: reportDirectory + "/report.html", encoding: .utf8)
        #expect(html.contains(#"<h2 id="board-facts">Facts from the board</h2>"#))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: reportDirectory + "/report.json"))) as? [String: Any])
        let reportBoots = try #require((json["timeline"] as? [String: Any])?["boots"] as? [[String: Any]])
        #expect((reportBoots.first?["boardFacts"] as? [String: Any])?["kernelRelease"] as? String == facts.kernelRelease)

        // 2. The board is up now: `ampscope probe` presses Enter for a prompt and asks again.
        let again = temporaryDirectory("qemu-probe-up")
        defer { try? FileManager.default.removeItem(atPath: again) }
        let probe = try ToolProcess.run(["probe", "--a7", pty, "-o", again])
        #expect(probe.status == 0, "\(probe.stderr)")
        #expect(probe.stderr.contains("pressing Enter for a fresh prompt"))
        #expect(probe.stdout.contains("kernel (uname -r): \(facts.kernelRelease ?? "?")"))
        #expect(probe.stdout.contains("device-tree model: Freescale i.MX7 SabreSD Board"))
        // That capture saw none of the boot: its dmesg is placed through /proc/uptime, before the capture began.
        let upFacts = try #require(try ProbeRecords.readFacts(directory: again))
        let uptime = try #require(upFacts.uptime)
        let upTimeline = try ToolProcess.run(["timeline", again, "--format", "json"])
        let upDocument = try #require(try JSONSerialization.jsonObject(with: Data(upTimeline.stdout.utf8)) as? [String: Any])
        let upBoot = try #require((upDocument["boots"] as? [[String: Any]])?.first)
        #expect((upBoot["kernelClock"] as? [String: Any])?["method"] as? String == "uptime-anchor")
        let events = ((upBoot["lanes"] as? [[String: Any]])?.first?["events"] as? [[String: Any]]) ?? []
        let booting = try #require(events.first { (($0["event"] as? [String: Any])?["text"] as? String)?.contains("Booting Linux on physical CPU") == true })
        #expect(((booting["event"] as? [String: Any])?["fields"] as? [String: String])?["from"] == "dmesg")
        // The probe began within a few seconds of the capture, so printk 0 lies about `uptime` before it.
        let placed = try #require((booting["placement"] as? [String: Any])?["time"] as? Int)
        #expect(Double(-placed) / 1e9 > uptime - 10 && Double(-placed) / 1e9 < uptime + 1, "placed at \(placed) ns, uptime \(uptime) s")
    }
}

extension ProbeQemuTests {
    /// `--uboot-probe` on real U-Boot 2023.01 (built from Debian's source by .ci/run's prepare
    /// step, boot-a7.sh fetch --uboot): autoboot interrupted, printenv read, the boot goes on, Linux probed.
    @Test(.timeLimit(.minutes(15))) func ubootProbeReadsTheEnvironmentAndTheBootGoesOn() throws {
        let script = QemuBootCaptureTests.bootScript
        try #require(FileManager.default.fileExists(atPath: script), "boot-a7.sh not found at \(script): clone the repository beside shared/")
        let cache = try QemuCache.folder("probe-uboot")
        QemuBootCaptureTests.runScript([script, "stop", "--cache", cache])
        defer { QemuBootCaptureTests.runScript([script, "stop", "--cache", cache]) }
        let ptyFile = NSTemporaryDirectory() + "ampscope-qemu-probe-uboot-pty-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: ptyFile) }
        let status = QemuBootCaptureTests.runScript([script, "--cache", cache, "--uboot", "--shell", "--hbmax", "1", "--timeout", "400"], stdout: ptyFile)
        let pty = ((try? String(contentsOfFile: ptyFile, encoding: .utf8)) ?? "").split(separator: "\n").first.map(String.init) ?? ""
        try #require(status == 0 && pty.hasPrefix("/dev/pts/"), "boot-a7.sh --uboot did not start a board (status \(status))")

        let session = temporaryDirectory("qemu-probe-uboot")
        defer { try? FileManager.default.removeItem(atPath: session) }
        let capture = try ToolProcess.run(["capture", "--a7", pty, "--probe", "--uboot-probe", "-o", session, "--duration", "70", "--quiet"])
        #expect(capture.status == 0, "\(capture.stderr)")
        let facts = try #require(try ProbeRecords.readFacts(directory: session))
        #expect(facts.problems.isEmpty, "\(facts.problems)")
        let environment = try #require(facts.ubootEnvironment)
        // boot-a7.sh's U-Boot config sets this bootcmd; mx7dsabresd's default environment has m4boot.
        #expect(environment["bootcmd"]?.hasPrefix("usb start; sysboot usb 0:1 any") == true, "\(environment)")
        #expect(environment["m4boot"] != nil)
        // The boot went on unchanged to Linux, which the probe then asked.
        #expect(facts.kernelRelease?.hasSuffix("-armmp") == true)
        #expect(facts.commandLine?.contains("maxcpus=1") == true)
        // The printenv listing is not read as the boot (its variables mention "SCRIPT FAILED").
        let analyze = try ToolProcess.run(["analyze", session])
        #expect(!analyze.stdout.contains("uboot-script-failed"), "\(analyze.stdout)")
    }
}
