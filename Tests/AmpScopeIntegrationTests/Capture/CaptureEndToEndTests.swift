import AmpScope
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import AmpScopeTestSupport

/// `ampscope capture` on real pseudo-terminals, checked through the session it writes.
@Suite(.serialized) struct CaptureEndToEndTests {
    /// Bytes a board might really send, with every hazard the issue names.
    static func hostileStream(seed: UInt8) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        pieces.append(Array("U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)\r\n".utf8))
        pieces.append([0x00, 0x00, 0xFF, 0xFE, 0xC3, 0x28, 0x0D] + Array("CR-only line\r".utf8))
        pieces.append(Array("\u{1B}[1;32mcoloured\u{1B}[0m text and a lone CR\rover\r\n".utf8))
        var long = [UInt8](repeating: UInt8(ascii: "a") &+ (seed % 20), count: 1 << 20)
        long.append(contentsOf: [0x0D, 0x0A])
        pieces.append(long)
        pieces.append(Array("prompt # ".utf8))
        return pieces
    }

    @Test func twoConsolesAreCapturedByteForByteWithOrderedTimes() throws {
        let a7 = try TestPTY()
        let m4 = try TestPTY()
        let directory = temporaryDirectory("e2e")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let capture = try ToolProcess([
            "capture", "--a7", a7.slavePath, "--m4", m4.slavePath, "-o", directory, "--until", "m4:END-OF-TEST", "--quiet",
        ])
        try a7.waitUntilOpened()
        try m4.waitUntilOpened()

        var sentA7: [UInt8] = []
        var sentM4: [UInt8] = []
        var writeTimes: [(console: String, time: UInt64)] = []
        // Each piece is written once the other console's last piece is in the session, so the
        // two consoles really interleave and the order of their stamps is known.
        for (pieceA7, pieceM4) in zip(Self.hostileStream(seed: 1), Self.hostileStream(seed: 2)) {
            writeTimes.append(("a7", try a7.write(pieceA7)))
            sentA7 += pieceA7
            try waitForBytes(directory, console: 0, count: sentA7.count)
            writeTimes.append(("m4", try m4.write(pieceM4)))
            sentM4 += pieceM4
            try waitForBytes(directory, console: 1, count: sentM4.count)
        }
        let end = Array("\r\nEND-OF-TEST\r\n".utf8)
        try m4.write(end)
        sentM4 += end
        let status = try capture.wait()
        #expect(status == 0, "capture failed: \(capture.standardError)")

        // Both ways out give exactly what was sent: to a file (-o) and to standard output.
        let exportedA7 = try exportBytes(directory, console: "a7")
        let exportedM4 = try exportBytes(directory, console: "m4")
        #expect(exportedA7 == sentA7, "a7: \(exportedA7.count) bytes exported, \(sentA7.count) sent")
        #expect(exportedM4 == sentM4, "m4: \(exportedM4.count) bytes exported, \(sentM4.count) sent")
        let rawA7 = try ToolProcess.runBytes(["export", directory, "--console", "a7", "--format", "raw"])
        let rawM4 = try ToolProcess.runBytes(["export", directory, "--console", "m4", "--format", "raw"])
        #expect(rawA7.status == 0 && rawA7.stdout == sentA7, "a7 on stdout: \(rawA7.stdout.count) bytes, \(sentA7.count) sent; \(rawA7.stderr)")
        #expect(rawM4.status == 0 && rawM4.stdout == sentM4, "m4 on stdout: \(rawM4.stdout.count) bytes, \(sentM4.count) sent; \(rawM4.stderr)")

        // Sequence numbers strictly increase and times never go backwards across both consoles.
        let reader = try SessionReader(directory: directory)
        var lastSequence: UInt64?
        var lastTime: UInt64 = 0
        var firstChunkTime: [UInt16: UInt64] = [:]
        for record in reader {
            guard case .chunk(let chunk) = record else { continue }
            if let lastSequence { #expect(chunk.sequence > lastSequence) }
            #expect(chunk.time >= lastTime)
            lastSequence = chunk.sequence
            lastTime = chunk.time
            if firstChunkTime[chunk.console] == nil { firstChunkTime[chunk.console] = chunk.time }
        }
        #expect(reader.damage.isEmpty)
        // Same clock as the writer: each console's first byte is stamped after it was written and
        // before the next write, which waited for it (how soon after is Benchmarks/tests).
        let firstA7Write = writeTimes[0].time, firstM4Write = writeTimes[1].time, secondA7Write = writeTimes[2].time
        let stampA7 = try #require(firstChunkTime[0]), stampM4 = try #require(firstChunkTime[1])
        #expect(firstA7Write <= stampA7 && stampA7 <= firstM4Write, "a7 first byte: written \(firstA7Write), stamped \(stampA7)")
        #expect(firstM4Write <= stampM4 && stampM4 <= secondA7Write, "m4 first byte: written \(firstM4Write), stamped \(stampM4)")

        // The text log has the lines, stamped, with the hazards made readable.
        let log = try String(contentsOfFile: directory + "/a7.log", encoding: .utf8)
        #expect(log.contains("] U-Boot 2016.11-2.7.4+g1b121c6"))
        #expect(log.contains("] CR-only line"))
        #expect(log.contains("coloured text and a lone CR"))
        #expect(!log.contains("\u{1B}["))
    }

    @Test func sigtermEndsTheCaptureCleanly() throws {
        let port = try TestPTY()
        let directory = temporaryDirectory("sigterm")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let capture = try ToolProcess(["capture", "--a7", port.slavePath, "-o", directory, "--quiet"])
        try port.waitUntilOpened()
        try port.write("hello\r\n")
        try waitForBytes(directory, console: 0, count: 7)
        capture.signal(SIGTERM)
        #expect(try capture.wait() == 0)
        #expect(capture.standardError.contains("SIGTERM"))
        let reader = try SessionReader(directory: directory)
        let records = Array(reader)
        let stopped = records.compactMap { record -> ControlRecord? in
            if case .control(let control) = record, control.kind == .stopped { return control }
            return nil
        }
        #expect(stopped.count == 1)
        #expect(stopped.first?.detail?.contains("SIGTERM") == true)
        #expect(records.contains { if case .control(let c) = $0 { return c.kind == .closed } else { return false } })
    }

    @Test func killNineLosesNoWholeRecord() throws {
        let port = try TestPTY()
        let directory = temporaryDirectory("kill9")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let capture = try ToolProcess(["capture", "--a7", port.slavePath, "-o", directory, "--quiet"])
        try port.waitUntilOpened()
        var sent: [UInt8] = []
        for index in 0..<200 {
            let line = Array("line \(index) of a boot that is cut short\r\n".utf8)
            try port.write(line)
            sent += line
        }
        // Records reach the kernel right after each read: once a reader sees every byte, kill -9.
        try waitForBytes(directory, console: 0, count: sent.count)
        capture.signal(SIGKILL)
        _ = try capture.wait()
        // A power cut in the middle of a record: half a record appended by hand.
        let handle = try #require(FileHandle(forWritingAtPath: directory + "/session.amps"))
        handle.seekToEndOfFile()
        handle.write(Data([0xA7, 0x4D, 0x02, 0xFF, 0x00, 0x00, 0x00, 0x01, 0x02]))
        try handle.close()

        let exported = try exportBytes(directory, console: "a7")
        #expect(exported == sent, "recovered \(exported.count) of \(sent.count) bytes")
        let reader = try SessionReader(directory: directory)
        _ = Array(reader)
        #expect(reader.damage.count == 1)
        #expect(reader.damage.first?.kind == .truncatedTail)
        let text = try ToolProcess.run(["export", directory, "--console", "a7", "--format", "text"])
        #expect(text.status == 0)
        #expect(text.stderr.contains("incomplete record"))
    }

    @Test func stopConditionsEndTheCapture() throws {
        let port = try TestPTY()
        let directory = temporaryDirectory("stops")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let idle = try ToolProcess(["capture", "--a7", port.slavePath, "-o", directory, "--idle", "1", "--quiet"])
        try port.waitUntilOpened()
        try port.write("one line, then silence\r\n")
        #expect(try idle.wait() == 0)
        #expect(idle.standardError.contains("--idle"))
        // On the session's own clock: it stopped no sooner than 1 s after the last byte.
        let idleRecords = Array(try SessionReader(directory: directory))
        let lastByte = try #require(idleRecords.compactMap { if case .chunk(let chunk) = $0 { chunk.time } else { nil } }.last)
        let idleStop = try #require(controlRecords(directory).first { $0.kind == .stopped })
        #expect(idleStop.time >= lastByte + 1_000_000_000, "stopped \(idleStop.time - lastByte) ns after the last byte")

        let second = try TestPTY()
        let durationDirectory = directory + "-duration"
        defer { try? FileManager.default.removeItem(atPath: durationDirectory) }
        let timed = try ToolProcess(["capture", "--a7", second.slavePath, "-o", durationDirectory, "--duration", "1.5", "--quiet"])
        #expect(try timed.wait() == 0, "\(timed.standardError)")
        // On the session's own clock: it ran at least the 1.5 s asked (how much longer is load).
        let origin = try SessionReader(directory: durationDirectory).header.monotonicAnchor
        let timedControls = controlRecords(durationDirectory)
        let timedStop = try #require(timedControls.first { $0.kind == .stopped }, "no stop record: \(timedControls.map(\.kind))")
        #expect(timedStop.time >= origin + 1_500_000_000, "stopped \(timedStop.time - origin) ns after it started")
        #expect(timedStop.detail?.contains("duration") == true, "\(timedStop.detail ?? "no detail")")
    }

    @Test func portErrorsTellTheUserWhatToDo() throws {
        let missing = try ToolProcess.run(["capture", "--a7", "/dev/ttyUSB-does-not-exist", "-o", temporaryDirectory("missing"), "--quiet"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("/dev/ttyUSB-does-not-exist"))

        let port = try TestPTY()
        let first = temporaryDirectory("inuse1")
        let second = temporaryDirectory("inuse2")
        defer {
            try? FileManager.default.removeItem(atPath: first)
            try? FileManager.default.removeItem(atPath: second)
        }
        let holder = try ToolProcess(["capture", "--a7", port.slavePath, "-o", first, "--quiet"])
        try port.waitUntilOpened()
        try waitForRecord(first, "the holder recorded its port open") { $0.console == 0 && $0.kind == .opened }
        let blocked = try ToolProcess.run(["capture", "--a7", port.slavePath, "-o", second, "--quiet"])
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("\(holder.pid)"), "in-use error should name the holder: \(blocked.stderr)")
        #expect(!FileManager.default.fileExists(atPath: second + "/session.amps"))
        holder.signal(SIGTERM)
        _ = try holder.wait()
    }

    /// A full disk: a clear error, and every byte written before it stays readable.
    @Test func diskFullStopsWithAClearErrorAndKeepsWhatWasWritten() throws {
        try #require(getuid() == 0, "this test mounts a small tmpfs and must run as root")
        let mountPoint = temporaryDirectory("tinyfs")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        let mounted = try ToolProcess.runCommand(["/bin/mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", mountPoint])
        try #require(mounted.status == 0, "mount tmpfs failed: \(mounted.stderr)")
        defer { _ = try? ToolProcess.runCommand(["/bin/umount", mountPoint]) }

        let port = try TestPTY()
        let directory = mountPoint + "/session"
        let capture = try ToolProcess(["capture", "--a7", port.slavePath, "-o", directory, "--quiet"])
        try port.waitUntilOpened()
        var sent: [UInt8] = []
        for index in 0..<4000 where capture.process.isRunning {
            let line = Array("line \(index) \(String(repeating: "x", count: 80))\r\n".utf8)
            guard (try? port.write(line)) != nil else { break }
            sent += line
        }
        let status = try capture.wait()
        #expect(status == 1)
        #expect(capture.standardError.contains("disk full"), "\(capture.standardError)")
        #expect(capture.standardError.contains("everything written before this point is intact"))
        let exported = try exportBytes(directory, console: "a7")
        #expect(exported.count > 10_000)
        #expect(Array(sent.prefix(exported.count)) == exported, "what was saved is exactly the start of what was sent")
    }

    /// As a user outside the device's group would meet it: run as `nobody` on a 0600 root node.
    @Test func permissionDeniedExplainsWhatToDo() throws {
        let setpriv = "/usr/bin/setpriv"
        try #require(FileManager.default.isExecutableFile(atPath: setpriv), "setpriv (util-linux) is needed to run as nobody")
        try #require(getuid() == 0, "this test switches to the nobody user and must run as root")
        let port = try TestPTY()
        #expect(chmod(port.slavePath, 0o600) == 0)
        let directory = temporaryDirectory("denied")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // nobody cannot write our temporary folder either, so the session goes to /tmp; the
        // port is opened before anything is created, so nothing is written at all.
        let denied = try ToolProcess.run(
            ["capture", "--a7", port.slavePath, "-o", directory, "--quiet"],
            wrapper: [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"])
        #expect(denied.status != 0)
        #expect(denied.stderr.contains("console a7"))
        #expect(denied.stderr.lowercased().contains("permission denied"), "\(denied.stderr)")
        #expect(denied.stderr.contains(port.slavePath))
        #expect(!FileManager.default.fileExists(atPath: directory))
    }
}
