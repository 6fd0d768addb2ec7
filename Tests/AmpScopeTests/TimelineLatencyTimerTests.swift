import Foundation
import Testing
@testable import AmpScope

/// A console read through a USB adapter with a 16 ms latency timer is placed ± 16 ms, not ± 1 ms.
@Suite struct TimelineLatencyTimerTests {
    @Test func adapterLatencyTimerSetsTheConsolesReadGranularity() throws {
        let directory = temporaryDirectory("latency-timer")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let anchor: UInt64 = 9_000_000_000_000
        let consoles = [
            ConsoleDescriptor(id: 0, name: "a7", kind: .application, port: "/dev/ttyUSB0", settings: SerialSettings(baud: 115_200),
                              adapter: SerialAdapter(node: "/dev/ttyUSB0", driver: "ftdi_sio", latencyTimer: 16)),
            ConsoleDescriptor(id: 1, name: "m4", kind: .microcontroller, port: "/dev/ttyUSB1", settings: SerialSettings(baud: 115_200),
                              adapter: SerialAdapter(node: "/dev/ttyUSB1", driver: "ftdi_sio", latencyTimer: 0)),
        ]
        let header = SessionHeader(toolVersion: "test", host: "test", monotonicAnchor: anchor, wallClockNanoseconds: 0, consoles: consoles, commandLine: [])
        let writer = try SessionWriter(directory: directory, header: header)
        let lines: [(UInt16, Double, String)] = [(0, 0, "U-Boot 2016.11 (Dec 07 2020 - 16:53:12 -0300)"), (1, 1, "RPMSG PingPong Demo..."), (0, 2, "Starting kernel ...")]
        for (sequence, line) in lines.enumerated() {
            writer.append(.chunk(Chunk(console: line.0, sequence: UInt64(sequence), time: anchor + UInt64(line.1 * 1e9), bytes: Array((line.2 + "\r\n").utf8))))
        }
        try writer.close()
        let boot = try #require(try TimelineAnalyzer.run(.session(directory: directory), classifier: try Classifier()).boots.first)
        // A7: the 16 ms timer; M4: a timer of 0 still means the 1 ms poll granularity.
        #expect(boot.lanes[0].firstLine?.placement.uncertainty == 16_000_000)
        #expect(boot.lanes[1].firstLine?.placement.uncertainty == 1_000_000)
        #expect(boot.alignment.uncertainty == 16_000_000)
        #expect(boot.alignment.statement.hasSuffix("± 16 ms"))
    }
}
