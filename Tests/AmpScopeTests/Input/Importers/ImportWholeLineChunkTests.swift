import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// Plain and dmesg logs beyond the detection sample come as chunks of many whole lines; the
/// bytes and every count of the summary must be what one chunk per line gave.
@Suite("Import whole-line chunks")
struct ImportWholeLineChunkTests {
    typealias F = ImportFixture

    @Test("dmesg: 3,000 lines in few chunks, same bytes, lines, unstamped lines, steps back and cut lines")
    func dmesgInWholeLineChunks() throws {
        var text = ""
        // 3 boots of 1,000 lines: the kernel time restarts twice (2 steps back); every 100th
        // line has no stamp (30, minus blank ones: none are blank); 5 lines longer than the cap.
        for boot in 0..<3 {
            for index in 0..<1_000 {
                if index % 100 == 50 {
                    text += "no stamp on this line \(index)\n"
                } else if boot == 1 && index % 200 == 7 {
                    text += "[\(String(format: "%5d.%06d", index / 10, index))] " + String(repeating: "x", count: 300) + "\n"
                } else {
                    text += "[\(String(format: "%5d.%06d", index / 10, index))] line \(index) of boot \(boot)\n"
                }
            }
        }
        let run = try F.run(text, options: LogImportOptions(maximumLineLength: 200))
        #expect(run.detection.format == .dmesg)
        #expect(run.allBytes == Array(text.utf8))
        #expect(run.chunks.count < 1_000, "beyond the 400-line sample, lines share chunks")
        #expect(run.chunks.allSatisfy { $0.time == 0 })
        #expect(run.chunks.map(\.sequence) == Array(0..<UInt64(run.chunks.count)))
        #expect(run.summary.lineCount == 3_000)
        #expect(run.summary.unstampedLines == 30)
        #expect(run.summary.warnings.contains("30 lines had no timestamp and took the previous line's time"))
        #expect(run.summary.warnings.contains { $0.contains("went backwards 2 times") })
        #expect(run.summary.warnings.contains("5 lines were longer than 200 bytes and came in pieces (nothing lost)"))
    }

    @Test("plain: whole-line chunks, an unterminated last line, blank lines")
    func plainInWholeLineChunks() throws {
        var text = ""
        for index in 0..<2_000 { text += index % 7 == 0 ? "\r\n" : "U-Boot line \(index)\r\n" }
        text += "last line without LF"
        let run = try F.run(text)
        #expect(run.detection.format == .plain)
        #expect(run.allBytes == Array(text.utf8))
        #expect(run.chunks.count < 1_000)
        #expect(run.summary.lineCount == 2_001)
        #expect(run.summary.byteCount == UInt64(text.utf8.count))
    }
}
