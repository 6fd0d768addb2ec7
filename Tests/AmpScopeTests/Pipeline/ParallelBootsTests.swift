import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// Boots analyzed on several threads give exactly what one reading gives: the same boots (every
/// field), the same diagnoses, the same consoles at each boot's end, the same timeline and the
/// same `analyze --format json` document, on every sample and on generated multi-boot logs cut
/// into many segments (a segment of one byte cuts at every banner the splitter finds safe).
@Suite struct ParallelBootsTests {
    static let classifier = try! Classifier()
    static let diagnoser = try! Diagnoser.builtin()

    /// Everything the pipeline hands out for `source`, and the analyze document written from it.
    struct Outcome: Equatable {
        var boots: [BootTimeline] = []
        var diagnoses: [BootDiagnosis] = []
        var consoles: [[TimelineConsole]] = []
        var timeline: Timeline?
        var bootCount = 0
        var document = ""
    }

    static func outcome(_ source: TimelineSource, jobs: Int, segmentBytes: Int = 1, selection: BootSelection? = nil) throws -> Outcome {
        var pipeline = BootPipeline(classifier: classifier, diagnoser: diagnoser, jobs: jobs)
        pipeline.segmentBytes = segmentBytes
        var outcome = Outcome()
        var document = ""
        var report = AnalysisResultWriter(format: .json) { document += $0 }
        let (timeline, count) = try pipeline.run(source, selection: selection) { boot in
            outcome.boots.append(boot.timeline)
            outcome.diagnoses.append(boot.diagnosis!)
            outcome.consoles.append(boot.consoles)
            try report.add(boot.timeline, diagnosis: boot.diagnosis!, consoles: boot.consoles)
        }
        try report.finish(consoles: timeline.consoles, warnings: timeline.warnings)
        outcome.timeline = timeline
        outcome.bootCount = count
        outcome.document = document
        return outcome
    }

    /// How many segments the splitter cuts the log into, read as the pipeline reads it.
    static func segments(_ path: String, segmentBytes: Int = 1) throws -> Int {
        let stream = try ChunkStream(.logs([LogInput(path: path, consoleName: "a7")]))
        var splitter = BootSplitter(classifier: classifier, console: stream.consoles[0], segmentBytes: segmentBytes)
        var count = 1
        while case .chunk(let chunk)? = try stream.next() {
            if splitter.cut(chunk) != nil { count += 1 }
        }
        return count
    }

    static func expectSame(_ source: TimelineSource, _ label: String, segmentBytes: Int = 1) throws {
        let one = try outcome(source, jobs: 1)
        for jobs in [2, 3] {
            let many = try outcome(source, jobs: jobs, segmentBytes: segmentBytes)
            #expect(many.boots == one.boots, "\(label): boots differ with \(jobs) threads")
            #expect(many.diagnoses == one.diagnoses, "\(label): diagnoses differ with \(jobs) threads")
            #expect(many.consoles == one.consoles, "\(label): consoles differ with \(jobs) threads")
            #expect(many.timeline == one.timeline, "\(label): timeline differs with \(jobs) threads")
            #expect(many.bootCount == one.bootCount && many.document == one.document, "\(label): analyze JSON differs with \(jobs) threads")
        }
    }

    @Test(arguments: RealSampleCatalogue.sampleNames())
    func everyRealSampleGivesWhatOneReadingGives(_ name: String) throws {
        let logs = RealSampleCatalogue.logs(name)
        for log in logs {
            try Self.expectSame(.logs([LogInput(path: log.path, consoleName: log.console)]), "\(name) \(log.console)")
        }
        if logs.count > 1 {
            try Self.expectSame(.logs(logs.map { LogInput(path: $0.path, consoleName: $0.console) }), "\(name) both")
        }
    }

    /// Each board sample as its session (read in one go) and as its A-core's text log (cut).
    @Test(arguments: SampleCatalogue.sampleNames())
    func everyBoardSampleGivesWhatOneReadingGives(_ name: String) throws {
        let directory = temporaryDirectory("parallel-\(name)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = directory + "/session"
        let header = try BoardScript(contentsOf: SampleCatalogue.path(name, "board.board")).compile(to: session)
        try Self.expectSame(.session(directory: session), "\(name) session")
        for console in header.consoles {
            let log = directory + "/\(console.name).log"
            #expect(FileManager.default.createFile(atPath: log, contents: nil))
            let handle = try #require(FileHandle(forWritingAtPath: log))
            _ = try SessionExporter(directory: session).exportText(console: console.name, clock: .relative, to: handle.fileDescriptor)
            try handle.close()
            try Self.expectSame(.logs([LogInput(path: log, consoleName: console.name)]), "\(name) \(console.name).log")
        }
    }

    @Test func generatedMultiBootLogsAreCutAndGiveWhatOneReadingGives() throws {
        var random = TestSeed.generator("generatedMultiBootLogsAreCutAndGiveWhatOneReadingGives")
        let directory = temporaryDirectory("parallel-generated")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for round in 0..<6 {
            let path = directory + "/soak\(round).log"
            let boots = Int.random(in: 5...40, using: &random)
            try Data(MultiBootLog.make(boots: boots, using: &random).utf8).write(to: URL(fileURLWithPath: path))
            let segments = try Self.segments(path)
            #expect(segments > 1, "round \(round): the splitter found no safe banner in \(boots) boots")
            for segmentBytes in [1, 4096] {
                try Self.expectSame(.logs([LogInput(path: path, consoleName: "a7")]), "round \(round) (\(segments) segments)", segmentBytes: segmentBytes)
            }
            for selection in [BootSelection.last, .number(boots / 2 + 1)] {
                let one = try Self.outcome(.logs([LogInput(path: path, consoleName: "a7")]), jobs: 1, selection: selection)
                let many = try Self.outcome(.logs([LogInput(path: path, consoleName: "a7")]), jobs: 2, selection: selection)
                #expect(one == many, "round \(round): --boot \(selection) differs")
            }
        }
    }

    @Test func aLogWithoutAnyBannerIsReadWholeByOneThread() throws {
        let directory = temporaryDirectory("parallel-nobanner")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/kernel.log"
        let lines = (0..<5000).map { String(format: "[%5d.%06d] random: crng init step %d", $0 / 100, ($0 % 100) * 10_000, $0) }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        #expect(try Self.segments(path) == 1)
        try Self.expectSame(.logs([LogInput(path: path, consoleName: "a7")]), "no banner")
    }

    struct Refused: Error {}

    /// A renderer that fails part way stops every thread and the error comes back; nothing hangs.
    @Test func anErrorFromTheConsumerStopsTheRun() throws {
        var random = TestSeed.generator("anErrorFromTheConsumerStopsTheRun", fixed: 7)
        let directory = temporaryDirectory("parallel-error")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/soak.log"
        try Data(MultiBootLog.make(boots: 60, using: &random).utf8).write(to: URL(fileURLWithPath: path))
        var pipeline = BootPipeline(classifier: Self.classifier, diagnoser: nil, jobs: 2)
        pipeline.segmentBytes = 1
        var seen = 0
        #expect(throws: TimelineError.self) {
            _ = try pipeline.run(.logs([LogInput(path: path, consoleName: "a7")])) { _ in
                seen += 1
                if seen == 5 { throw Refused() }
            }
        }
        #expect(seen == 5)
    }
}

/// A console log of many boots with what makes cutting it hard: SPL and U-Boot banners with and
/// without a blank line before them, a U-Boot banner right after its SPL's, a kernel restart with
/// no banner, a hand-over with no banner, CR LF and lone CR endings, a banner quoted inside a
/// kernel line, a banner with no kernel before it, and lines longer than the line splitter's cap.
enum MultiBootLog {
    static func make(boots: Int, using random: inout SeededGenerator) -> String {
        var out = ""
        var ending = "\n"
        func line(_ text: String) { out += text + ending }
        for boot in 0..<boots {
            ending = Int.random(in: 0..<8, using: &random) == 0 ? "\r\n" : "\n"
            let style = Int.random(in: 0..<10, using: &random)
            if style < 7 || boot == 0 {
                if Bool.random(using: &random) { line("") }
                if Int.random(in: 0..<3, using: &random) == 0 {
                    line("U-Boot SPL 2018.03-2.1.0 (Jun 12 2019 - 10:11:12 +0000)")
                    line("Trying to boot from MMC1")
                    if Bool.random(using: &random) { line("") }
                }
                line("U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)")
                line("Model: Toradex Colibri iMX7 Dual 512MB V1.1D, Serial# 1872846\(boot % 10)")
                line("## Starting auxiliary core at 0x1FFF8347 ...")
                if Int.random(in: 0..<6, using: &random) == 0 {
                    line("U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)")
                }
                line("Starting kernel ...")
                line("")
            } else if style == 7 {
                line("Starting kernel ...")
            }
            // style 8 and 9: the kernel restarts with no banner and no hand-over.
            var time = Int.random(in: 0...2, using: &random) * 1000
            for index in 0..<Int.random(in: 20...200, using: &random) {
                time += Int.random(in: 1...400_000, using: &random)
                let stamp = String(format: "[%5d.%06d] ", time / 1_000_000, time % 1_000_000)
                switch Int.random(in: 0..<60, using: &random) {
                case 0: line(stamp + "imx_rpmsg 30a00000.rpmsg: virtio_rpmsg_bus creating channel rpmsg-tty addr 0x1e")
                case 1: line(stamp + "echo U-Boot 2016.11 (quoted inside a kernel line)")
                case 2: out += stamp + "clk: Disabling unused clocks\r"
                case 3: line(stamp + String(repeating: "x", count: Int.random(in: 65_530...65_540, using: &random)))
                case 4: line("login: root (no printk time)")
                case 5: line(stamp + "------------[ cut here ]------------")
                case 6: line(stamp + "WARNING: CPU: 0 PID: 1 at drivers/clk/clk.c:123 clk_disable+0x10/0x20")
                default: line(stamp + "imx-sdma 30bd0000.sdma: loaded firmware 4.2 line \(index)")
                }
            }
            if Bool.random(using: &random) { line("[\(time / 1_000_000 + 1).000000] reboot: Restarting system") }
            if Int.random(in: 0..<8, using: &random) == 0 { line("some shell output after the kernel") }
        }
        return out
    }
}
