import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// The probe's conversation as a state machine, against a stand-in shell on a simulated clock.
@Suite struct ProbeConversationTests {
    static func options(_ change: (inout ProbeOptions) -> Void = { _ in }) -> ProbeOptions {
        var options = ProbeOptions(nonce: "n0nce")
        change(&options)
        return options
    }

    static let bootTail = "[    3.308500] Run /init as init process\r\n=== heldout-board initramfs ===\r\n"

    @Test func busyboxShellAnswersEveryCommandBetweenItsMarkers() throws {
        var shell = FakeShell.qemuLike()
        let run = ProbeRun.run(Self.options(), shell: &shell, console: Self.bootTail + "/ # \u{1B}[6n")
        let facts = try #require(run.facts)
        #expect(run.commandsStarted)
        #expect(facts.problems.isEmpty, "\(facts.problems)")
        #expect(facts.kernelRelease == "6.1.0-57-armmp")
        #expect(facts.commandLine == "console=ttymxc0,115200 earlycon hb=1 hbmax=1 rdshell=1")
        #expect(facts.model == "Freescale i.MX7 SabreSD Board")
        let rpmsg = try #require(facts.deviceTreeNodes?.first { $0.role == "rpmsg" })
        #expect(rpmsg.status == "disabled")
        #expect(rpmsg.reg == ["0x8fff0000", "0x00010000"])
        let cm4 = try #require(facts.deviceTreeNodes?.first { $0.path == "/imx7d-cm4" })
        #expect(cm4.status == nil)
        #expect(cm4.memoryRegion == ["vdev0vring0@90000000", "vdev0buffer@90002000"])
        #expect(facts.reservedMemory?.map(\.noMap) == [true, true])
        #expect(facts.modules == ["imx_rpmsg_tty", "virtio_rpmsg_bus"])
        #expect(facts.remoteprocs == [RemoteprocFact(instance: "remoteproc0", name: "imx-rproc", state: "crashed", firmware: "rproc-imx-rproc-fw")])
        #expect(facts.rpmsgTTYs == [])
        #expect(facts.rpmsgDevices == ["virtio0.rpmsg-virtual-tty-channel-1.-1.30"])
        #expect(facts.clocks == nil)
        #expect(facts.commands.first { $0.id == "clocks" }?.note?.contains("debugfs") == true)
        #expect(facts.iomem?.map(\.depth) == [0, 0, 1])
        #expect(facts.dmesg == ["[    0.000000] Booting Linux on physical CPU 0x0", "[    3.308576]   with arguments:"])
        #expect(facts.uptime == 14.52)
        #expect(facts.uptimeReadAt != nil)
        // Exactly one framed line per command, in script order, each ending in Enter.
        #expect(run.typedText.count == ProbeScript.standard.commands.count)
        for (index, text) in run.typedText.enumerated() {
            #expect(text == ProbeScript.framed(ProbeScript.standard.commands[index].line, nonce: "n0nce", number: index + 1) + "\r")
        }
        #expect(run.recorded == run.typed)
    }

    @Test func logsInWithTheGivenUserAndRecordsThePasswordRedacted() throws {
        var shell = FakeShell.qemuLike()
        shell.prompt = "root@colibri-imx7:~# "
        shell.afterUser = "Password: "
        shell.afterPassword = "\r\nroot@colibri-imx7:~# "
        let options = Self.options { $0.credentials = ProbeCredentials(user: "root", password: "s3cret") }
        let run = ProbeRun.run(options, shell: &shell, console: "\r\nTDX Wayland 5.7.6 colibri-imx7 ttymxc0\r\n\r\ncolibri-imx7 login: ")
        let facts = try #require(run.facts)
        #expect(facts.problems.isEmpty, "\(facts.problems)")
        #expect(run.typedText.prefix(2) == ["root\r", "s3cret\r"])
        #expect(run.recordedText.prefix(2) == ["root\r", "<password>\r"])
        #expect(!run.recordedText.joined().contains("s3cret"))
        #expect(facts.kernelRelease == "6.1.0-57-armmp")
    }

    @Test func aRefusedLoginStopsTheProbe() throws {
        var shell = FakeShell.qemuLike()
        shell.afterUser = "Password: "
        shell.afterPassword = "\r\nLogin incorrect\r\ncolibri-imx7 login: "
        let options = Self.options { $0.credentials = ProbeCredentials(user: "root", password: "wrong") }
        let run = ProbeRun.run(options, shell: &shell, console: "colibri-imx7 login: ")
        let facts = try #require(run.facts)
        #expect(run.typed.count == 2)
        #expect(facts.problems == ["the board refused the login as root: check --login and AMPSCOPE_PASSWORD"])
        #expect(facts.isEmpty)
    }

    @Test func aLoginPromptWithoutCredentialsTypesNothing() throws {
        var shell = FakeShell.qemuLike()
        let run = ProbeRun.run(Self.options(), shell: &shell, console: "colibri-imx7 login: ")
        #expect(run.typed.isEmpty)
        #expect(run.facts?.problems.first?.contains("--login USER") == true)
    }

    @Test func aConsoleThatNeverPromptsTimesOutWithNothingTyped() throws {
        var shell = FakeShell.qemuLike()
        // A running program: a line every 0.5 s for three minutes, never a prompt.
        let lines = (1...360).map { (at: Double($0) * 0.5, text: "heartbeat \($0) uptime=\($0)\r\n") }
        let run = ProbeRun.run(Self.options { $0.promptTimeout = 120 }, shell: &shell, console: Self.bootTail, moreOutput: lines)
        let facts = try #require(run.facts)
        #expect(run.typed.isEmpty)
        #expect(!run.spun)
        #expect(facts.problems == ["no shell or login prompt on a7 within 120 s: nothing was typed; the capture goes on"])
        #expect(run.endTime == 120_000_000_000)
    }

    @Test func uBootIsNeverTypedInto() throws {
        var shell = FakeShell.qemuLike()
        let uboot = "U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)\r\nHit any key to stop autoboot:  0 \r\nColibri iMX7 # "
        let run = ProbeRun.run(Self.options { $0.promptTimeout = 30; $0.wakeWithEnter = true }, shell: &shell, console: uboot)
        #expect(run.typed.isEmpty)
        #expect(!run.spun)
        #expect(run.facts?.problems == ["no shell or login prompt on a7 within 30 s (U-Boot printed last): nothing was typed; the capture goes on"])
        // The same prompt without context is not taken for a shell either.
        #expect(PromptRecognizer().prompt(in: "Colibri iMX7 # ") == .uboot)
    }

    @Test func outputAfterThePromptGetsOneEnterForAFreshPrompt() throws {
        var shell = FakeShell.qemuLike()
        let start = Self.bootTail + "/ # \u{1B}[6n[   13.250973] amba 30041000.funnel: deferred probe pending\r\n"
        let run = ProbeRun.run(Self.options(), shell: &shell, console: start)
        #expect(run.typedText.first == "\r")
        #expect(run.facts?.kernelRelease == "6.1.0-57-armmp")
        #expect(run.typed.filter { $0 == [0x0D] }.count == 1)
    }

    /// As seen by hand on QEMU: `ampscope probe` opened the console of a board that had just
    /// started; its wake-up Enter went into the kernel's silent decompression and was lost, and
    /// printk lines then landed on the shell's prompt.
    @Test func aLostWakeUpEnterIsFollowedByOneAfterThePrompt() throws {
        var shell = FakeShell.qemuLike()
        shell.lostKeys = 1
        let boot = (at: 3.0, text: "[    0.000000] Booting Linux on physical CPU 0x0\r\n" + Self.bootTail + "/ # \u{1B}[6n[   13.250973] amba 30041000.funnel: deferred probe pending\r\n")
        let run = ProbeRun.run(Self.options { $0.wakeWithEnter = true }, shell: &shell, console: "", moreOutput: [boot])
        #expect(run.typedText.prefix(2) == ["\r", "\r"])
        #expect(run.facts?.problems == [])
        #expect(run.facts?.kernelRelease == "6.1.0-57-armmp")
    }

    @Test func markerTextInTheOutputIsOnlyOutput() throws {
        var shell = FakeShell.qemuLike()
        let cmdline = ProbeScript.standard.commands[1].line
        // Another probe's markers, this probe's marker without a status, and a line without a final newline.
        shell.answers[cmdline] = ("__AMPS_deadbeef00_2_E 0\n__AMPS_n0nce_2_Ex\n__AMPS_n0nce_2_B\nroot=/dev/nfs", 0)
        let run = ProbeRun.run(Self.options(), shell: &shell, console: "/ # ")
        let facts = try #require(run.facts)
        #expect(facts.commandLine == "__AMPS_deadbeef00_2_E 0 __AMPS_n0nce_2_Ex __AMPS_n0nce_2_B root=/dev/nfs")
        #expect(facts.commands[1].status == 0)
        #expect(facts.kernelRelease == "6.1.0-57-armmp")
        #expect(facts.dmesg?.count == 2)
    }

    @Test func veryLongOutputIsCappedNotHung() throws {
        var shell = FakeShell.qemuLike()
        let dmesg = ProbeScript.standard.commands.last!.line
        let lines = (0..<60_000).map { String(format: "[%5d.%06d] line %d", $0 / 1000, $0 % 1000, $0) }
        shell.answers[dmesg] = (lines.joined(separator: "\n") + "\n", 0)
        let run = ProbeRun.run(Self.options(), shell: &shell, console: "/ # ")
        let facts = try #require(run.facts)
        #expect(facts.dmesg?.count == ProbeConversation.maximumOutputLines)
        #expect(facts.dmesg?.last == lines[ProbeConversation.maximumOutputLines - 1])
        #expect(facts.commands.last?.note == "10000 lines beyond 50000 not kept")
    }

    @Test func aCommandTheTargetLacksIsReportedAndTheScriptGoesOn() throws {
        var shell = FakeShell.qemuLike()
        let script = ProbeScript(commands: [.init(id: "lsmod", line: "lsmod"), .init(id: "uname", line: "uname -r")])
        shell.answers["uname -r"] = ("6.1.0-57-armmp\n", 0)
        let run = ProbeRun.run(Self.options { $0.script = script }, shell: &shell, console: "/ # ")
        let facts = try #require(run.facts)
        #expect(facts.commands.map(\.status) == [127, 0])
        #expect(facts.commands[0].note == "not found on the target")
        #expect(facts.kernelRelease == "6.1.0-57-armmp")
        #expect(BoardFactsText.items(facts).contains(BoardFactsText.Item(label: "'lsmod'", value: "not found on the target")))
    }

    @Test func aHungCommandIsInterruptedAndTheProbeStops() throws {
        var shell = FakeShell.qemuLike()
        shell.hangs = [ProbeScript.standard.commands[1].line]
        let run = ProbeRun.run(Self.options(), shell: &shell, console: "/ # ")
        let facts = try #require(run.facts)
        #expect(run.typed.last == [0x03])
        #expect(run.typed.count == 3)
        #expect(facts.kernelRelease == "6.1.0-57-armmp")
        #expect(facts.commandLine == nil)
        #expect(facts.problems == ["'cmdline' printed nothing for 20 s: interrupted with Ctrl-C, the rest of the script was not run"])
    }

    @Test func ubootProbeReadsPrintenvThenBootsOnAndProbesLinux() throws {
        var shell = FakeShell.qemuLike()
        shell.inUBoot = true
        shell.environment = "bootcmd=run m4boot; run ubiboot\nbootdelay=1\nethaddr=00:14:2d:4a:5b:6c\nfdt_file=imx7d-colibri-eval-v3.dtb\nm4boot=ubi read ${loadaddr} m4firmware && bootaux ${loadaddr}\nserial#=06413914\n"
        let uboot = "U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)\r\nHit any key to stop autoboot:  1 "
        let run = ProbeRun.run(Self.options { $0.ubootProbe = true }, shell: &shell, console: uboot)
        let facts = try #require(run.facts)
        #expect(run.typedText.prefix(3) == [" ", ProbeScript.framed("printenv", nonce: "n0nce", number: 0, withStatus: false) + "\r", "run bootcmd\r"])
        #expect(facts.ubootEnvironment == [
            "bootcmd": "run m4boot; run ubiboot", "bootdelay": "1", "fdt_file": "imx7d-colibri-eval-v3.dtb",
            "m4boot": "ubi read ${loadaddr} m4firmware && bootaux ${loadaddr}",
        ])
        #expect(facts.kernelRelease == "6.1.0-57-armmp")
        #expect(facts.problems.isEmpty, "\(facts.problems)")
        // The printenv listing is framed by typed steps so the timeline does not read it as the boot.
        #expect(run.steps == [.ubootEnvironmentStarted, .ubootEnvironmentRead])
        let opened = try #require(run.notes.firstIndex(of: ProbeRecords.ubootStarted))
        #expect(run.notes.dropFirst(opened + 1).first?.hasPrefix(ProbeRecords.ubootFinishedPrefix) == true)
        // Without --uboot-probe the same console gets nothing until Linux's shell.
        var quiet = FakeShell.qemuLike()
        quiet.inUBoot = true
        let untouched = ProbeRun.run(Self.options { $0.promptTimeout = 20 }, shell: &quiet, console: uboot)
        #expect(untouched.typed.isEmpty)
    }

    @Test func promptsOfTheCommonImagesAreRecognised() {
        var linux = PromptRecognizer()
        linux.observe(line: "[    2.343055] Run /sbin/init as init process")
        let cases: [(String, PromptRecognizer.Prompt?)] = [
            ("/ # ", .shell), ("~ # ", .shell), ("root@colibri-imx7:~# ", .shell), ("root@imx7d-sdb:~# ", .shell),
            ("root@verdin-imx8mp-06817296:~# ", .shell), ("sh-5.2# ", .shell), ("[root@host ~]# ", .shell), ("user@host:~$ ", .shell),
            ("colibri-imx7 login: ", .login), ("imx7d-sdb login:", .login), ("Password: ", .password),
            ("[   13.25] amba 30041000.funnel: deferred probe pending", nil), ("heartbeat 3 uptime=12.5s", nil),
        ]
        for (text, expected) in cases { #expect(linux.prompt(in: text) == expected, "\(text)") }
        var uboot = PromptRecognizer()
        uboot.observe(line: "U-Boot 2020.07-5.7.6 (Jan 01 2022 - 00:00:00 +0000)")
        for text in ["=> ", "u-boot=> ", "Colibri iMX7 # ", "Verdin iMX8MP # ", "/ # "] { #expect(uboot.prompt(in: text) == .uboot, "\(text)") }
        #expect(uboot.prompt(in: "Hit any key to stop autoboot:  1 ") == .autoboot)
    }
}
