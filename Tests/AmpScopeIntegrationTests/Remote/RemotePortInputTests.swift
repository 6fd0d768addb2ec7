import CAmpScopeShims
import Foundation
import Testing
@testable import AmpScope
#if canImport(Glibc)
import Glibc
#endif
@testable import AmpScopeTestSupport

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
        var buffer = [UInt8](repeating: 0, count: 4096)
        try waitUntil("\(mode): all \(typed.count) typed bytes reach the board (\(received.count) so far)") {
            port.flushOutput()
            // Read (and answer) the telnet side too, as the capture loop does.
            _ = buffer.withUnsafeMutableBytes { port.read(into: $0) }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(board.master, $0.baseAddress, $0.count) }
            if count > 0 { received += buffer[0..<count] }
            return received.count >= typed.count
        }
        #expect(received == typed, "\(mode): \(received.count) of \(typed.count) bytes reached the board")
    }

    /// The whole path a user's keys take: a terminal on the capture's stdin, the keyboard router,
    /// the capture loop, RFC 2217 escaping, ser2net, the board's UART.
    @Test func keysTypedIntoTheCaptureReachARemoteBoard() throws {
        let board = try TestPTY()
        let ser2net = try Ser2netProcess([(.rfc2217, board.slavePath)])
        var master: Int32 = -1
        var slave: Int32 = -1
        var name = [CChar](repeating: 0, count: 128)
        try #require(ampscope_open_pty(&master, &slave, &name, name.count) == 0)
        defer { close(master) }
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)  // draining the screen must never block
        let directory = temporaryDirectory("remote-keys")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let capture = Process()
        capture.executableURL = ToolProcess.executable
        capture.arguments = ["capture", "--a7", ser2net.exports[0].selector, "-o", directory, "--until", "a7:KEYS-ARRIVED"]
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        capture.standardInput = terminal
        capture.standardOutput = terminal
        capture.standardError = terminal
        try capture.run()
        try board.waitUntilOpened()
        // Keys are taken once the console is up: ser2net has confirmed its settings.
        try waitForRecord(directory, "ser2net confirmed the a7 settings") { $0.console == 0 && $0.kind == .settingsApplied && $0.detail?.contains("the server set") == true }
        let typed = Array("bootaux 0x7F8000\r".utf8) + [0xFF, 0x41, 0xFF, 0xFF]
        _ = typed.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        try waitUntil("the typed keys reach the board (\(received.count) of \(typed.count) bytes)") {
            var entries = [pollfd(fd: board.master, events: Int16(POLLIN), revents: 0), pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
            _ = poll(&entries, 2, 100)
            // Keep the capture's screen drained so its writes never block.
            if entries[1].revents & Int16(POLLIN) != 0 { _ = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) } }
            if entries[0].revents & Int16(POLLIN) != 0 {
                let count = buffer.withUnsafeMutableBytes { read(board.master, $0.baseAddress, $0.count) }
                if count > 0 { received += buffer[0..<count] }
            }
            return received.count >= typed.count
        }
        #expect(received == typed, "the board got \(received), typed \(typed)")
        // The board answers, and its answer ends the capture.
        try board.write("KEYS-ARRIVED\r\n")
        try waitUntil("the capture exits after the board's answer") {
            _ = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            return !capture.isRunning
        }
        #expect(capture.terminationStatus == 0)
        let input = Array(try SessionReader(directory: directory)).compactMap { record -> [UInt8]? in
            if case .control(let control) = record, control.kind == .input { return control.bytes }
            return nil
        }
        #expect(input.flatMap { $0 } == typed, "the session records what was typed")
    }

    /// A PTY ignores a break (its driver has no break_ctl), so what is checked is that ser2net
    /// got both requests: it answers SET-CONTROL break on, and again when break off is sent
    /// 250 ms later. (ser2net 4.3.11 answers break off with "on" too — measured by hand with a
    /// plain socket, so the records say what the server reports, not what was asked.)
    @Test func aBreakGoesToSer2netOverRfc2217() throws {
        let board = try TestPTY()
        let ser2net = try Ser2netProcess([(.rfc2217, board.slavePath)])
        let port = try RemotePort.connect(try RemoteEndpoint.parse(ser2net.exports[0].selector), settings: SerialSettings())
        defer { port.close() }
        try board.waitUntilOpened()
        let before = MonotonicClock.now()
        try port.sendBreakCondition()
        let sent = MonotonicClock.now()
        let end = try #require(port.deadline)
        #expect(end >= before + RemotePort.breakDuration && end <= sent + RemotePort.breakDuration)
        var notices: [RemoteNotice] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var breakReplies: [UInt64] = []
        try waitUntil("ser2net answers break on and break off (\(breakReplies.count) answers so far)") {
            port.service(now: MonotonicClock.now())
            _ = buffer.withUnsafeMutableBytes { port.read(into: $0) }
            let new = port.takeNotices()
            for notice in new where notice == .lineState(Rfc2217Negotiation.breakReply(on: true)) || notice == .lineState(Rfc2217Negotiation.breakReply(on: false)) {
                breakReplies.append(MonotonicClock.now())
            }
            notices += new
            return breakReplies.count >= 2
        }
        #expect(breakReplies.count == 2, "\(notices)")
        // Break off goes out only at the end of the break, so its answer comes after it.
        #expect(breakReplies[1] >= end, "the answer to break off came \(Int64(bitPattern: end &- breakReplies[1])) ns before the break's end")
        #expect(!notices.contains { if case .settingDiffers = $0 { return true } else { return false } }, "\(notices)")
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
