import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// `capture --board`: a profile's consoles, on real pseudo-terminals.
@Suite struct DevicesBoardProfileCaptureTests {
    @Test func captureWithABoardUsesItsConsoles() throws {
        let folder = temporaryDirectory("board-capture")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/ampscope", withIntermediateDirectories: true)
        let a7 = try TestPTY()
        let m4 = try TestPTY()
        try """
            boards:
              bench:
                baud: 921600
                consoles:
                  linux: { port: \(a7.slavePath), kind: application }
                  rtos: { port: \(m4.slavePath), baud: 9600, kind: microcontroller }
            """.write(toFile: folder + "/ampscope/boards.yaml", atomically: true, encoding: .utf8)
        let directory = folder + "/session"
        let capture = try ToolProcess(["capture", "--board", "bench", "-o", directory, "--duration", "1", "--quiet"],
                                      environment: ["XDG_CONFIG_HOME": folder])
        #expect(try capture.wait() == 0, "\(capture.standardError)")
        let header = try SessionReader(directory: directory).header
        #expect(header.consoles.map(\.name) == ["linux", "rtos"])
        #expect(header.consoles.map(\.port) == [a7.slavePath, m4.slavePath])
        #expect(header.consoles.map(\.settings.baud) == [921_600, 9600])
        #expect(header.consoles.map(\.kind) == [.application, .microcontroller])

        let missing = try ToolProcess.run(["capture", "--board", "nope", "-o", folder + "/none", "--quiet"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("No board profile named nope"), "\(missing.stderr)")
    }
}
