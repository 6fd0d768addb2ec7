import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// A three-line boot (U-Boot banner, M4 banner, Starting kernel) written as a session with the
/// given consoles' header, and its first boot analyzed: for tests of what the header alone
/// changes in the timeline (latency timers, remote consoles).
enum TimelineHeaderFixture {
    static let anchor: UInt64 = 9_000_000_000_000

    static func firstBoot(consoles: [ConsoleDescriptor], label: String) throws -> BootTimeline {
        let directory = temporaryDirectory(label)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let header = SessionHeader(toolVersion: "test", host: "test", monotonicAnchor: anchor, wallClockNanoseconds: 0, consoles: consoles, commandLine: [])
        let writer = try SessionWriter(directory: directory, header: header)
        let lines: [(UInt16, Double, String)] = [(0, 0, "U-Boot 2016.11 (Dec 07 2020 - 16:53:12 -0300)"), (1, 1, "RPMSG PingPong Demo..."), (0, 2, "Starting kernel ...")]
        for (sequence, line) in lines.enumerated() {
            writer.append(.chunk(Chunk(console: line.0, sequence: UInt64(sequence), time: anchor + UInt64(line.1 * 1e9), bytes: Array((line.2 + "\r\n").utf8))))
        }
        try writer.close()
        return try #require(try TimelineAnalyzer.run(.session(directory: directory), classifier: try Classifier()).boots.first)
    }
}
