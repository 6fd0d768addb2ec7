import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// Seeded random logs built from stamp fragments of every format, labels and hostile bytes:
/// detection and import must not crash or hang, and must lose nothing but stamp prefixes. The one
/// byte the importer may change is the space a forum put between two kernel records, which becomes
/// a line end before the second record's stamp (JoinedPrintkRecords).
@Suite struct ImportFuzzTests {
    static let fragments: [[UInt8]] = [
        "[2026-11-25T08:52:00.403] ", "[2026-11-25 08:52:00.403] ", "[08:52:00.403] ", "[1795596720.403] ",
        "[    0.123456 0.000123] ", "[2026-11-25 08:51:56.664521 0.000123] ", "[08:51:56.664521] ",
        "Nov 25 08:52:00 ", "Dec 31 23:59:59.5 ", "00:00:05 ", "1795596716.664161 ", "12.5 ",
        "[    1.234567] ", "[ 36.046358] ", "[Wed Nov 25 08:52:00 2026] ", "[    1.234567] host kernel: ",
        "a7: ", "[m4] ", "A7| ", "CPU: ", "[", "]", ":", ".", " ", "9999999999.999999 ", "[2200-12-31 23:59:60.999]",
        "text", "RPMSG Init as Remote", "…", "\r\n", "\n", "\r", "\u{1B}[31m", "\0", "\u{FF}",
    ].map { Array($0.utf8) } + [[0xFF, 0xFE], [0xC3], [0x80, 0x80], [0x00, 0x00, 0x00]]

    /// 100,000 cases in four slices, so the slices run side by side instead of one ending the run.
    @Test(arguments: 0..<4)
    func randomLogsNeverCrashAndLoseOnlyPrefixes(slice: Int) throws {
        let base = TestSeed.value("ImportFuzzTests.randomLogsNeverCrashAndLoseOnlyPrefixes slice \(slice) (base; the slice uses base + slice)", fixed: 0xA4B5_C0DE)
        var random = SeededGenerator(state: base &+ UInt64(slice))
        var outcomes: [String: Int] = [:]
        for caseNumber in slice * 25_000..<(slice + 1) * 25_000 {
            var input: [UInt8] = []
            for _ in 0..<Int.random(in: 0...60, using: &random) {
                input += Self.fragments.randomElement(using: &random)!
            }
            let forced: LogFormat? = Bool.random(using: &random) ? nil : LogFormat.allCases.randomElement(using: &random)
            let cap = Int.random(in: 16...96, using: &random)
            let options = LogImportOptions(format: forced, maximumLineLength: cap)
            do {
                let chunks = try Self.importThroughPipe(input, options: options) { importer in
                    outcomes[importer.detection.format.rawValue, default: 0] += 1
                }
                let context = Comment(rawValue: "case \(caseNumber)")
                #expect(chunks.chunks.map(\.sequence) == Array(0..<UInt64(chunks.chunks.count)), context)
                #expect(zip(chunks.chunks, chunks.chunks.dropFirst()).allSatisfy { $0.time <= $1.time }, context)
                #expect(chunks.chunks.allSatisfy { $0.bytes.count <= cap }, context)
                #expect(chunks.summary.byteCount == UInt64(input.count), context)
                let output = chunks.chunks.flatMap(\.bytes)
                if chunks.summary.innerFormat == .plain || chunks.summary.innerFormat == .dmesg {
                    if chunks.summary.format != .merged { #expect(Self.isSameSplittingRecords(output, input), context) }
                }
                #expect(Self.isSubsequence(output, of: input), context)
            } catch let error as LogImportError {
                outcomes["error", default: 0] += 1
                guard case .unknownFormat = error else {
                    Issue.record("case \(caseNumber): unexpected \(error)")
                    continue
                }
            }
        }
        // The generator reaches detection of most formats, so the test exercises them all.
        #expect(outcomes.keys.count >= 6, "\(outcomes)")
    }

    struct Imported {
        var chunks: [Chunk]
        var summary: ImportedLog
    }

    static func importThroughPipe(_ input: [UInt8], options: LogImportOptions, detected: (LogImporter) -> Void) throws -> Imported {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw POSIXError(.EMFILE) }
        defer { close(fds[0]) }
        // Inputs stay far below the 64 KiB pipe buffer, so writing first cannot block.
        let written = input.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        guard written == input.count else { throw POSIXError(.EIO) }
        let importer = try LogImporter(fileDescriptor: fds[0], path: "<fuzz>", options: options)
        detected(importer)
        var chunks: [Chunk] = []
        let summary = try importer.importAll { chunks.append($0) }
        return Imported(chunks: chunks, summary: summary)
    }

    /// The input byte for byte, but for spaces that became LF before a kernel stamp.
    static func isSameSplittingRecords(_ output: [UInt8], _ input: [UInt8]) -> Bool {
        output.count == input.count && output.indices.allSatisfy { output[$0] == input[$0] || splits(output[$0], input, at: $0) }
    }

    /// `byte` stands for `large[index]`: the same byte, or a LF that was the space before a kernel stamp.
    static func splits(_ byte: UInt8, _ large: [UInt8], at index: Int) -> Bool {
        byte == 0x0A && large[index] == 0x20 && kernelStamp(in: large, at: index + 1)
    }

    /// `[`, spaces, digits, `.`, six digits, `]` at `start` (the kernel's printk time).
    static func kernelStamp(in bytes: [UInt8], at start: Int) -> Bool {
        var index = start
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return false }
        index += 1
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        let digits = index
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
        guard index > digits, index + 8 <= bytes.count, bytes[index] == UInt8(ascii: ".") else { return false }
        return bytes[(index + 1)...(index + 6)].allSatisfy { (0x30...0x39).contains($0) } && bytes[index + 7] == UInt8(ascii: "]")
    }

    static func isSubsequence(_ small: [UInt8], of large: [UInt8]) -> Bool {
        var index = 0
        for byte in small {
            while index < large.count && large[index] != byte && !splits(byte, large, at: index) { index += 1 }
            if index == large.count { return false }
            index += 1
        }
        return true
    }
}
