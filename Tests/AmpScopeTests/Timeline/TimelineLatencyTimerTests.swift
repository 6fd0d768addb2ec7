import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// A console read through a USB adapter with a 16 ms latency timer is placed ± 16 ms, not ± 1 ms.
@Suite struct TimelineLatencyTimerTests {
    @Test func adapterLatencyTimerSetsTheConsolesReadGranularity() throws {
        let consoles = [
            ConsoleDescriptor(id: 0, name: "a7", kind: .application, port: "/dev/ttyUSB0", settings: SerialSettings(baud: 115_200),
                              adapter: SerialAdapter(node: "/dev/ttyUSB0", driver: "ftdi_sio", latencyTimer: 16)),
            ConsoleDescriptor(id: 1, name: "m4", kind: .microcontroller, port: "/dev/ttyUSB1", settings: SerialSettings(baud: 115_200),
                              adapter: SerialAdapter(node: "/dev/ttyUSB1", driver: "ftdi_sio", latencyTimer: 0)),
        ]
        let boot = try TimelineHeaderFixture.firstBoot(consoles: consoles, label: "latency-timer")
        // A7: the 16 ms timer; M4: a timer of 0 still means the 1 ms poll granularity.
        #expect(boot.lanes[0].firstLine?.placement.uncertainty == 16_000_000)
        #expect(boot.lanes[1].firstLine?.placement.uncertainty == 1_000_000)
        #expect(boot.alignment.uncertainty == 16_000_000)
        #expect(boot.alignment.statement.hasSuffix("± 16 ms"))
    }
}
