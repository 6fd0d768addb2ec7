import Foundation
@testable import AmpScope
@testable import AmpScopeTestSupport

/// A stand-in for a BusyBox shell on a console, for the conversation's unit tests: it echoes
/// what is typed (as a tty does), answers a framed command line with its markers around a
/// canned output, and prints a prompt. Canned outputs are copied from a real run on QEMU's
/// i.MX7D (shared/tools/qemu-imx7) or written from DOMAIN.md; the end-to-end tests use the real shell.
struct FakeShell {
    var prompt = "/ # \u{1B}[6n"
    /// Output by command (the text between the markers), with its exit status.
    var answers: [String: (output: String, status: Int)] = [:]
    /// Commands that never finish (a hang).
    var hangs: Set<String> = []
    /// What the login prompt sequence answers: typed user → next text.
    var afterUser: String?
    var afterPassword: String?
    private(set) var typedLines: [String] = []
    private var line: [UInt8] = []
    /// U-Boot's side before Linux: the autoboot countdown takes any key, `printenv` prints
    /// `environment`, `run bootcmd` prints the kernel's start and then the shell answers.
    var inUBoot = false
    var environment = ""

    /// Keystrokes that reach no shell (typed while the board was still booting).
    var lostKeys = 0

    /// What the console prints back for typed bytes.
    mutating func type(_ bytes: [UInt8]) -> String {
        if lostKeys > 0 {
            lostKeys -= 1
            return ""
        }
        var printed = ""
        for byte in bytes {
            if byte == 0x0D {
                let text = String(decoding: line, as: UTF8.self)
                line = []
                typedLines.append(text)
                printed += "\r\n" + respond(to: text)
            } else if inUBoot, typedLines.isEmpty, line.isEmpty, byte == 0x20 {
                typedLines.append("(key)")
                printed += "\r\n=> "
            } else if byte == 0x03 {
                printed += "^C\r\n" + prompt
            } else {
                line.append(byte)
                if echoing { printed += String(decoding: [byte], as: UTF8.self) }
            }
        }
        return printed
    }

    /// A tty does not echo the password (the second line of a login).
    private var echoing: Bool { !(afterUser != nil && typedLines.count == 1) }

    private mutating func respondInUBoot(to text: String) -> String {
        if text.hasSuffix("run bootcmd") {
            inUBoot = false
            return "Starting kernel ...\r\n\r\n[    0.000000] Booting Linux on physical CPU 0x0\r\n[    3.308500] Run /init as init process\r\n" + prompt
        }
        guard let begin = text.range(of: "_B; printenv; echo __AMPS''_"), let nonceStart = text.range(of: "__AMPS''_") else { return "=> " }
        let tag = String(text[nonceStart.upperBound..<begin.lowerBound])
        return "__AMPS_\(tag)_B\r\n\(environment.replacingOccurrences(of: "\n", with: "\r\n"))__AMPS_\(tag)_E 0\r\n=> "
    }

    private mutating func respond(to text: String) -> String {
        if inUBoot { return respondInUBoot(to: text) }
        if let afterUser, typedLines.count == 1 { return afterUser }
        if let afterPassword, typedLines.count == 2 { return afterPassword }
        guard let begin = text.range(of: "_B; "), let end = text.range(of: "; echo __AMPS''_", options: .backwards),
              let nonceStart = text.range(of: "__AMPS''_") else { return prompt }
        let command = String(text[begin.upperBound..<end.lowerBound])
        let tag = String(text[nonceStart.upperBound..<begin.lowerBound])
        if hangs.contains(command) { return "" }
        let answer = answers[command] ?? (output: "sh: \(command.split(separator: " ").first ?? ""): not found\n", status: 127)
        let body = answer.output.replacingOccurrences(of: "\n", with: "\r\n")
        return "__AMPS_\(tag)_B\r\n\(body)__AMPS_\(tag)_E \(answer.status)\r\n\(prompt)"
    }
}

/// Runs a conversation against a FakeShell on a simulated clock: output arrives 10 ms after a
/// keystroke, the clock jumps to the conversation's deadline when nothing is pending.
struct ProbeRun {
    var typed: [[UInt8]] = []
    var recorded: [[UInt8]] = []
    var notes: [String] = []
    /// The typed steps of the U-Boot environment read, in order (their notes are in `notes` too).
    var steps: [ProbeStep] = []
    var facts: BoardFacts?
    var commandsStarted = false
    var endTime: UInt64 = 0
    /// The conversation kept asking to be woken at a time already past.
    var spun = false
    var ticksAtSameTime = 0

    static func run(_ options: ProbeOptions, shell: inout FakeShell, console start: String, moreOutput: [(at: Double, text: String)] = [],
                    limit: Double = 600) -> ProbeRun {
        var run = ProbeRun()
        var conversation = ProbeConversation(console: "a7", options: options, now: 0)
        var now: UInt64 = 0
        var pending: [(time: UInt64, text: String)] = [(0, start)] + moreOutput.map { (UInt64($0.at * 1e9), $0.text) }
        func apply(_ actions: [ProbeAction]) {
            for action in actions {
                switch action {
                case .type(let bytes, let recorded):
                    run.typed.append(bytes)
                    run.recorded.append(recorded)
                    let answer = shell.type(bytes)
                    if !answer.isEmpty { pending.append((now + 10_000_000, answer)) }
                case .note(let text): run.notes.append(text)
                case .step(let step, let text):
                    run.steps.append(step)
                    run.notes.append(text)
                case .commandsStarted: run.commandsStarted = true
                case .finished(let facts): run.facts = facts
                }
            }
        }
        while !conversation.isFinished, now < UInt64(limit * 1e9) {
            pending.sort { $0.time < $1.time }
            let next = pending.first?.time
            let deadline = conversation.deadline ?? UInt64.max
            if let next, next <= deadline {
                now = max(now, next)
                let text = pending.removeFirst().text
                apply(conversation.receive(Array(text.utf8), at: now))
            } else if deadline != UInt64.max {
                // A deadline that does not move after a tick would spin the capture loop.
                guard deadline > now || run.ticksAtSameTime < 3 else { run.spun = true; break }
                run.ticksAtSameTime = deadline > now ? 0 : run.ticksAtSameTime + 1
                now = max(now, deadline)
                apply(conversation.tick(at: now))
            } else {
                break
            }
        }
        run.endTime = now
        return run
    }

    var typedText: [String] { typed.map { String(decoding: $0, as: UTF8.self) } }
    var recordedText: [String] { recorded.map { String(decoding: $0, as: UTF8.self) } }
}

extension FakeShell {
    /// The standard script's answers as QEMU's i.MX7D board (Debian 6.1 kernel, BusyBox) gave
    /// them, plus a Toradex-like rpmsg node and remoteproc where QEMU has none.
    static func qemuLike() -> FakeShell {
        var shell = FakeShell()
        let script = ProbeScript.standard.commands
        func line(_ id: String) -> String { script.first { $0.id == id }!.line }
        shell.answers[line("uname")] = ("6.1.0-57-armmp\n", 0)
        shell.answers[line("cmdline")] = ("console=ttymxc0,115200 earlycon hb=1 hbmax=1 rdshell=1\n", 0)
        shell.answers[line("devicetree")] = ("""
            M Freescale i.MX7 SabreSD Board\u{0020}
            N /soc/bus@30800000/mailbox@30aa0000
            P status disabled
            P compatible fsl,imx7s-mu fsl,imx6sx-mu\u{0020}
            P reg 30aa000000010000
            N /soc/aips-bus@30800000/rpmsg
            P status disabled
            P compatible fsl,imx7d-rpmsg\u{0020}
            P reg 8fff000000010000
            N /imx7d-cm4
            P compatible fsl,imx7d-cm4\u{0020}
            P memory-region 0000001a0000001b
            P phandle 00000042

            """, 0)
        shell.answers[line("reserved-memory")] = ("""
            N /reserved-memory/vdev0vring0@90000000
            P reg 9000000000008000
            P phandle 0000001a
            P no-map
            N /reserved-memory/vdev0buffer@90002000
            P reg 9000200000100000
            P phandle 0000001b
            P no-map

            """, 0)
        shell.answers[line("modules")] = ("imx_rpmsg_tty 16384 0 - Live 0x7f000000\nvirtio_rpmsg_bus 20480 1 imx_rpmsg_tty, Live 0x7f008000\nipv6 409600 20 - Live 0x7f010000\n", 0)
        shell.answers[line("remoteproc")] = ("R remoteproc0\nP name imx-rproc\nP state crashed\nP firmware rproc-imx-rproc-fw\n", 0)
        shell.answers[line("rpmsg")] = ("D virtio0.rpmsg-virtual-tty-channel-1.-1.30\n", 0)
        shell.answers[line("clocks")] = ("", 2)
        shell.answers[line("iomem")] = ("30860000-3086ffff : 30860000.serial serial@30860000\n80000000-9fffffff : System RAM\n  80208000-811fffff : Kernel code\n", 0)
        shell.answers[line("uptime")] = ("14.52 20.31\n", 0)
        shell.answers[line("dmesg")] = ("[    0.000000] Booting Linux on physical CPU 0x0\n[    3.308576]   with arguments:\n", 0)
        return shell
    }
}
