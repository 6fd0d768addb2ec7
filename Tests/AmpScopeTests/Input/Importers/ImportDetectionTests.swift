import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

@Suite struct ImportDetectionTests {
    typealias F = ImportFixture

    @Test func formatOverrideWinsOverDetection() throws {
        // grabserial -t -n writes `[%4.6f] `, which detection cannot tell from dmesg.
        let log = "[    0.100000] U-Boot 2016.11\n[    1.350000] Starting kernel ...\n"
        let detected = try F.run(log)
        #expect(detected.detection.format == .dmesg)
        #expect(detected.allBytes == Array(log.utf8))

        let forced = try F.run(log, options: LogImportOptions(format: .grabserial))
        #expect(forced.detection.format == .grabserial)
        #expect(forced.texts == ["U-Boot 2016.11\n", "Starting kernel ...\n"])
        #expect(forced.times == [0, 1_250_000_000])

        let asPlain = try F.run("[2026-11-25T08:52:00.403] a\n", options: LogImportOptions(format: .plain))
        #expect(asPlain.texts == ["[2026-11-25T08:52:00.403] a\n"])
        #expect(!asPlain.summary.hasHostTimes)
    }

    @Test func forcedFormatThatDoesNotMatchWarnsAndKeepsLines() throws {
        let run = try F.run("just text\nmore text\n", options: LogImportOptions(format: .tio))
        #expect(run.texts == ["just text\n", "more text\n"])
        #expect(run.summary.unstampedLines == 2)
        #expect(run.summary.warnings.contains("2 lines had no timestamp and took the previous line's time"))
    }

    @Test func binaryFileIsAnUnknownFormatErrorNamingWhatWasTried() throws {
        var random = TestSeed.generator("ImportDetectionTests", fixed: 7)
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0x80...0xBF, using: &random) } + [0x0A] + Array("second".utf8)
        let path = try F.file(bytes)
        #expect {
            _ = try LogImporter(path: path)
        } throws: { error in
            guard let error = error as? LogImportError, case .unknownFormat(_, let tried, let lines) = error else { return false }
            let text = error.description
            return tried == LogFormat.allCases && lines.count == 2
                && text.contains("tried plain, tio, grabserial, ts, dmesg, dmesg-T, journalctl-k, ampscope, dmesg-r, syslog, merged")
                && text.contains("First lines:") && text.contains("  | \u{FFFD}") && text.contains("--input-format plain")
        }
    }

    @Test func sessionFileDirectoryAndMissingFileErrors() throws {
        let session = try F.file(SessionFormat.magicLine() + [0xA7, 0x4D, 1, 0, 0, 0, 0])
        #expect(throws: LogImportError.isSession(session)) { _ = try LogImporter(path: session) }
        let directory = (session as NSString).deletingLastPathComponent
        #expect(throws: LogImportError.isDirectory(directory)) { _ = try LogImporter(path: directory) }
        let missing = directory + "/missing.log"
        #expect(throws: LogImportError.cannotOpen(missing, errno: ENOENT)) { _ = try LogImporter(path: missing) }
        #expect(LogImportError.cannotOpen(missing, errno: ENOENT).description.contains("No such file or directory"))
    }

    @Test func emptyFileIsAnEmptyPlainImport() throws {
        let run = try F.run("")
        #expect(run.detection.format == .plain)
        #expect(run.chunks.isEmpty)
        #expect(run.summary.warnings.contains { $0.contains("is empty") })
    }

    @Test func mergedFileSplitsIntoConsoles() throws {
        let log = """
            a7: U-Boot 2016.11-2.8.6+g1c1b8d2\r
            m4: RPMSG PingPong Demo...\r
            a7: Starting kernel ...\r
            m4: RPMSG Init as Remote\r
                continued without a label\r
            a7: [    2.345678] virtio_rpmsg_bus virtio0: rpmsg host is online\r

            """
        let run = try F.run(log, options: LogImportOptions(console: 3))
        #expect(run.detection.format == .merged)
        #expect(run.detection.labels == ["a7", "m4"])
        #expect(run.chunks.map(\.console) == [3, 4, 3, 4, 4, 3])
        #expect(run.texts == [
            "U-Boot 2016.11-2.8.6+g1c1b8d2\r\n", "RPMSG PingPong Demo...\r\n", "Starting kernel ...\r\n",
            "RPMSG Init as Remote\r\n", "    continued without a label\r\n",
            "[    2.345678] virtio_rpmsg_bus virtio0: rpmsg host is online\r\n",
        ])
        #expect(run.summary.consoles == [.init(id: 3, name: "a7", lineCount: 3), .init(id: 4, name: "m4", lineCount: 3)])
        #expect(run.summary.warnings.contains("1 line had no console label and went to the console of the line before"))
        #expect(!run.summary.hasHostTimes)
    }

    @Test func mergedBracketAndBarLabelsWithInnerStamps() throws {
        let run = try F.run("""
            [m4] [2026-11-25T08:52:00.403] RPMSG Init as Remote
            A7| [2026-11-25T08:52:00.450] imx-rproc 30000000.m4: started
            [m4] [2026-11-25T08:52:01.403] Name service handshake is done

            """)
        #expect(run.detection.format == .merged)
        #expect(run.detection.innerFormat == .tio)
        #expect(run.detection.labels == ["m4", "A7"])
        #expect(run.chunks.map(\.console) == [0, 1, 0])
        #expect(run.times == [0, 47 * F.millisecond, F.second])
        #expect(run.texts[1] == "imx-rproc 30000000.m4: started\n")
        #expect(run.summary.hasHostTimes)
    }

    @Test func ubootBannerLabelsAreNotAMergedFile() throws {
        let run = try F.run("CPU:   Freescale i.MX7D rev1.2\nModel: Toradex Colibri iMX7D\nDRAM:  512 MiB\nMMC:   FSL_SDHC: 0\nIn:    serial\nOut:   serial\nErr:   serial\n")
        #expect(run.detection.format == .plain)
    }
}
