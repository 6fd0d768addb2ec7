import AmpScope
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import AmpScopeTestSupport

/// `ampscope capture` of consoles exported by a real ser2net on loopback, in RFC 2217 and raw
/// TCP mode, mixed with a local port; checked through the session it writes.
@Suite(.serialized) struct RemoteSer2netCaptureTests {
    /// Every byte value, and the byte runs that look like telnet commands (IAC SB, IAC SE,
    /// IAC WILL, IAC IAC IAC) so a decoder that took them for commands would lose them.
    static func everyByteValue(round: Int) -> [UInt8] {
        var bytes = Array("round \(round): every byte value follows\r\n".utf8)
        for _ in 0..<4 { bytes += (0...255).map { UInt8($0) } }
        bytes += [0xFF, 0xFA, 0x2C, 0x01, 0xFF, 0xF0, 0xFF, 0xFF, 0xFF, 0xFB, 0x01, 0xFF, 0xF0, 0x0D, 0x00, 0x0D, 0x0A]
        return bytes
    }

    @Test func rfc2217AndRawConsolesAreCapturedByteForByteBesideALocalOne() throws {
        let a7 = try TestPTY()
        let m4 = try TestPTY()
        let local = try TestPTY()
        let ser2net = try Ser2netProcess([(.rfc2217, a7.slavePath), (.raw, m4.slavePath)])
        let directory = temporaryDirectory("remote-e2e")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let capture = try ToolProcess([
            "capture", "--a7", ser2net.exports[0].selector, "--m4", ser2net.exports[1].selector,
            "--console", "local=\(local.slavePath)", "--baud", "57600", "-o", directory, "--until", "local:END-OF-TEST", "--quiet",
        ])
        try a7.waitUntilOpened()
        try m4.waitUntilOpened()
        try local.waitUntilOpened()
        // The baud rate went over RFC 2217 to ser2net, which set it on its "UART"; the raw
        // port stays at ser2net's configured 115200.
        // Once, under the full suite's load, a7 had 7.5 kB of 21.5 kB: its last 9 rounds had not
        // come when the local console's end stopped the capture (fixed by waiting for them below),
        // and its first 4 (4.3 kB) were missing, cause not found (a hand test with ser2net stopped
        // and continued around each SET-* command lost nothing). The data now starts once the
        // server has confirmed every setting.
        try waitForRecord(directory, "ser2net confirmed the a7 settings") { $0.console == 0 && $0.kind == .settingsApplied && $0.detail?.contains("the server set") == true }
        #expect(try a7.slaveBaud() == 57_600)
        // The raw port has no confirmation: ser2net has configured the device it opened once its rate shows.
        try waitUntil("ser2net set the raw m4 device to its configured 115200") { try m4.slaveBaud() == 115_200 }

        var sent: [String: [UInt8]] = ["a7": [], "m4": [], "local": []]
        for round in 0..<20 {
            for (name, pty) in [("a7", a7), ("m4", m4), ("local", local)] {
                let bytes = Self.everyByteValue(round: round)
                try pty.write(bytes)
                sent[name]! += bytes
            }
            // Every round recorded before the next, and the local console's end only after the
            // last remote byte (ser2net's chardelay and a loaded machine delay them).
            for (index, name) in ["a7", "m4", "local"].enumerated() {
                try waitForBytes(directory, console: UInt16(index), count: sent[name]!.count)
            }
        }
        let end = Array("\r\nEND-OF-TEST\r\n".utf8)
        try local.write(end)
        sent["local"]! += end
        #expect(try capture.wait() == 0, "capture failed: \(capture.standardError)\nser2net: \(ser2net.output)")

        for name in ["a7", "m4", "local"] {
            let exported = try exportBytes(directory, console: name)
            #expect(exported == sent[name]!, "\(name): \(exported.count) bytes captured, \(sent[name]!.count) sent")
        }
        let reader = try SessionReader(directory: directory)
        let consoles = reader.header.consoles
        #expect(consoles[0].remote?.transport == "rfc2217")
        #expect(consoles[0].remote?.address == "127.0.0.1")
        #expect(consoles[0].remote?.port == ser2net.exports[0].port)
        #expect(consoles[1].remote?.transport == "tcp")
        #expect(consoles[2].remote == nil)
        let controls = controlRecords(reader)
        let confirmed = controls.filter { $0.console == 0 && $0.kind == .settingsApplied }
        #expect(confirmed.contains { $0.detail?.contains("the server set the remote port to 57600 8N1") == true },
                "a7 settings records: \(confirmed.map { $0.detail ?? "" })")
        #expect(controls.filter { $0.console == 1 && $0.kind == .settingsApplied }.allSatisfy { $0.settings == nil && $0.detail?.contains("ser2net's own") == true })
        #expect(!controls.contains { $0.kind == .hangup })

        // The timeline's bound says the remote consoles came over the network.
        let timeline = try ToolProcess.run(["timeline", directory, "--format", "json"])
        #expect(timeline.status == 0, "\(timeline.stderr)")
        #expect(timeline.stdout.contains("read over the network"), "\(timeline.stdout.prefix(2000))")
    }

    @Test func ser2netRestartedMidCaptureLeavesAGapAndTheCaptureGoesOn() throws {
        let run = try RemoteBesideLocalCapture(label: "remote-restart")
        defer { run.remove() }
        let (a7, m4, ser2net, directory, capture) = (run.a7, run.m4, run.ser2net, run.directory, run.capture)
        var sentA7: [UInt8] = []
        var sentM4: [UInt8] = []
        func m4Line(_ index: Int) throws {
            let line = Array("m4 heartbeat \(index)\r\n".utf8)
            try m4.write(line)
            sentM4 += line
        }
        let before = Self.everyByteValue(round: 1)
        try a7.write(before)
        sentA7 += before
        for index in 0..<5 { try m4Line(index) }
        try waitForBytes(directory, console: 0, count: sentA7.count)
        try waitForBytes(directory, console: 1, count: sentM4.count)
        // Under load ser2net forwards the board's bytes before it has even read ampscope's settings
        // (killed then, it reset the connection with them unread): the first confirmation is
        // awaited, or the count of two below never comes.
        try waitForRecord(directory, "the a7 settings confirmed on the first connection") {
            $0.console == 0 && $0.kind == .settingsApplied && $0.detail?.contains("the server set") == true
        }

        ser2net.stop()
        let stopped = monotonicNow()
        // ser2net is away until the capture has seen it gone and found nothing listening; the
        // local console goes on meanwhile.
        try waitForRecord(directory, "a7 hangup once ser2net stopped") { $0.console == 0 && $0.kind == .hangup }
        for index in 5..<25 { try m4Line(index) }
        try waitForBytes(directory, console: 1, count: sentM4.count)
        try waitForRecord(directory, "a refused reconnection noted") { $0.console == 0 && $0.kind == .note && $0.detail?.contains("nothing listens") == true }
        try ser2net.start()
        let restarted = monotonicNow()
        try a7.waitUntilOpened()  // ampscope reconnected and ser2net opened the device again
        try waitForRecord(directory, "the a7 settings confirmed again after the reconnection", count: 2) {
            $0.console == 0 && $0.kind == .settingsApplied && $0.detail?.contains("the server set") == true
        }
        let after = Self.everyByteValue(round: 2)
        try a7.write(after)
        sentA7 += after
        for index in 25..<30 { try m4Line(index) }
        try waitForBytes(directory, console: 0, count: sentA7.count)
        let end = Array("END-OF-TEST\r\n".utf8)
        try m4.write(end)
        sentM4 += end
        #expect(try capture.wait() == 0, "capture failed: \(capture.standardError)")

        #expect(try exportBytes(directory, console: "a7") == sentA7)
        #expect(try exportBytes(directory, console: "m4") == sentM4, "the local console lost bytes while the remote one was away")
        let controls = controlRecords(try SessionReader(directory: directory)).filter { $0.console == 0 }
        let hangup = try #require(controls.first { $0.kind == .hangup })
        #expect(hangup.detail?.contains("closed the connection") == true, "\(hangup.detail ?? "")")
        #expect(controls.contains { $0.kind == .reopened })
        let gap = try #require(controls.first { $0.kind == .gap })
        let gapStart = try #require(gap.gapStart)
        // The gap spans the time ser2net was away: from after the last a7 byte before the stop
        // to after the restart.
        let a7Times = Array(try SessionReader(directory: directory)).compactMap { record -> UInt64? in
            if case .chunk(let chunk) = record, chunk.console == 0 { return chunk.time }
            return nil
        }
        let lastBeforeStop = try #require(a7Times.last { $0 < stopped })
        #expect(gapStart >= lastBeforeStop && gapStart <= gap.time && gap.time >= restarted,
                "gap \(gapStart)…\(gap.time), last a7 byte \(lastBeforeStop), ser2net down \(stopped)…\(restarted)")
        #expect(controls.contains { $0.kind == .note && $0.detail?.contains("nothing listens on 127.0.0.1:\(ser2net.exports[0].port)") == true },
                "\(controls.map { "\($0.kind): \($0.detail ?? "")" })")
    }

    /// rfc2217:// on a raw port must not type telnet commands into the board (any key stops
    /// U-Boot's autoboot), and tcp:// on a telnet port is said, not silently recorded.
    @Test func aSelectorOfTheWrongKindIsSaidAndSendsTheBoardNothing() throws {
        let a7 = try TestPTY()
        let m4 = try TestPTY()
        let ser2net = try Ser2netProcess([(.raw, a7.slavePath), (.rfc2217, m4.slavePath)])
        let directory = temporaryDirectory("remote-mismatch")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let capture = try ToolProcess([
            "capture", "--a7", "rfc2217://127.0.0.1:\(ser2net.exports[0].port)", "--m4", "tcp://127.0.0.1:\(ser2net.exports[1].port)",
            "-o", directory, "--until", "a7:END-OF-TEST", "--quiet",
        ])
        try a7.waitUntilOpened()
        try m4.waitUntilOpened()
        // The board stays silent (it is still off) until the capture has given up waiting for the
        // a7 server's negotiation and found m4 to be telnet: anything typed by then is in the PTY.
        try waitForRecord(directory, "a7's server has not started telnet negotiation") { $0.console == 0 && $0.kind == .note && $0.detail?.contains("has not started telnet negotiation") == true }
        try waitForRecord(directory, "m4 found to be a telnet port") { $0.console == 1 && $0.kind == .note && $0.detail?.contains("it is a telnet port") == true }
        var typedIntoBoard: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            var entry = pollfd(fd: a7.master, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 0) > 0, entry.revents & Int16(POLLIN) != 0 else { break }
            let count = buffer.withUnsafeMutableBytes { read(a7.master, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            typedIntoBoard += buffer[0..<count]
        }
        #expect(typedIntoBoard.isEmpty, "the a7 board was sent \(typedIntoBoard.count) bytes: \(typedIntoBoard.prefix(32))")
        // Ends with the --until text itself: the capture stops at it, before any later byte.
        let sent = Self.everyByteValue(round: 1) + Array("END-OF-TEST".utf8)
        try a7.write(sent)
        #expect(try capture.wait() == 0, "\(capture.standardError)")
        let captured = try exportBytes(directory, console: "a7")
        #expect(captured.count == sent.count && captured == sent, "a7: \(captured.count) bytes captured, \(sent.count) sent; first difference at \(String(describing: captured.indices.first { $0 >= sent.count || captured[$0] != sent[$0] }))")
        let notes = controlRecords(try SessionReader(directory: directory)).filter { $0.kind == .note }.compactMap(\.detail)
        #expect(notes.contains { $0.contains("has not started telnet negotiation") && $0.contains("use tcp://127.0.0.1:\(ser2net.exports[0].port)") }, "\(notes)")
        #expect(notes.contains { $0.contains("looks like a raw port") && $0.contains("use tcp://127.0.0.1:\(ser2net.exports[0].port)") }, "\(notes)")
        #expect(notes.contains { $0.contains("it is a telnet port") && $0.contains("use rfc2217://127.0.0.1:\(ser2net.exports[1].port)") }, "\(notes)")
    }

    /// ser2net whose device is missing accepts, writes "Device open failure: …" and closes:
    /// that text is not the board's, and the reconnections back off instead of churning.
    @Test func ser2netThatCannotOpenItsDeviceIsNotedOnceAndBackedOffFrom() throws {
        let m4 = try TestPTY()
        let ser2net = try Ser2netProcess([(.rfc2217, "/dev/pts/no-such-pty")])
        let directory = temporaryDirectory("remote-nodevice")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let capture = try ToolProcess(["capture", "--a7", ser2net.exports[0].selector, "--m4", m4.slavePath, "-o", directory, "--until", "m4:END-OF-TEST", "--quiet"])
        try m4.waitUntilOpened()
        var sentM4: [UInt8] = []
        var index = 0
        // The local console goes on while the remote one is reconnected three times.
        try waitUntil("three reconnections to ser2net recorded") {
            let line = Array("m4 heartbeat \(index)\r\n".utf8)
            try m4.write(line)
            sentM4 += line
            index += 1
            try waitForBytes(directory, console: 1, count: sentM4.count)
            return controlRecords(directory).filter { $0.console == 0 && $0.kind == .reopened }.count >= 3
        }
        let end = Array("END-OF-TEST\r\n".utf8)
        try m4.write(end)
        sentM4 += end
        #expect(try capture.wait() == 0, "\(capture.standardError)")
        #expect(try exportBytes(directory, console: "a7").isEmpty)
        #expect(try exportBytes(directory, console: "m4") == sentM4)
        let controls = controlRecords(try SessionReader(directory: directory)).filter { $0.console == 0 }
        let failures = controls.filter { $0.kind == .note && $0.detail?.contains("ser2net could not open the device") == true }
        #expect(failures.count == 1, "\(controls.map { "\($0.kind): \($0.detail ?? "")" })")
        #expect(failures.first?.detail?.contains("Value or file not found") == true)
        // Backing off: the waits double from 0.25 s, so the k-th interval between reconnections is
        // at least 0.25 s × 2^k on the session's clock (a reset per connection would stay at 0.25 s).
        let reopened = controls.filter { $0.kind == .reopened }.map(\.time)
        try #require(reopened.count >= 3, "\(reopened.count) reconnections")
        for (k, pair) in zip(reopened, reopened.dropFirst()).enumerated() {
            let floor = UInt64(250_000_000) << UInt64(min(k, 4))
            #expect(pair.1 - pair.0 >= floor, "reconnection \(k + 2) came \(pair.1 - pair.0) ns after the previous one, under \(floor)")
        }
    }

    @Test func aBoardProfileWithARemotePortCapturesIt() throws {
        let a7 = try TestPTY()
        let m4 = try TestPTY()
        let ser2net = try Ser2netProcess([(.rfc2217, a7.slavePath)])
        let folder = temporaryDirectory("remote-board")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/ampscope", withIntermediateDirectories: true)
        try """
            boards:
              lab:
                baud: 57600
                consoles:
                  a7: { port: "\(ser2net.exports[0].selector)", kind: application }
                  m4: { port: \(m4.slavePath), kind: microcontroller }
            """.write(toFile: folder + "/ampscope/boards.yaml", atomically: true, encoding: .utf8)
        let directory = folder + "/session"
        let capture = try ToolProcess(["capture", "--board", "lab", "-o", directory, "--until", "a7:login:", "--quiet"],
                                      environment: ["XDG_CONFIG_HOME": folder])
        try a7.waitUntilOpened()
        try m4.waitUntilOpened()
        try waitForRecord(directory, "ser2net confirmed 57600 on a7") { $0.console == 0 && $0.kind == .settingsApplied && $0.detail?.contains("57600") == true }
        #expect(try a7.slaveBaud() == 57_600)
        let sent = Array("colibri-imx7 login:".utf8)
        try a7.write(sent)
        #expect(try capture.wait() == 0, "\(capture.standardError)")
        #expect(try exportBytes(directory, console: "a7") == sent)
        let header = try SessionReader(directory: directory).header
        #expect(header.consoles.map(\.port) == [ser2net.exports[0].selector, m4.slavePath])
        #expect(header.consoles.map { $0.remote?.transport } == ["rfc2217", nil])
    }

    /// A host that drops the connection request (here: a listener whose accept queue is full,
    /// so Linux drops the SYN) gets the 5 s timeout and says so, instead of hanging.
    @Test func aPortThatNeverAnswersTimesOutWithAClearError() throws {
        let blackHole = try BlackHoleListener(port: 0)
        let started = monotonicNow()
        let result = try ToolProcess.run(["capture", "--a7", "rfc2217://127.0.0.1:\(blackHole.port)", "-o", temporaryDirectory("timeout"), "--quiet"])
        let waited = monotonicNow() - started
        #expect(result.status != 0)
        #expect(result.stderr.contains("no answer from 127.0.0.1:\(blackHole.port) within 5.00 s"), "\(result.stderr)")
        // It did wait the 5 s it says (a floor, which load cannot break; how much longer is load).
        #expect(waited >= 5_000_000_000, "gave up after \(waited) ns")
    }

    /// While ser2net is away its port drops connection requests (a lab host behind a firewall
    /// that went down): each reconnection attempt is given up after 3 s without stalling the
    /// local console, and the console comes back once ser2net does.
    @Test func reconnectionAttemptsThatGetNoAnswerAreGivenUp() throws {
        let run = try RemoteBesideLocalCapture(label: "remote-blackhole")
        defer { run.remove() }
        let (a7, m4, ser2net, directory, capture) = (run.a7, run.m4, run.ser2net, run.directory, run.capture)
        ser2net.stop()
        var blackHole: BlackHoleListener? = try BlackHoleListener(port: ser2net.exports[0].port)
        var sentM4: [UInt8] = []
        var index = 0
        let noAnswer = "no answer from 127.0.0.1:\(ser2net.exports[0].port) within 3.00 s"
        // The m4 console is fed line by line, each recorded before the next, until an attempt
        // has been given up.
        try waitUntil("a reconnection attempt given up (\(noAnswer))") {
            let line = Array("m4 heartbeat \(index)\r\n".utf8)
            try m4.write(line)
            sentM4 += line
            index += 1
            try waitForBytes(directory, console: 1, count: sentM4.count)
            return controlRecords(directory).contains { $0.console == 0 && $0.kind == .note && $0.detail?.contains(noAnswer) == true }
        }
        blackHole = nil
        _ = blackHole
        try ser2net.start()
        try a7.waitUntilOpened()
        // The reconnection is recorded before the capture is ended (once it was not, on a busy machine).
        try waitForRecord(directory, "a7 reopened once ser2net is back") { $0.console == 0 && $0.kind == .reopened }
        let end = Array("END-OF-TEST\r\n".utf8)
        try m4.write(end)
        sentM4 += end
        #expect(try capture.wait() == 0, "\(capture.standardError)")
        #expect(try exportBytes(directory, console: "m4") == sentM4)
        // The m4 console was read while the attempt hung: a loop blocked on the connect would
        // stamp nothing in the 3 s before the attempt was given up.
        let m4Times = Array(try SessionReader(directory: directory)).compactMap { record -> UInt64? in
            if case .chunk(let chunk) = record, chunk.console == 1 { return chunk.time }
            return nil
        }
        let controls = controlRecords(try SessionReader(directory: directory)).filter { $0.console == 0 }
        let givenUp = try #require(controls.first { $0.kind == .note && $0.detail?.contains(noAnswer) == true },
                                   "\(controls.map { "\($0.kind): \($0.detail ?? "")" })")
        let attemptStart = givenUp.time - 3_000_000_000
        #expect(m4Times.contains { $0 > attemptStart && $0 < givenUp.time }, "no m4 read during the hung attempt")
    }

    @Test func nothingListeningAndUnknownHostsGiveAClearError() throws {
        let port = try Ser2netProcess.freePort()
        let refused = try ToolProcess.run(["capture", "--a7", "rfc2217://127.0.0.1:\(port)", "-o", temporaryDirectory("refused"), "--quiet"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("nothing listens on 127.0.0.1:\(port): is ser2net running and is the port in its config?"), "\(refused.stderr)")

        let unknown = try ToolProcess.run(["capture", "--a7", "rfc2217://no-such-host.invalid:1", "-o", temporaryDirectory("unknown"), "--quiet"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("cannot resolve no-such-host.invalid: check the name or use an IP address"), "\(unknown.stderr)")

        for (selector, advice) in [("tcp://host", "the port is missing"), ("tcp://host:0", "from 1 to 65535"),
                                   ("tcp://host:99999", "from 1 to 65535"), ("rfc2217://", "no host and port"),
                                   ("telnet://host:23", "unknown scheme")] {
            let result = try ToolProcess.run(["capture", "--a7", selector, "-o", temporaryDirectory("malformed"), "--quiet"])
            #expect(result.status != 0)
            #expect(result.stderr.contains(advice) && result.stderr.contains("HOST:PORT"), "\(selector): \(result.stderr)")
        }
    }
}
