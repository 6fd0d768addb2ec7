import Foundation
import Testing
@testable import AmpScope

/// How `analyze DIR...` names a session's board: the capture's command line, then a board
/// profile with the same ports, then the path.
@Suite struct BoardNamingTests {
    static func header(_ commandLine: [String], ports: [String] = ["/dev/ttyUSB0"], serial: String? = nil) -> SessionHeader {
        let consoles = ports.enumerated().map { index, port in
            var console = ConsoleDescriptor(id: UInt16(index), name: index == 0 ? "a7" : "m4", kind: index == 0 ? .application : .microcontroller,
                                            port: port, settings: SerialSettings(baud: 115200))
            if let serial, index == 0 { console.adapter = SerialAdapter(node: port, serial: serial) }
            return console
        }
        return SessionHeader(toolVersion: "0.1.0", host: "lab", monotonicAnchor: 1, wallClockNanoseconds: 1, consoles: consoles, commandLine: commandLine)
    }

    static let input = FarmInput(path: "/srv/farm/night/colibri-7.run-3", kind: .session)

    @Test(arguments: [
        (["ampscope", "capture", "--board", "colibri-3", "-o", "x"], "colibri-3"),
        (["ampscope", "capture", "--board=verdin-1"], "verdin-1"),
        (["ampscope", "capture", "--place", "lab-colibri-2", "--acquire"], "lab-colibri-2"),
        (["ampscope", "capture", "--a7", "labgrid:stm32-4/uart-a", "--m4", "labgrid:stm32-4/uart-m"], "stm32-4"),
        (["ampscope", "capture", "--console", "a7=labgrid:k3-1/main,115200"], "k3-1"),
    ])
    func theCaptureCommandLineNamesTheBoard(_ commandLine: [String], _ board: String) {
        #expect(BoardNaming.name(of: Self.input, header: Self.header(commandLine), profiles: []) == BoardName(name: board, source: .sessionHeader))
    }

    @Test func aProfileWithTheSessionsPortsNamesItElseThePath() throws {
        let profiles = try BoardProfiles.parse("""
            boards:
              colibri-imx7:
                consoles:
                  a7: { port: "serial:A50285BI" }
                  m4: { port: "/dev/ttyUSB1" }
              other:
                consoles:
                  a7: { port: "/dev/ttyACM0" }
            """, file: "boards.yaml")
        let plain = ["ampscope", "capture", "--a7", "/dev/ttyUSB0", "--m4", "/dev/ttyUSB1"]
        let matching = Self.header(plain, ports: ["/dev/ttyUSB0", "/dev/ttyUSB1"], serial: "A50285BI")
        #expect(BoardNaming.name(of: Self.input, header: matching, profiles: profiles) == BoardName(name: "colibri-imx7", source: .boardProfile))
        // One port of the profile missing: not that board.
        let partial = Self.header(plain, ports: ["/dev/ttyUSB0", "/dev/ttyUSB1"])
        #expect(BoardNaming.name(of: Self.input, header: partial, profiles: profiles) == BoardName(name: "colibri-7", source: .path))
    }

    @Test func thePathGivesTheBoardFolderOrTheNameUpToItsFirstDot() {
        let nested = FarmInput(path: "/srv/farm/colibri-3/2026-12-01/run-17", kind: .session, boardFolder: "colibri-3")
        #expect(BoardNaming.name(of: nested, header: nil, profiles: []).name == "colibri-3")
        let log = FarmInput(path: "/srv/logs/verdin-1.night-4.log", kind: .log)
        #expect(BoardNaming.name(of: log, header: nil, profiles: []).name == "verdin-1")
        let given = FarmInput(path: "boot5", kind: .session)
        #expect(BoardNaming.name(of: given, header: nil, profiles: []).name == "boot5")
    }
}
