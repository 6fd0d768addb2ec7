import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// `ampscope analyze` and `report` as a user runs them on logs: every output ends in a verdict
/// of three values (problems found, no problem found, inconclusive) that the exit status repeats
/// (0, 3, 2). Inputs that could not really be checked never read as healthy.
///
/// The log lines are written by hand from their sources: kernel strings from Debian's
/// linux-source-6.1 (drivers/remoteproc/remoteproc_core.c: "powering up %s", "Booting fw image
/// %s, size %zd", "request_firmware failed: %d", "remote processor %s is now up";
/// drivers/base/firmware_loader/main.c: "Direct firmware load for %s failed with error %d" after
/// the asking device's "<driver> <device>: "; drivers/rpmsg/virtio_rpmsg_bus.c: "rpmsg host is
/// online"; net/wireless/reg.c asks for regulatory.db as platform device regulatory.0), U-Boot's
/// "Starting kernel ..." (arch/arm/lib/bootm.c), the shell prompt '\u@\h:\w\$ ' (Debian
/// /etc/skel/.bashrc), and the M-core strings of NXP's rpmsg-lite demos
/// (nxp-mcuxpresso/mcux-sdk-examples evkmimx8mm/multicore_examples/rpmsg_lite_pingpong_rtos/
/// linux_remote/main_remote.c; the i.MX6SX rpmsg-lite remote demo's "Waiting for master to get
/// ready..." and its dots).
@Suite struct VerdictCommandTests {
    struct Run {
        var status: Int32
        var text: String
        var verdict: [String: Any]
        var findings: [[String: Any]]

        var outcome: String? { verdict["outcome"] as? String }
        var headline: String { verdict["headline"] as? String ?? "" }
        func finding(_ rule: String) -> [String: Any]? { findings.first { $0["rule"] as? String == rule } }
    }

    /// Writes the logs, runs analyze as text and as JSON; `m4` alone means the M-core log only.
    static func analyze(a7: String? = nil, m4: String? = nil, label: String) throws -> Run {
        let directory = temporaryDirectory("verdict-\(label)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var arguments = ["analyze"]
        if let a7 {
            try a7.write(toFile: directory + "/a7.log", atomically: true, encoding: .utf8)
            arguments += ["--a7", directory + "/a7.log"]
        }
        if let m4 {
            try m4.write(toFile: directory + "/m4.log", atomically: true, encoding: .utf8)
            arguments += ["--m4", directory + "/m4.log"]
        }
        let text = try ToolProcess.run(arguments + ["--width", "200"])
        let json = try ToolProcess.run(arguments + ["--format", "json"])
        #expect(text.status == json.status, "text and JSON disagree: \(text.stdout)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stderr)")
        let verdict = try #require(document["verdict"] as? [String: Any], "no verdict in \(json.stdout.suffix(400))")
        return Run(status: text.status, text: text.stdout, verdict: verdict, findings: document["findings"] as? [[String: Any]] ?? [])
    }

    static let healthyKernel = """
        [    0.000000] Booting Linux on physical CPU 0x0
        [    0.000000] Linux version 6.1.83 (oe-user@oe-host) #1 SMP
        [    1.995817] remoteproc remoteproc0: imx-rproc is available
        [    2.343055] Run /sbin/init as init process
        colibri-imx7 login: root
        root@colibri-imx7:~# echo start > /sys/class/remoteproc/remoteproc0/state
        [   42.138938] remoteproc remoteproc0: powering up imx-rproc
        [   42.150000] remoteproc remoteproc0: Booting fw image imx7d_m4.elf, size 123456
        [   42.221395] virtio_rpmsg_bus virtio0: rpmsg host is online
        [   42.233806] virtio_rpmsg_bus virtio0: creating channel rpmsg-openamp-demo-channel addr 0x1e
        [   42.236666] rproc-virtio rproc-virtio.1.auto: registered virtio0 (type 7)
        [   42.259822] remoteproc remoteproc0: remote processor imx-rproc is now up
        root@colibri-imx7:~# ls /dev/ttyRPMSG*
        /dev/ttyRPMSG30
        root@colibri-imx7:~# 

        """

    @Test func anEmptyFileIsInconclusiveNotHealthy() throws {
        let run = try Self.analyze(a7: "", label: "empty")
        #expect(run.status == 2, "\(run.text)")
        #expect(run.outcome == "inconclusive")
        #expect(run.headline.hasPrefix("INCONCLUSIVE") && run.headline.contains("no console line"), "\(run.headline)")
        #expect(run.text.contains("Verdict: INCONCLUSIVE"))
        #expect(!run.text.contains("No problem found"))
    }

    @Test func aKernelLogCutShortSaysWhereItEndsAndHowToGetTheRest() throws {
        let cut = """
            [    0.000000] Booting Linux on physical CPU 0x0
            [    0.000000] Linux version 6.1.83 (oe-user@oe-host) #1 SMP
            [    1.200000] imx-sdma 30bd0000.dma-controller: firmware found.
            [    3.700000] mmc0: new HS200 MMC card at address 0001

            """
        let run = try Self.analyze(a7: cut, label: "cut")
        #expect(run.status == 2, "\(run.text)")
        #expect(run.outcome == "inconclusive")
        #expect(run.headline.contains("ends at 3.700 s in the kernel phase"), "\(run.headline)")
        #expect(run.headline.contains("capture until the board reaches its login prompt"))
        // Stopped at U-Boot's prompt (Toradex's, as parsers/uboot.yaml cites it): Linux's boot was not seen either.
        let uboot = try Self.analyze(a7: "U-Boot 2020.07 (Jan 01 2022 - 00:00:00 +0000)\n\nHit any key to stop autoboot:  0 \nColibri iMX7 # \n", label: "uboot-prompt")
        #expect(uboot.status == 2 && uboot.headline.contains("ends in the U-Boot phase"), "\(uboot.headline)")
    }

    @Test func aSessionCutAtThreePointSevenSecondsIsInconclusive() throws {
        // A real session (the board script compiled into session.amps) of the healthy remoteproc
        // sample, cut where measurement 4 of issue 15 cut it.
        let board = try String(contentsOfFile: SampleCatalogue.path("remoteproc-healthy", "board.board"), encoding: .utf8)
        let kept = board.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            guard let first = line.split(separator: " ").first, let time = Double(first) else { return true }
            return time <= 3.7
        }
        let script = try BoardScript.parse(kept.joined(separator: "\n"), fileName: "cut.board")
        let directory = temporaryDirectory("verdict-session-cut")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try script.compile(to: directory)
        let text = try ToolProcess.run(["analyze", directory, "--width", "200"])
        #expect(text.status == 2, "\(text.stdout)\(text.stderr)")
        #expect(text.stdout.contains("Verdict: INCONCLUSIVE") && text.stdout.contains("before Linux reached userspace"), "\(text.stdout)")
        let report = temporaryDirectory("verdict-session-cut-report")
        defer { try? FileManager.default.removeItem(atPath: report) }
        let written = try ToolProcess.run(["report", directory, "-o", report])
        #expect(written.status == 2, "\(written.stdout)\(written.stderr)")
        #expect(written.stdout.hasPrefix("INCONCLUSIVE"), "\(written.stdout)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report + "/report.json"))) as? [String: Any])
        #expect(json["verdictOutcome"] as? String == "inconclusive")
        #expect((json["verdictGaps"] as? [[String: Any]])?.first?["remedy"] as? String != nil)
        let markdown = try String(contentsOfFile: report + "/report.md", encoding: .utf8)
        #expect(markdown.contains("| **Verdict** | INCONCLUSIVE") && markdown.contains("| Could not check |"), "\(markdown.prefix(1200))")
        let html = try String(contentsOfFile: report + "/report.html", encoding: .utf8)
        #expect(html.contains(#"<div class="verdict inconclusive" data-outcome="inconclusive">INCONCLUSIVE"#))
    }

    @Test func aHealthyUntimedKernelLogIsNoProblemWithTheMissingConsoleSaid() throws {
        let run = try Self.analyze(a7: Self.healthyKernel, label: "healthy")
        #expect(run.status == 0, "\(run.text)")
        #expect(run.outcome == "no-problem-found")
        #expect(run.headline.hasPrefix("No problem found in 1 boot."), "\(run.headline)")
        #expect(run.headline.contains("need the microcontroller console were not checked"))
    }

    @Test func twoConsolesWithoutHostTimesAreInconclusive() throws {
        let m4 = """

            RPMSG Ping-Pong FreeRTOS RTOS API Demo...
            RPMSG Share Base Addr is 0xb8000000
            Link is up!
            Nameservice announce sent.
            Waiting for ping...
            Sending pong...

            """
        let run = try Self.analyze(a7: Self.healthyKernel, m4: m4, label: "untimed-pair")
        #expect(run.status == 2, "\(run.text)")
        #expect(run.outcome == "inconclusive")
        #expect(run.headline.contains("no host timestamps") && run.headline.contains("tio -t"), "\(run.headline)")
    }

    @Test func noAnnouncementAfterTheRemoteProcessorCameUpIsFoundFromTheShellThatFollows() throws {
        let log = Self.healthyKernel
            .replacingOccurrences(of: "[   42.221395] virtio_rpmsg_bus virtio0: rpmsg host is online\n", with: "")
            .replacingOccurrences(of: "[   42.233806] virtio_rpmsg_bus virtio0: creating channel rpmsg-openamp-demo-channel addr 0x1e\n", with: "")
            .replacingOccurrences(of: "/dev/ttyRPMSG30\n", with: "ls: cannot access '/dev/ttyRPMSG*': No such file or directory\n")
        let run = try Self.analyze(a7: log, label: "no-ns")
        #expect(run.status == 3, "\(run.text)")
        let finding = try #require(run.finding("no-name-service-announcement"), "\(run.text)")
        // Decided from what the log shows, not measured: one step less sure, and it says why.
        #expect(finding["confidence"] as? String == "low")
        let message = finding["message"] as? String ?? ""
        #expect(message.contains("could not be measured") && message.contains("root@colibri-imx7:~# ls /dev/ttyRPMSG*"), "\(message)")
    }

    @Test func theLastLineOfRemoteProcessorUpWithoutAPromptAfterItIsNotDecided() throws {
        let log = """
            [    0.000000] Booting Linux on physical CPU 0x0
            [    2.343055] Run /sbin/init as init process
            [   42.138938] remoteproc remoteproc0: powering up imx-rproc
            [   42.236666] rproc-virtio rproc-virtio.1.auto: registered virtio0 (type 7)
            [   42.259822] remoteproc remoteproc0: remote processor imx-rproc is now up

            """
        let run = try Self.analyze(a7: log, label: "up-at-end")
        #expect(run.finding("no-name-service-announcement") == nil, "\(run.text)")
        #expect(run.status == 2 && run.headline.contains("no-name-service-announcement could not be checked"), "\(run.headline)")
    }

    @Test func aLogEndingAtStartingKernelIsAFindingWordedAsWhatTheLogShows() throws {
        let uboot = """
            U-Boot 2020.07 (Jan 01 2022 - 00:00:00 +0000)

            CPU:   Freescale i.MX7D rev1.3 996 MHz (running at 792 MHz)
            Hit any key to stop autoboot:  0 
            ## Flattened Device Tree blob at 82000000
               Booting using the fdt blob at 0x82000000
               Loading Device Tree to bef1f000, end bef2f8ff ... OK

            Starting kernel ...


            """
        let run = try Self.analyze(a7: uboot, label: "starting-kernel")
        #expect(run.status == 3, "\(run.text)")
        let finding = try #require(run.finding("kernel-hang-after-starting-kernel"), "\(run.text)")
        #expect(finding["confidence"] as? String == "medium")
        let message = finding["message"] as? String ?? ""
        #expect(message.contains("the log shows nothing from the kernel after it") && message.contains("ends after a7 line"), "\(message)")
        #expect((finding["fix"] as? String)?.contains("earlycon") == true && (finding["fix"] as? String)?.contains("stdout-path") == true)
    }

    @Test func anMCoreWaitingForTheLinkUntilItsLogEndsIsAFinding() throws {
        let m4 = """
            Hardware initialized
            Waiting for master to get ready...
            ..........................................

            """
        let run = try Self.analyze(m4: m4, label: "m4-waiting")
        #expect(run.status == 3, "\(run.text)")
        let finding = try #require(run.finding("mcore-waited-for-link-until-log-end"), "\(run.text)")
        #expect((finding["fix"] as? String)?.hasPrefix("On Linux:") == true)
    }

    @Test func anRPMsgDemoSilentAfterItsBannerIsAFinding() throws {
        let m4 = """

            RPMSG Ping-Pong FreeRTOS RTOS API Demo...
            RPMSG Share Base Addr is 0xb8000000

            """
        let run = try Self.analyze(m4: m4, label: "m4-banner")
        #expect(run.status == 3, "\(run.text)")
        #expect(run.finding("mcore-rpmsg-demo-silent-after-banner") != nil, "\(run.text)")
        #expect(run.finding("mcore-waited-for-link-until-log-end") == nil)
    }

    @Test func anAnnouncementWithNoTrafficIsAWarningAndTrafficIsHealthy() throws {
        let announced = """

            RPMSG Ping-Pong FreeRTOS RTOS API Demo...
            RPMSG Share Base Addr is 0xb8000000
            Link is up!
            Nameservice announce sent.

            """
        let run = try Self.analyze(m4: announced, label: "m4-announced")
        #expect(run.status == 3, "\(run.text)")
        #expect(run.finding("mcore-announced-no-traffic")?["severity"] as? String == "warning", "\(run.text)")
        let exchanged = try Self.analyze(m4: announced + "Waiting for ping...\nSending pong...\nWaiting for ping...\n", label: "m4-exchanged")
        #expect(exchanged.status == 0 && exchanged.outcome == "no-problem-found", "\(exchanged.text)")
        #expect(exchanged.findings.isEmpty)
    }

    @Test func aProbeTimeFirmwareMissSupersededByALaterStartIsNotAnError() throws {
        let probe = """
            [    0.000000] Booting Linux on physical CPU 0x0
            [    1.995817] remoteproc remoteproc0: imx-rproc is available
            [    1.997000] remoteproc remoteproc0: powering up imx-rproc
            [    1.997515] remoteproc remoteproc0: Direct firmware load for imx7d_m4.elf failed with error -2
            [    1.997600] remoteproc remoteproc0: request_firmware failed: -2
            [    2.343055] Run /sbin/init as init process

            """
        let later = """
            [    5.001000] remoteproc remoteproc0: powering up imx-rproc
            [    5.010000] remoteproc remoteproc0: Booting fw image imx7d_m4.elf, size 123456
            [    5.110000] virtio_rpmsg_bus virtio0: rpmsg host is online
            [    5.120000] virtio_rpmsg_bus virtio0: creating channel rpmsg-openamp-demo-channel addr 0x1e
            [    5.130000] remoteproc remoteproc0: remote processor imx-rproc is now up
            colibri-imx7 login: 

            """
        let superseded = try Self.analyze(a7: probe + later, label: "fw-superseded")
        #expect(superseded.finding("remoteproc-firmware-missing") == nil, "\(superseded.text)")
        #expect(superseded.status == 0, "\(superseded.text)")
        let missing = try Self.analyze(a7: probe + "colibri-imx7 login: \n", label: "fw-missing")
        #expect(missing.finding("remoteproc-firmware-missing") != nil, "\(missing.text)")
        #expect(missing.status == 3)
        // Another ELF started later does not supersede this one's miss.
        let other = try Self.analyze(a7: probe + later.replacingOccurrences(of: "imx7d_m4.elf", with: "hello_world.elf"), label: "fw-other")
        #expect(other.finding("remoteproc-firmware-missing") != nil, "\(other.text)")
    }

    @Test func otherDriversMissingFirmwareIsNotTheRemoteProcessors() throws {
        let log = """
            [    0.000000] Booting Linux on physical CPU 0x0
            [    1.995817] remoteproc remoteproc0: imx-rproc is available
            [    1.996000] platform regulatory.0: Direct firmware load for regulatory.db failed with error -2
            [    1.996100] cfg80211: failed to load regulatory.db
            [    2.100000] bluetooth hci0: Direct firmware load for brcm/BCM4345C0.hcd failed with error -2
            [    2.343055] Run /sbin/init as init process
            colibri-imx7 login: 

            """
        let run = try Self.analyze(a7: log, label: "fw-others")
        #expect(run.finding("remoteproc-firmware-missing") == nil, "\(run.text)")
        // The same lines from remoteproc's own device are its firmware.
        let own = try Self.analyze(a7: log.replacingOccurrences(of: "platform regulatory.0: Direct firmware load for regulatory.db", with: "imx-rproc imx8mm-cm4: Direct firmware load for imx8mm_m4_TCM_rpmsg_lite_str_echo_rtos.elf"), label: "fw-own")
        #expect(own.finding("remoteproc-firmware-missing") != nil, "\(own.text)")
    }
}
