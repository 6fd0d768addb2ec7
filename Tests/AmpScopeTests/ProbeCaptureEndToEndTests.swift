import AmpScope
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `ampscope capture --probe` on a real pseudo-terminal that the test writes to: a console that
/// never shows a prompt gets nothing typed, a clear time-out, and the capture goes on.
@Suite(.serialized) struct ProbeCaptureEndToEndTests {
    static func controlRecords(_ directory: String) throws -> [ControlRecord] {
        let reader = try SessionReader(directory: directory)
        var records: [ControlRecord] = []
        while let record = reader.next() { if case .control(let control) = record { records.append(control) } }
        return records
    }

    @Test(.timeLimit(.minutes(2))) func aConsoleThatNeverPromptsGetsNothingTypedAndTheCaptureGoesOn() throws {
        let a7 = try TestPTY()
        let directory = temporaryDirectory("probe-noprompt")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let capture = try ToolProcess([
            "capture", "--a7", a7.slavePath, "--probe", "--probe-timeout", "3", "--until", "a7:END-OF-TEST", "--duration", "60", "--quiet",
            "-o", directory,
        ])
        try a7.waitUntilOpened()
        // A program that prints forever and never gives a prompt, for twice the probe's patience.
        for count in 1...30 {
            try a7.write("[   \(count).000000] heartbeat \(count) of a busy console\r\n")
            usleep(200_000)
        }
        try a7.write("still printing after the time-out\r\nEND-OF-TEST\r\n")
        let status = capture.wait(timeout: 60)
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
        let text = try ToolProcess.run(["export", directory, "--console", "a7", "--text"]).stdout
        #expect(text.contains("still printing after the time-out"))
        let facts = try #require(try ProbeRecords.readFacts(directory: directory))
        #expect(facts.isEmpty)
        #expect(facts.commands.isEmpty)
        #expect(facts.problems == ["no shell or login prompt on a7 within 3 s: nothing was typed; the capture goes on"])
    }

    @Test(.timeLimit(.minutes(2))) func theProbeOptionsAreCheckedBeforeAnyPortIsOpened() throws {
        let login = try ToolProcess.run(["capture", "--a7", "/dev/null", "--login", "root", "-o", temporaryDirectory("x")])
        #expect(login.status != 0)
        #expect(login.stderr.contains("--uboot-probe, --login and --probe-console go with --probe"))
        let noLinux = try ToolProcess.run(["capture", "--m4", "/dev/null", "--probe", "-o", temporaryDirectory("x")])
        #expect(noLinux.stderr.contains("the probe needs a Linux console"))
        let probe = try ToolProcess.run(["probe"])
        #expect(probe.stderr.contains("give the Linux console: --a7 PORT or --board NAME"))
    }
}
