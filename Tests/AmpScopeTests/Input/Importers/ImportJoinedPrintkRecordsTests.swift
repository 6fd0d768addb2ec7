import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// A forum that joins a pasted dmesg into one line (samples/real/am65x-r5f-mbox-request-failed, TI E2E
/// thread 951530) hides every record but the first from the classifier: the importer splits the line at
/// each embedded printk stamp, so each record is a line of its own, and changes no other line.
@Suite("Import: kernel records joined into one line")
struct ImportJoinedPrintkRecordsTests {
    typealias F = ImportFixture

    /// The real log's first three records, joined as the forum printed them.
    static let joined = "[ 41.653628] remoteproc remoteproc18: powering up 41000000.r5f [ 41.653795] remoteproc remoteproc19: powering up 41400000.r5f [ 41.673325] remoteproc remoteproc18: can't start rproc 41000000.r5f: -16\n"
    static let records = [
        "[ 41.653628] remoteproc remoteproc18: powering up 41000000.r5f",
        "[ 41.653795] remoteproc remoteproc19: powering up 41400000.r5f",
        "[ 41.673325] remoteproc remoteproc18: can't start rproc 41000000.r5f: -16",
    ]

    static func lines(_ run: ImportRun) -> [String] {
        String(decoding: run.allBytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test("a joined line within the detection sample becomes one line per record, the same number of bytes")
    func joinedLineInTheSampleIsSplit() throws {
        let run = try F.run(Self.joined)
        #expect(Self.lines(run) == Self.records)
        #expect(run.allBytes.count == Self.joined.utf8.count, "the joining spaces became line ends: nothing added or lost")
        #expect(run.summary.lineCount == 3)
        #expect(run.summary.warnings.contains { $0.contains("2 kernel records were joined to the line before") })
    }

    @Test("a joined line after the detection sample (the whole-line chunk path) is split the same way")
    func joinedLineBeyondTheSampleIsSplit() throws {
        var text = ""
        for index in 0..<500 { text += "[\(String(format: "%5d.%06d", 1, index))] filler line \(index)\n" }
        text += Self.joined
        let run = try F.run(text)
        #expect(run.chunks.count < 500, "the lines after the sample went through the whole-line path")
        #expect(Array(Self.lines(run).suffix(3)) == Self.records)
        #expect(run.summary.lineCount == 503)
    }

    @Test("a joined line behind a host stamp (tio) is split after the stamp is removed", arguments: [
        "[2024-05-01 10:00:00.100] ",
    ])
    func joinedLineBehindHostStampIsSplit(_ hostStamp: String) throws {
        var text = ""
        for index in 0..<3 { text += "[2024-05-01 10:00:00.00\(index)] U-Boot line \(index)\n" }
        text += hostStamp + Self.joined
        let run = try F.run(text)
        #expect(run.detection.innerFormat == .tio)
        #expect(Array(Self.lines(run).suffix(3)) == Self.records)
    }

    @Test("lines that only look joined are left whole", arguments: [
        // A time in brackets inside the message that goes back in time is quoted, not a record.
        "[   41.653628] watchdog: last pet at [   40.000000] missed\n",
        // Only a line that starts with a record is split.
        "root@board:~# echo [   41.653628] done\n",
        // Brackets that are not a stamp (a driver tag, an address) and a stamp with no text after it.
        "[   41.653628] [drm] Initialized [ 0x1000] and [   42.000000]\n",
        // Five fraction digits are not the kernel's stamp.
        "[   41.653628] remoteproc: before [   42.00000] after\n",
    ])
    func lookalikesAreNotSplit(_ line: String) throws {
        let run = try F.run(line)
        #expect(String(decoding: run.allBytes, as: UTF8.self) == line)
        #expect(run.summary.lineCount == 1)
        #expect(!run.summary.warnings.contains { $0.contains("joined to the line before") })
    }

    @Test("the real sample's eight records are each read: can't start rproc is found on its own line")
    func realSampleRecordsAreRead() throws {
        let path = RepositoryPaths.path("samples/real/am65x-r5f-mbox-request-failed/a-core.log")
        let importer = try LogImporter(path: path, options: LogImportOptions(consoleName: "a7"))
        var bytes: [UInt8] = []
        let summary = try importer.importAll { bytes += $0.bytes }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(summary.lineCount == 8)
        #expect(lines.count == 8)
        #expect(lines.allSatisfy { $0.hasPrefix("[ 41.6") })
        #expect(lines.contains("[ 41.679723] remoteproc remoteproc19: can't start rproc 41400000.r5f: -16"))
    }
}
