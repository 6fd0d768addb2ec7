import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// The hazards of real logs (DOMAIN.md §5) and of hostile files: nothing crashes, no byte is lost.
@Suite struct ImportHazardTests {
    typealias F = ImportFixture

    @Test func forumCollapsedPrintkPaddingAndEllipsisStillDmesg() throws {
        let log = "[ 36.046358] remoteproc remoteproc0: powering up imx-rproc\n[ 36.050000] Starting kernel …\n"
        let run = try F.run(log)
        #expect(run.detection.format == .dmesg)
        #expect(run.allBytes == Array(log.utf8))
    }

    @Test func interleavedSystemdAndPrintkLineKept() throws {
        let log = "[  OK  ] Started     3.957254] systemd[1]: Started Journal Service.\r\n./boot_m4.sh: line 1: echo: writeremoteproc remoteproc0: powering up imx-rproc\r\n;39mRPC Bind.\r\n"
        let run = try F.run(log)
        #expect(run.detection.format == .plain)
        #expect(run.allBytes == Array(log.utf8))
    }

    @Test func binaryBytesInsideStampedLinesSurvive() throws {
        var log: [UInt8] = Array("[2026-11-25T08:52:00.403] ".utf8) + [0x00, 0xFF, 0xC3, 0x28, 0x1B] + Array("[31mred\u{1B}[0m\r\n".utf8)
        log += Array("[2026-11-25T08:52:00.404] caf\u{E9} \u{B5}s\r\n".utf8)
        let run = try F.run(log)
        #expect(run.detection.format == .tio)
        #expect(run.chunks[0].bytes == [0x00, 0xFF, 0xC3, 0x28, 0x1B] + Array("[31mred\u{1B}[0m\r\n".utf8))
        #expect(run.texts[1] == "caf\u{E9} \u{B5}s\r\n")
        #expect(run.times == [0, F.millisecond])
    }

    @Test func tenMegabyteLineComesInPiecesWithNothingLost() throws {
        var log = Array("[2026-11-25T08:52:00.403] start\n[2026-11-25T08:52:00.500] ".utf8)
        var random = TestSeed.generator("ImportHazardTests", fixed: 42)
        log += (0..<10_000_000).map { _ in UInt8.random(in: 0x20...0x7E, using: &random) }
        log += Array("\n[2026-11-25T08:52:01.000] after\n".utf8)
        let run = try F.run(log)
        #expect(run.detection.format == .tio)
        #expect(run.summary.lineCount == 3)
        #expect(run.summary.byteCount == UInt64(log.count))
        let cap = LogImportOptions().maximumLineLength
        #expect(run.chunks.allSatisfy { $0.bytes.count <= cap })
        // start + 10 pieces of the long line (10,000,001 bytes with its LF) + after.
        #expect(run.chunks.count == 1 + 10 + 1)
        let longLine = run.chunks[1...10].flatMap(\.bytes)
        #expect(longLine.count == 10_000_001)
        #expect(Array(longLine.prefix(100)) == Array(log[58..<158]))
        #expect(run.chunks[1...10].allSatisfy { $0.time == 97 * F.millisecond })
        #expect(run.texts.last == "after\n")
        #expect(run.times.last == 597 * F.millisecond)
        #expect(run.summary.warnings.contains { $0.contains("1 line was longer than") })
    }

    @Test func crOnlyLinesAndTruncatedLastLine() throws {
        let log = "RPMSG PingPong Demo...\rRPMSG Init as Remote\rGet Data From A7 : 1"
        let run = try F.run(log, options: LogImportOptions(consoleName: "m4"))
        #expect(run.detection.format == .plain)
        #expect(run.allBytes == Array(log.utf8))

        let stamped = try F.run("[2026-11-25T08:52:00.403] a\r\n[2026-11-25T08:52:00.410] cut off mid-li")
        #expect(stamped.texts == ["a\r\n", "cut off mid-li"])
        #expect(stamped.times == [0, 7 * F.millisecond])
    }

    @Test func unstampedContinuationLinesInheritTheTime() throws {
        let run = try F.run("""
            [2026-11-25T08:52:00.403] Hit any key to stop autoboot:  0
            continuation without a stamp

            [2026-11-25T08:52:00.900] ## Starting auxiliary core

            """)
        #expect(run.times == [0, 0, 0, 497 * F.millisecond])
        #expect(run.texts[1] == "continuation without a stamp\n")
        #expect(run.summary.unstampedLines == 1)
        #expect(run.summary.warnings.contains("1 line had no timestamp and took the previous line's time"))
    }

    @Test func backwardStepKeepsOrderAndLaterIntervals() throws {
        // grabserial -a restarts its relative count at 0 after a reconnect.
        let run = try F.run("[    5.000000 0.000000] a\n[    6.000000 1.000000] b\n[    0.000000 0.000000] c\n[    0.250000 0.250000] d\n")
        #expect(run.times == [0, F.second, F.second, F.second + 250 * F.millisecond])
        #expect(run.summary.warnings.contains { $0.contains("went backwards 1 time") })
    }

    @Test func pipeIsReadWithoutSeeking() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let log = Array("Nov 25 08:52:00 a\nNov 25 08:52:01 b\n".utf8)
        #expect(write(fds[1], log, log.count) == log.count)
        close(fds[1])
        defer { close(fds[0]) }
        let importer = try LogImporter(fileDescriptor: fds[0], path: "<stdin>")
        var chunks: [Chunk] = []
        _ = try importer.importAll { chunks.append($0) }
        #expect(importer.detection.format == .ts)
        #expect(chunks.map(\.time) == [0, F.second])
    }
}

@Suite struct ImportStreamingTests {
    /// 200,000 tio lines (about 10 MB), one every 5 ms: every time right, memory bounded.
    @Test func largeLogStreamsInBoundedMemory() throws {
        var log: [UInt8] = []
        log.reserveCapacity(11_000_000)
        var expectedTimes: [UInt64] = []
        for index in 0..<200_000 {
            let milliseconds = 403 + index * 5
            let seconds = 8 * 3600 + 52 * 60 + milliseconds / 1000
            let stamp = "[2026-11-25T\(twoDigits(seconds / 3600)):\(twoDigits(seconds / 60 % 60)):\(twoDigits(seconds % 60)).\(threeDigits(milliseconds % 1000))] "
            log += Array("\(stamp)seq=\(index) rpmsg ping\r\n".utf8)
            expectedTimes.append(UInt64(index) * 5 * ImportFixture.millisecond)
        }
        let path = try ImportFixture.file(log)
        let importer = try LogImporter(path: path, options: LogImportOptions(maximumLineLength: 4096))
        var index = 0
        var mismatches = 0
        let summary = try importer.importAll { chunk in
            if chunk.time != expectedTimes[index] || chunk.bytes != Array("seq=\(index) rpmsg ping\r\n".utf8) { mismatches += 1 }
            index += 1
        }
        #expect(index == 200_000)
        #expect(mismatches == 0)
        #expect(summary.lineCount == 200_000)
        #expect(summary.byteCount == UInt64(log.count))
        #expect(importer.peakBufferedBytes <= LogLineSplitter.blockSize + 4096)
    }

    private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    private func threeDigits(_ value: Int) -> String { String(repeating: "0", count: 3 - String(value).count) + String(value) }
}
