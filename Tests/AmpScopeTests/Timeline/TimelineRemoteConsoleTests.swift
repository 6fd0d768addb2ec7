import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// A console read over the network is placed with the network in its bound, and the
/// alignment statement says so; sessions from before remote consoles still decode.
@Suite struct TimelineRemoteConsoleTests {
    @Test func aRemoteConsolesBoundIncludesTheNetworkAndSer2netsBatching() throws {
        let consoles = [
            ConsoleDescriptor(id: 0, name: "a7", kind: .application, port: "rfc2217://lab-host-3:3001", settings: SerialSettings(baud: 115_200),
                              remote: RemoteLink(transport: "rfc2217", host: "lab-host-3", port: 3001, address: "10.0.0.3", connectMicroseconds: 2_000)),
            ConsoleDescriptor(id: 1, name: "m4", kind: .microcontroller, port: "/dev/ttyUSB1", settings: SerialSettings(baud: 115_200)),
        ]
        let boot = try TimelineHeaderFixture.firstBoot(consoles: consoles, label: "remote-bound")
        // 1 ms read granularity + the 2 ms connect round trip + ser2net's 20 ms chardelay.
        #expect(boot.lanes[0].firstLine?.placement.uncertainty == 23_000_000)
        #expect(boot.lanes[1].firstLine?.placement.uncertainty == 1_000_000)
        #expect(boot.alignment.uncertainty == 23_000_000)
        #expect(boot.alignment.statement.contains("± 23 ms"))
        #expect(boot.alignment.statement.contains("a7 (rfc2217://lab-host-3:3001) read over the network"), "\(boot.alignment.statement)")
    }

    @Test func aHeaderWithoutRemoteFieldsStillDecodes() throws {
        let old = #"{"id":0,"name":"a7","kind":"application","port":"/dev/ttyUSB0","settings":{"baud":115200,"dataBits":8,"parity":"none","stopBits":1,"flowControl":"none","keepModemLines":true}}"#
        let console = try JSONDecoder().decode(ConsoleDescriptor.self, from: Data(old.utf8))
        #expect(console.remote == nil)
        let new = try JSONEncoder().encode(ConsoleDescriptor(
            id: 0, name: "a7", kind: .application, port: "tcp://[::1]:4001", settings: SerialSettings(),
            remote: RemoteLink(transport: "tcp", host: "::1", port: 4001, address: "::1", connectMicroseconds: 80)))
        #expect(try JSONDecoder().decode(ConsoleDescriptor.self, from: new).remote?.connectMicroseconds == 80)
    }

    @Test func theReportSaysAConsoleWasReadOverTheNetwork() {
        let descriptor = ConsoleDescriptor(
            id: 0, name: "a7", kind: .application, port: "rfc2217://lab-host-3:3001", settings: SerialSettings(),
            remote: RemoteLink(transport: "rfc2217", host: "lab-host-3", port: 3001, address: "10.0.0.3", connectMicroseconds: 400))
        let console = ReportConsole(TimelineConsole(id: 0, name: "a7", kind: .application), descriptor: descriptor)
        #expect(ReportText.consoleLine(console)
                == "rfc2217://lab-host-3:3001, 115200 baud, read over the network through ser2net (RFC 2217): its times include the network delay")
        let local = ReportConsole(TimelineConsole(id: 1, name: "m4", kind: .microcontroller),
                                  descriptor: ConsoleDescriptor(id: 1, name: "m4", kind: .microcontroller, port: "/dev/ttyUSB1", settings: SerialSettings()))
        #expect(local.remote == nil)
        #expect(ReportText.consoleLine(local).hasSuffix("no USB adapter identified"))
    }
}
