import CAmpScopeShims
import Foundation
import Glibc
import Testing

@testable import AmpScope
@testable import AmpScopeTestSupport

/// SerialPort on real pseudo-terminals: the test keeps the master (the board's side) and checks
/// the slave's termios through its own descriptor.
@Suite struct SerialPortTests {
    /// The PTY starts cooked (ICANON, ECHO, ICRNL, OPOST); add HUPCL so clearing it is visible.
    private func cookedWithHangup(_ terminal: SerialTestPTY) throws {
        var attributes = try terminal.slaveAttributes()
        attributes.c_cflag |= tcflag_t(HUPCL)
        attributes.c_lflag |= tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        attributes.c_iflag |= tcflag_t(ICRNL | IXON | BRKINT)
        attributes.c_oflag |= tcflag_t(OPOST)
        try terminal.setSlaveAttributes(attributes)
    }

    @Test(arguments: [115_200, 1_500_000, 250_000, 3_000_001])
    func appliesRawModeAndReadsBackTheBaud(rate: Int) throws {
        let terminal = try SerialTestPTY()
        try cookedWithHangup(terminal)
        let port = try SerialPort.open(path: terminal.slavePath, settings: SerialSettings(baud: rate))
        defer { port.close() }

        let attributes = try terminal.slaveAttributes()
        #expect(attributes.c_lflag & tcflag_t(ICANON | ECHO | ECHONL | ISIG | IEXTEN) == 0)
        #expect(attributes.c_oflag & tcflag_t(OPOST) == 0)
        #expect(attributes.c_iflag & tcflag_t(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON | INPCK) == 0)
        #expect(attributes.c_cflag & tcflag_t(CSIZE) == tcflag_t(CS8))
        #expect(attributes.c_cflag & (tcflag_t(PARENB | CSTOPB | HUPCL) | CRTSCTS) == 0)
        #expect(attributes.c_cflag & tcflag_t(CLOCAL | CREAD) == tcflag_t(CLOCAL | CREAD))
        #expect(controlCharacter(attributes, VMIN) == 1)
        #expect(controlCharacter(attributes, VTIME) == 0)
        let baud = try terminal.slaveBaud()
        #expect(baud.input == rate)
        #expect(baud.output == rate)
        #expect(port.actualBaud == rate)
        #expect(
            port.appliedDescription
                == "\(rate) 8N1, raw, CLOCAL, HUPCL off; DTR/RTS untouched (this device reports no modem lines); "
                + "locked (flock + TIOCEXCL)")
        #expect(try KernelTermios.read(terminal.slavePath).exclusive)
        // The descriptor is non-blocking, as the poll loop needs.
        #expect(fcntl(port.fileDescriptor, F_GETFL) & O_NONBLOCK != 0)
    }

    @Test func twoStopBitsAndHardwareFlowControlAreApplied() throws {
        let terminal = try SerialTestPTY()
        let settings = SerialSettings(baud: 921_600, stopBits: 2, flowControl: .hardware)
        let port = try SerialPort.open(path: terminal.slavePath, settings: settings)
        defer { port.close() }
        let attributes = try terminal.slaveAttributes()
        #expect(attributes.c_cflag & CRTSCTS != 0)
        #expect(attributes.c_cflag & tcflag_t(CSTOPB) != 0)
        #expect(attributes.c_iflag & tcflag_t(IXON | IXOFF) == 0)
        #expect(port.appliedDescription.hasPrefix("921600 8N2 rtscts, raw, CLOCAL, HUPCL off;"))
    }

    @Test func softwareFlowControlSetsXonXoffAndItsCharacters() throws {
        let terminal = try SerialTestPTY()
        let port = try SerialPort.open(path: terminal.slavePath, settings: SerialSettings(flowControl: .software))
        defer { port.close() }
        let attributes = try terminal.slaveAttributes()
        #expect(attributes.c_iflag & tcflag_t(IXON | IXOFF) == tcflag_t(IXON | IXOFF))
        #expect(attributes.c_iflag & tcflag_t(IXANY) == 0)
        #expect(controlCharacter(attributes, VSTART) == 0x11)
        #expect(controlCharacter(attributes, VSTOP) == 0x13)
        #expect(attributes.c_cflag & CRTSCTS == 0)
    }

    /// Linux's pty driver forces CS8 and no parity (pty_set_termios), so 7E2 on a PTY is a real
    /// example of a driver that accepts tcsetattr yet keeps other settings.
    @Test func settingsTheDriverSilentlyChangesAreReportedAndUndone() throws {
        let terminal = try SerialTestPTY()
        try cookedWithHangup(terminal)
        let before = try terminal.slaveAttributes()
        let settings = SerialSettings(dataBits: 7, parity: .even, stopBits: 2)
        #expect(throws: SerialError.unsupportedSettings(path: terminal.slavePath, detail: "asked for 7E2, the driver set 8N2")) {
            try SerialPort.open(path: terminal.slavePath, settings: settings)
        }
        let after = try terminal.slaveAttributes()
        #expect(after.c_lflag == before.c_lflag)
        #expect(after.c_iflag == before.c_iflag)
        #expect(after.c_cflag == before.c_cflag & ~tcflag_t(HUPCL))
        // The failed attempt released its lock.
        let port = try SerialPort.open(path: terminal.slavePath, settings: SerialSettings())
        port.close()
    }

    @Test func impossibleSettingsAreRefusedBeforeTouchingThePort() throws {
        let terminal = try SerialTestPTY()
        let before = try terminal.slaveAttributes()
        #expect(throws: SerialError.unsupportedSettings(path: terminal.slavePath, detail: "9 data bits (5 to 8 are possible)")) {
            try SerialPort.open(path: terminal.slavePath, settings: SerialSettings(dataBits: 9))
        }
        #expect(throws: SerialError.unsupportedSettings(path: terminal.slavePath, detail: "3 stop bits (1 or 2 are possible)")) {
            try SerialPort.open(path: terminal.slavePath, settings: SerialSettings(stopBits: 3))
        }
        #expect(throws: SerialError.unsupportedSettings(path: terminal.slavePath, detail: "a baud rate of 0")) {
            try SerialPort.open(path: terminal.slavePath, settings: SerialSettings(baud: 0))
        }
        #expect(try terminal.slaveAttributes().c_lflag == before.c_lflag)
    }

    @Test func bytesFromTheBoardArriveExactly() throws {
        let terminal = try SerialTestPTY()
        try cookedWithHangup(terminal)
        let port = try SerialPort.open(path: terminal.slavePath, settings: SerialSettings())
        defer { port.close() }

        var buffer = [UInt8](repeating: 0, count: 8192)
        #expect(buffer.withUnsafeMutableBytes { port.read(into: $0) } == .wouldBlock)

        // NUL, 0xFF (doubled by PARMRK), CR alone (ICRNL), ^C (ISIG), XON/XOFF (IXON), DEL and
        // ^V (ICANON/IEXTEN), then every byte value, twice.
        let special: [UInt8] = [0x00, 0xFF, 0x0D, 0x41, 0x0D, 0x03, 0x11, 0x13, 0x7F, 0x16, 0x1A, 0x0A]
        let sent = special + Array(0...255) + Array((0...255).reversed())
        try terminal.writeToMaster(sent)

        var received: [UInt8] = []
        let deadline = SerialTestDeadline(seconds: hangDeadline)
        while received.count < sent.count && !deadline.passed {
            guard serialTestWaitReadable(port.fileDescriptor, milliseconds: 200) else { continue }
            let result = buffer.withUnsafeMutableBytes { port.read(into: $0) }
            switch result {
            case .bytes(let count): received += buffer[0..<count]
            case .wouldBlock: continue
            case .hangup(let reason): Issue.record("unexpected hangup: \(reason)"); return
            }
        }
        #expect(received == sent)
        #expect(buffer.withUnsafeMutableBytes { port.read(into: $0) } == .wouldBlock)
        // ECHO is off: the first byte the board gets back is one the port sent after all of
        // that, not an echo of what the board sent.
        let sentinel: [UInt8] = [0xA5]
        #expect(try sentinel.withUnsafeBytes { try port.write($0) } == 1)
        #expect(terminal.readFromMaster(count: 1) == sentinel, "the board got bytes back before the port's own")
    }

    /// Four MiB of every byte value, written by another thread faster than a UART could, arrive
    /// complete and in order through the non-blocking read.
    @Test func aLongBurstArrivesWithoutLoss() throws {
        let terminal = try SerialTestPTY()
        let port = try SerialPort.open(path: terminal.slavePath, settings: SerialSettings(baud: 3_000_000))
        defer { port.close() }
        let sent = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 11) }
        let master = terminal.master
        let writer = Thread {
            var offset = 0
            while offset < sent.count {
                let written = sent[offset...].withUnsafeBytes { write(master, $0.baseAddress, min($0.count, 65536)) }
                if written > 0 { offset += written } else if errno != EINTR { return }
            }
        }
        let started = SerialTestDeadline.now()
        writer.start()
        var received: [UInt8] = []
        received.reserveCapacity(sent.count)
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = SerialTestDeadline(seconds: hangDeadline)
        while received.count < sent.count && !deadline.passed {
            guard serialTestWaitReadable(port.fileDescriptor, milliseconds: 200) else { continue }
            if case .bytes(let count) = buffer.withUnsafeMutableBytes({ port.read(into: $0) }) {
                received += buffer[0..<count]
            }
        }
        let seconds = Double(SerialTestDeadline.now() - started) / 1e9
        #expect(received.count == sent.count)
        #expect(received == sent)
        print("4 MiB through a PTY in \(seconds) s (\(Double(sent.count) / seconds / 1e6) MB/s)")
    }

    @Test func bytesToTheBoardArriveExactly() throws {
        let terminal = try SerialTestPTY()
        try cookedWithHangup(terminal)
        let port = try SerialPort.open(path: terminal.slavePath, settings: SerialSettings())
        defer { port.close() }
        // "\n" stays "\n" (OPOST/ONLCR off) and NUL/0xFF pass.
        let sent: [UInt8] = Array("bootaux 0x7f8000\n".utf8) + [0x00, 0xFF, 0x0D]
        let written = try sent.withUnsafeBytes { try port.write($0) }
        #expect(written == sent.count)
        #expect(terminal.readFromMaster(count: sent.count) == sent)
        #expect(try [UInt8]().withUnsafeBytes { try port.write($0) } == 0)
    }

    @Test func closingTheMasterIsAHangup() throws {
        let terminal = try SerialTestPTY()
        let port = try SerialPort.open(path: terminal.slavePath, settings: SerialSettings())
        defer { port.close() }
        terminal.closeMaster()
        var buffer = [UInt8](repeating: 0, count: 64)
        let result = buffer.withUnsafeMutableBytes { port.read(into: $0) }
        guard case .hangup(let reason) = result else {
            Issue.record("expected a hangup, got \(result)")
            return
        }
        #expect(reason.contains(terminal.slavePath))
        #expect(reason.contains("EIO") || reason.contains("errno 5") || reason.contains("end of file"))
    }

    @Test func previousSettingsAreRestoredOnClose() throws {
        let terminal = try SerialTestPTY()
        var distinctive = try terminal.slaveAttributes()
        distinctive.c_iflag = tcflag_t(ICRNL | IXON | IMAXBEL | IUTF8)
        distinctive.c_oflag = tcflag_t(OPOST | ONLCR)
        distinctive.c_lflag = tcflag_t(ICANON | ECHO | ECHOE | ISIG | IEXTEN)
        distinctive.c_cflag = (distinctive.c_cflag & tcflag_t(CBAUD)) | tcflag_t(CS8 | CREAD | HUPCL) | CRTSCTS
        setControlCharacter(&distinctive, VMIN, 4)
        setControlCharacter(&distinctive, VTIME, 7)
        setControlCharacter(&distinctive, VINTR, 0x05)
        try terminal.setSlaveAttributes(distinctive)
        try #require(ampscope_set_custom_baud(terminal.slave, 250_000) == 0)
        let before = try terminal.slaveAttributes()
        try #require(try terminal.slaveBaud().output == 250_000)

        let port = try SerialPort.open(path: terminal.slavePath, settings: SerialSettings(baud: 115_200))
        #expect(try terminal.slaveBaud().output == 115_200)
        #expect(try terminal.slaveAttributes().c_lflag & tcflag_t(ICANON) == 0)
        port.close()
        port.close()  // idempotent

        let after = try terminal.slaveAttributes()
        #expect(after.c_iflag == before.c_iflag)
        #expect(after.c_oflag == before.c_oflag)
        #expect(after.c_lflag == before.c_lflag)
        // Everything but HUPCL: putting it back would make close() drop DTR and reset the board.
        #expect(after.c_cflag == before.c_cflag & ~tcflag_t(HUPCL))
        #expect(withUnsafeBytes(of: after.c_cc) { Array($0) } == withUnsafeBytes(of: before.c_cc) { Array($0) })
        let baud = try terminal.slaveBaud()
        #expect(baud.output == 250_000)
        #expect(baud.input == 250_000)
        #expect(try !KernelTermios.read(terminal.slavePath).exclusive)
    }

    @Test func aSecondOpenIsRefusedAndNamesTheHolder() throws {
        let terminal = try SerialTestPTY()
        let first = try SerialPort.open(path: terminal.slavePath, settings: SerialSettings())
        do {
            let second = try SerialPort.open(path: terminal.slavePath, settings: SerialSettings())
            second.close()
            Issue.record("the second open succeeded")
        } catch {
            guard case .inUse(let path, let holders) = error else {
                Issue.record("expected inUse, got \(error)")
                return
            }
            #expect(path == terminal.slavePath)
            let ours = holders.first { $0.pid == getpid() }
            #expect(ours != nil)
            #expect(ours?.command.isEmpty == false)
            #expect(error.description.contains("pid \(getpid())"))
        }
        // The refused attempt left the first port configured and usable.
        try terminal.writeToMaster([0x42])
        #expect(serialTestWaitReadable(first.fileDescriptor, milliseconds: Int32(hangDeadline * 1000)))
        var byte: [UInt8] = [0]
        #expect(byte.withUnsafeMutableBytes { first.read(into: $0) } == .bytes(1))
        #expect(byte == [0x42])
        first.close()
        let third = try SerialPort.open(path: terminal.slavePath, settings: SerialSettings())
        third.close()
    }

    /// Root bypasses TIOCEXCL, so an ordinary user shows that it keeps other programs out.
    @Test func exclusiveModeTurnsAwayOtherUsersWithBusy() throws {
        let terminal = try SerialTestPTY()
        try UnprivilegedOpen.setOwnership(terminal.slavePath, group: 0, mode: 0o666)
        let port = try SerialPort.open(path: terminal.slavePath, settings: SerialSettings())
        let refused = try UnprivilegedOpen.asNobody(terminal.slavePath)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("Device or resource busy"))
        port.close()
        let admitted = try UnprivilegedOpen.asNobody(terminal.slavePath)
        #expect(admitted.status == 0, "after close, TIOCEXCL must be cleared: \(admitted.stderr)")

        // The EBUSY that open(2) gave nobody is classified as in use, naming the holders.
        guard case .inUse(let path, let holders) = PortOpening.classify(openErrno: EBUSY, path: terminal.slavePath) else {
            Issue.record("EBUSY should be classified as inUse")
            return
        }
        #expect(path == terminal.slavePath)
        #expect(holders.contains { $0.pid == getpid() })  // the test's own descriptors on the slave
    }

    /// A program that set TIOCEXCL without flock still counts as a holder, even though root got in.
    @Test func aPortAlreadyInExclusiveModeIsInUse() throws {
        let terminal = try SerialTestPTY()
        try #require(ampscope_set_exclusive(terminal.slave, 1) == 0)
        #expect(throws: SerialError.inUse(path: terminal.slavePath, holders: PortHolders.holding(terminal.slavePath))) {
            try SerialPort.open(path: terminal.slavePath, settings: SerialSettings())
        }
        try #require(ampscope_set_exclusive(terminal.slave, 0) == 0)
        let port = try SerialPort.open(path: terminal.slavePath, settings: SerialSettings())
        port.close()
    }

    @Test func withoutExclusiveNoLockIsTaken() throws {
        let terminal = try SerialTestPTY()
        let options = SerialPort.OpenOptions(exclusive: false)
        let port = try SerialPort.open(path: terminal.slavePath, settings: SerialSettings(), options: options)
        defer { port.close() }
        #expect(try !KernelTermios.read(terminal.slavePath).exclusive)
        #expect(port.appliedDescription.hasSuffix("; not locked"))
    }

    @Test func aMissingPathListsThePortsThatExist() throws {
        let path = "/dev/ttyUSB-ampscope-missing"
        #expect(throws: SerialError.noSuchPort(path: path, existing: PortInventory.existingPorts())) {
            try SerialPort.open(path: path, settings: SerialSettings())
        }
    }

    @Test func aRegularFileADirectoryAndDevNullAreNotTerminals() throws {
        var template = Array((NSTemporaryDirectory() + "ampscope-serial-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        try #require(descriptor >= 0)
        let path = serialTestText(template)
        defer { unlink(path) }
        let content = Array("U-Boot 2023.04\r\n".utf8)
        #expect(content.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == content.count)
        close(descriptor)

        for candidate in [path, NSTemporaryDirectory(), "/dev/null"] {
            #expect(throws: SerialError.notATerminal(path: candidate)) {
                try SerialPort.open(path: candidate, settings: SerialSettings())
            }
        }
        // Bad input loses nothing: the file is untouched.
        let check = open(path, O_RDONLY)
        var readBack = [UInt8](repeating: 0, count: 64)
        let count = readBack.withUnsafeMutableBytes { read(check, $0.baseAddress, $0.count) }
        close(check)
        #expect(Array(readBack.prefix(max(count, 0))) == content)
    }

    @Test func aClosedPortReportsInsteadOfTouchingAReusedDescriptor() throws {
        let terminal = try SerialTestPTY()
        let port = try SerialPort.open(path: terminal.slavePath, settings: SerialSettings())
        port.close()
        #expect(port.fileDescriptor == -1)
        var buffer = [UInt8](repeating: 0, count: 8)
        guard case .hangup = buffer.withUnsafeMutableBytes({ port.read(into: $0) }) else {
            Issue.record("read after close should be a hangup")
            return
        }
        #expect(throws: SerialError.ioFailure(path: terminal.slavePath, operation: "write", errno: EBADF)) {
            try [UInt8(1)].withUnsafeBytes { try port.write($0) }
        }
    }
}
