import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import AmpScope

/// ampscope's own text log (a session's `a7.log`), written by its writer, read back: the
/// header places the relative stamps in time and its `--- … ---` notes are not console lines.
@Suite("ampscope's text logs read back")
struct ImportAmpScopeTextLogTests {
    @Test("a session text log's lines come back at their capture times; header and notes are left out")
    func sessionTextLog() throws {
        let directory = temporaryDirectory("textlog")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let anchor: UInt64 = 9_000_000_000_000
        // 2026-11-25 08:52:00.250 UTC
        let wall: Int64 = 1_795_596_720_250_000_000
        let console = ConsoleDescriptor(id: 0, name: "m4", kind: .microcontroller, port: "test", settings: SerialSettings())
        let header = SessionHeader(toolVersion: "test", host: "test", monotonicAnchor: anchor, wallClockNanoseconds: wall, consoles: [console], commandLine: [])
        let log = try ConsoleTextLog(directory: directory, console: console, header: header)
        log.append(Array("RPMSG String Echo FreeRTOS RTOS API Demo...\r\n".utf8), time: anchor + 1_703_000_000)
        log.note("marker: power cycled", time: anchor + 2_000_000_000)
        log.append(Array("[m4] heartbeat 1: adc=0x025\r\n".utf8), time: anchor + 3_882_000_000)
        log.note("port hung up (read returned EIO)", time: anchor + 4_000_000_000)
        log.note("capture stopped: Ctrl-C", time: anchor + 27_000_000_000)
        log.finish(time: anchor + 27_000_000_000)
        try log.close()

        let importer = try LogImporter(path: log.path, options: LogImportOptions(consoleName: "m4"))
        var chunks: [Chunk] = []
        let summary = try importer.importAll { chunks.append($0) }
        #expect(importer.detection.format == .ampscope)
        #expect(chunks.map { String(decoding: $0.bytes, as: UTF8.self) } == ["RPMSG String Echo FreeRTOS RTOS API Demo...\n", "[m4] heartbeat 1: adc=0x025\n"])
        #expect(chunks.map(\.time) == [0, 2_179_000_000])
        #expect(summary.timeBase == .hostWallClock)
        // The header keeps milliseconds: the first line at 08:52:01.953.
        #expect(summary.firstWallClock == wall + 1_703_000_000)
        #expect(summary.warnings.contains { $0.contains("4 lines were ampscope's own") }, "\(summary.warnings)")
    }
}
