import Foundation
import Testing
@testable import AmpScope
#if canImport(Glibc)
import Glibc
#endif

/// Keys typed into a remote console reach the board unchanged: through a real ser2net, in
/// RFC 2217 mode (0xFF escaped on the way) and raw mode, every byte value.
@Suite(.serialized) struct RemotePortInputTests {
    @Test(arguments: [Ser2netProcess.Mode.rfc2217, .raw])
    func typedBytesReachTheBoardExactly(mode: Ser2netProcess.Mode) throws {
        let board = try TestPTY()
        let ser2net = try Ser2netProcess([(mode, board.slavePath)])
        let endpoint = try RemoteEndpoint.parse(ser2net.exports[0].selector)
        let port = try RemotePort.connect(endpoint, settings: SerialSettings())
        defer { port.close() }
        try board.waitUntilOpened()
        let typed = (0...255).map(UInt8.init) + [0xFF, 0xFF, 0xFA, 0xFF, 0xF0] + Array("bootaux 0x7F8000\r".utf8)
        let accepted = try typed.withUnsafeBytes { try port.sendInput($0) }
        #expect(accepted == typed.count)
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(10)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.count < typed.count && Date() < deadline {
            port.flushOutput()
            // Read (and answer) the telnet side too, as the capture loop does.
            _ = buffer.withUnsafeMutableBytes { port.read(into: $0) }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(board.master, $0.baseAddress, $0.count) }
            if count > 0 { received += buffer[0..<count] } else { usleep(5_000) }
        }
        #expect(received == typed, "\(mode): \(received.count) of \(typed.count) bytes reached the board")
    }

    @Test func aBreakNeedsRfc2217() throws {
        let board = try TestPTY()
        let ser2net = try Ser2netProcess([(.raw, board.slavePath)])
        let port = try RemotePort.connect(try RemoteEndpoint.parse(ser2net.exports[0].selector), settings: SerialSettings())
        defer { port.close() }
        #expect(throws: ConsolePortError.self) { try port.sendBreakCondition() }
        do {
            try port.sendBreakCondition()
        } catch {
            #expect(error.description.contains("telnet(rfc2217)"))
        }
    }
}
