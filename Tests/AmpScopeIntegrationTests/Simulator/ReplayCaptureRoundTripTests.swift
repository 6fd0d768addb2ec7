import AmpScope
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import AmpScopeTestSupport

/// The whole capture path against the board simulator: a session is replayed into PTYs by
/// `ampscope replay`, captured by `ampscope capture`, exported, and compared with the original.
@Suite(.serialized) struct ReplayCaptureRoundTripTests {
    /// (console, seconds after start, bytes), with every hazard the issue names.
    static let script: [(UInt16, Double, [UInt8])] = {
        var long = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        long += [0x0D, 0x0A]
        return [
            (0, 0.00, Array("U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)\r\n".utf8)),
            (1, 0.05, Array("\r\nRPMSG String Echo FreeRTOS RTOS API Demo...\r\n".utf8)),
            (0, 0.30, [0x00, 0xFF, 0xFE, 0xC3, 0x28] + Array("invalid UTF-8 and NUL\r\n".utf8)),
            (1, 0.45, Array("CR-only line\rnext\r".utf8)),
            (0, 0.60, Array("\u{1B}[0;32m[  OK  ]\u{1B}[0m Started Serial Getty on ttymxc0.\r\n".utf8)),
            (1, 0.80, long),
            (0, 1.20, Array("colibri-imx7 login: ".utf8)),
            (1, 1.50, Array("\u{1B}[31m***** HARD FAULT *****\u{1B}[0m\r\n".utf8)),
        ]
    }()

    @Test(.timeLimit(.minutes(15))) func replayedSessionIsCapturedByteForByteWithItsTiming() throws {
        let source = temporaryDirectory("roundtrip-source")
        let captured = temporaryDirectory("roundtrip-capture")
        defer {
            try? FileManager.default.removeItem(atPath: source)
            try? FileManager.default.removeItem(atPath: captured)
        }
        let anchor: UInt64 = 1_000_000_000_000
        let header = SessionHeader(
            toolVersion: "test", host: "test", monotonicAnchor: anchor, wallClockNanoseconds: 0,
            consoles: [
                ConsoleDescriptor(id: 0, name: "a7", kind: .application, port: "test", settings: SerialSettings()),
                ConsoleDescriptor(id: 1, name: "m4", kind: .microcontroller, port: "test", settings: SerialSettings()),
            ],
            commandLine: [])
        let writer = try SessionWriter(directory: source, header: header)
        for (index, (console, seconds, bytes)) in Self.script.enumerated() {
            writer.append(.chunk(Chunk(console: console, sequence: UInt64(index), time: anchor + UInt64(seconds * 1e9), bytes: bytes)))
        }
        try writer.close()

        let replayStarted = monotonicNow()
        let replay = try ToolProcess(["replay", source, "--hold", "1"])
        var paths: [String: String] = [:]
        try waitUntil("replay prints its two PTYs: \(replay.standardOutput) \(replay.standardError)") {
            for line in replay.standardOutput.split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 2 { paths[String(parts[0])] = String(parts[1]) }
            }
            return paths.count >= 2
        }
        let a7 = try #require(paths["a7"], "replay printed no a7 PTY: \(replay.standardError)")
        let m4 = try #require(paths["m4"], "replay printed no m4 PTY: \(replay.standardError)")
        let capture = try ToolProcess.run(["capture", "--a7", a7, "--m4", m4, "-o", captured, "--no-reopen", "--quiet"])
        #expect(capture.status == 0, "\(capture.stderr)")
        #expect(capture.stderr.contains("every port hung up"))
        #expect(try replay.wait() == 0, "\(replay.standardError)")

        // Byte for byte, per console.
        var received: [UInt16: [UInt8]] = [0: [], 1: []]
        var chunks: [(console: UInt16, offset: Int, time: UInt64)] = []
        let reader = try SessionReader(directory: captured)
        for record in reader {
            guard case .chunk(let chunk) = record else { continue }
            chunks.append((chunk.console, received[chunk.console]!.count, chunk.time))
            received[chunk.console]! += chunk.bytes
        }
        #expect(reader.damage.isEmpty)
        for console: UInt16 in [0, 1] {
            let sent = Self.script.filter { $0.0 == console }.flatMap(\.2)
            #expect(received[console]! == sent, "console \(console): \(received[console]!.count) bytes captured, \(sent.count) replayed")
        }

        // Timing, on the one CLOCK_MONOTONIC both processes and the test share: no chunk is
        // stamped before its recorded offset from the moment the replay was started (a replayer
        // that ignored timing would deliver the 1.5 s line at once). How late is load, and a
        // figure in Benchmarks/tests.
        var offsets: [UInt16: Int] = [0: 0, 1: 0]
        for (console, seconds, bytes) in Self.script {
            let offset = offsets[console]!
            offsets[console]! += bytes.count
            // The captured read that delivered the chunk's first byte.
            let arrival = try #require(chunks.last { $0.console == console && $0.offset <= offset })
            let due = replayStarted + UInt64(seconds * 1e9)
            #expect(arrival.time >= due, "chunk at \(seconds) s stamped \(Int64(bitPattern: due &- arrival.time)) ns early")
        }
    }
}
