import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// The analysis benchmark's own log (Benchmarks/analysis/generate_log.py: U-Boot with and without
/// SPL, Linux, a shell session, WARNING splats and Oopses with findings in every boot) analyzed
/// and diagnosed on several threads gives exactly what one reading gives, cut at the pipeline's
/// own segment size and at every safe banner. The benchmark compares the two documents again at
/// every size it measures (`cmp` in run.sh); this is the same check at a size a unit test affords.
@Suite struct ParallelBootsBenchmarkLogTests {
    static let generator = RepositoryPaths.path("Benchmarks/analysis/generate_log.py")

    static func generate(megabytes: Int, seed: UInt64, into path: String) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else {
            throw TestFailure("python3 is missing: .ci/run installs it (its apt-get install of pkgs)")
        }
        _ = try ToolProcess.runCommandOutput(["/usr/bin/python3", generator, path, String(megabytes), String(seed)])
    }

    @Test func theBenchmarkLogGivesWhatOneReadingGives() throws {
        let seed = TestSeed.value("theBenchmarkLogGivesWhatOneReadingGives", fixed: 42)
        let directory = temporaryDirectory("parallel-benchmark-log")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/boot2.log"
        try Self.generate(megabytes: 2, seed: seed, into: path)
        let source = TimelineSource.logs([LogInput(path: path, consoleName: "a7")])
        let one = try ParallelBootsTests.outcome(source, jobs: 1)
        #expect(one.boots.count > 50, "the generator wrote \(one.boots.count) boots")
        #expect(one.diagnoses.contains { !$0.findings.isEmpty }, "no boot of the benchmark log has a finding")
        #expect(try ParallelBootsTests.segments(path, segmentBytes: 1 << 16) > 10)
        for segmentBytes in [1, 1 << 16, BootSplitter.defaultSegmentBytes] {
            for jobs in [2, 3] {
                let many = try ParallelBootsTests.outcome(source, jobs: jobs, segmentBytes: segmentBytes)
                #expect(many.boots == one.boots, "boots differ with \(jobs) threads, segments of \(segmentBytes) bytes")
                #expect(many.diagnoses == one.diagnoses, "diagnoses differ with \(jobs) threads, segments of \(segmentBytes) bytes")
                #expect(many.timeline == one.timeline, "timeline differs with \(jobs) threads, segments of \(segmentBytes) bytes")
                #expect(many.document == one.document, "analyze JSON differs with \(jobs) threads, segments of \(segmentBytes) bytes")
            }
        }
    }
}
