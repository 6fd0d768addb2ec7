import AmpScope
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import AmpScopeTestSupport

/// `ampscope capture --probe` on a real pseudo-terminal that the test writes to: a console that
/// never shows a prompt gets nothing typed, a clear time-out, and the capture goes on.
@Suite(.serialized) struct ProbeCaptureEndToEndTests {
    static func controlRecords(_ directory: String) throws -> [ControlRecord] {
        let reader = try SessionReader(directory: directory)
        var records: [ControlRecord] = []
        while let record = reader.next() { if case .control(let control) = record { records.append(control) } }
        return records
    }

    // Bounded by the capture's own --duration 60; the limit leaves room for a suite running in
    // parallel with the QEMU boots on two cores (it once took over 2 minutes there).
    @Test(.timeLimit(.minutes(15))) func aConsoleThatNeverPromptsGetsNothingTypedAndTheCaptureGoesOn() throws {
        let a7 = try TestPTY()
        let directory = temporaryDirectory("probe-noprompt")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let capture = try ToolProcess([
            "capture", "--a7", a7.slavePath, "--probe", "--probe-timeout", "3", "--until", "a7:END-OF-TEST", "--quiet",
            "-o", directory,
        ])
        try a7.waitUntilOpened()
        // A program that prints forever and never gives a prompt, line by line, each recorded
        // before the next, until the probe has given up.
        var count = 0
        var sent = 0
        try waitUntil("the probe gives up on a console without a prompt: \(capture.standardError)") {
            count += 1
            let line = Array("[   \(count).000000] heartbeat \(count) of a busy console\r\n".utf8)
            try a7.write(line)
            sent += line.count
            try waitForBytes(directory, console: 0, count: sent)
            return capture.standardError.contains("no shell or login prompt on a7")
        }
        try a7.write("still printing after the time-out\r\nEND-OF-TEST\r\n")
        let status = try capture.wait()
        #expect(status == 0, "\(capture.standardError)")
        #expect(capture.standardError.contains("no shell or login prompt on a7 within 3 s: nothing was typed; the capture goes on"), "\(capture.standardError)")
        #expect(capture.standardError.contains("printed \"END-OF-TEST\""))

        // Nothing reached the board: the master has nothing to read.
        var byte: UInt8 = 0
        let flags = fcntl(a7.master, F_GETFL)
        _ = fcntl(a7.master, F_SETFL, flags | O_NONBLOCK)
        #expect(read(a7.master, &byte, 1) <= 0)
        let records = try Self.controlRecords(directory)
        #expect(!records.contains { $0.kind == .input })
        #expect(records.contains { $0.kind == .note && $0.source == "probe" && $0.detail?.hasPrefix("probe: done") == true })
        let text = try ToolProcess.run(["export", directory, "--console", "a7", "--format", "text"]).stdout
        #expect(text.contains("still printing after the time-out"))
        let facts = try #require(try ProbeRecords.readFacts(directory: directory))
        #expect(facts.isEmpty)
        #expect(facts.commands.isEmpty)
        #expect(facts.problems == ["no shell or login prompt on a7 within 3 s: nothing was typed; the capture goes on"])
    }

    @Test(.timeLimit(.minutes(15))) func theProbeOptionsAreCheckedBeforeAnyPortIsOpened() throws {
        let login = try ToolProcess.run(["capture", "--a7", "/dev/null", "--login", "root", "-o", temporaryDirectory("x")])
        #expect(login.status != 0)
        #expect(login.stderr.contains("--uboot-probe, --login and --probe-console go with --probe"))
        let noLinux = try ToolProcess.run(["capture", "--m4", "/dev/null", "--probe", "-o", temporaryDirectory("x")])
        #expect(noLinux.stderr.contains("the probe needs a Linux console"))
        let probe = try ToolProcess.run(["probe"])
        #expect(probe.stderr.contains("give the Linux console: --a7 PORT or --board NAME"))
    }
}

extension ProbeCaptureEndToEndTests {
    /// A real login and a real shell on a real terminal: util-linux `script` runs a login
    /// prompt (`stty -echo` for the password, as getty/login do) and then `sh -i` on a PTY of
    /// its own, bridged to the test's PTY that `ampscope probe` opens. The host's own kernel
    /// answers, so only what holds on any Linux is checked.
    @Test(.timeLimit(.minutes(15))) func logsInAtARealLoginPromptAndNeverRecordsThePassword() throws {
        let board = try TestPTY()
        let directory = temporaryDirectory("probe-login")
        let loginScript = temporaryDirectory("probe-login-script") + ".sh"
        defer {
            try? FileManager.default.removeItem(atPath: directory)
            try? FileManager.default.removeItem(atPath: loginScript)
        }
        // `stty sane` first, as getty does: script copies the test PTY's raw settings to its own
        // terminal, and without ICRNL the Enter typed would never end a line.
        try """
            stty sane
            printf 'testboard login: '; read user
            stty -echo; printf 'Password: '; read pass; stty echo; echo
            if [ "$user" = root ] && [ "$pass" = s3cret-pw ]; then PS1='root@testboard:~# ' exec sh -i; fi
            echo 'Login incorrect'; sleep 30
            """.write(toFile: loginScript, atomically: true, encoding: .utf8)
        let probe = try ToolProcess(["probe", "--a7", board.slavePath, "--login", "root", "--timeout", "20", "-o", directory],
                                    environment: ["AMPSCOPE_PASSWORD": "s3cret-pw"])
        try board.waitUntilOpened()
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        shell.arguments = ["-qfec", "sh \(loginScript)", "/dev/null"]
        let side = FileHandle(fileDescriptor: board.master, closeOnDealloc: false)
        shell.standardInput = side
        shell.standardOutput = side
        shell.standardError = FileHandle.nullDevice
        try shell.run()
        defer { if shell.isRunning { shell.terminate() } }

        let status = try probe.wait()
        #expect(status == 0, "\(probe.standardError)")
        #expect(probe.standardError.contains("logging in as root"), "\(probe.standardError)")
        let facts = try #require(try ProbeRecords.readFacts(directory: directory))
        #expect(facts.problems.isEmpty, "\(facts.problems)")
        let release = try String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(facts.kernelRelease == release)
        let cmdline = try String(contentsOfFile: "/proc/cmdline", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(facts.commandLine == cmdline)
        #expect(facts.commands.count == ProbeScript.standard.commands.count)
        // The password went to the board but nowhere into the session directory.
        let typed = try Self.controlRecords(directory).filter { $0.kind == .input }.map { String(decoding: $0.bytes ?? [], as: UTF8.self) }
        #expect(typed.prefix(2) == ["root\r", "<password>\r"])
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))
            #expect(bytes.range(of: Data("s3cret-pw".utf8)) == nil, "\(file) holds the password")
        }
    }
}
