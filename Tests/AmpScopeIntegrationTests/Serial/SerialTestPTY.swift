import CAmpScopeShims
import Glibc
import Testing
@testable import AmpScopeTestSupport

/// A real pseudo-terminal pair for serial tests. The test keeps the master (the "board" side)
/// and its own descriptor on the slave, to inspect termios independently of the code under test.
final class SerialTestPTY {
    let master: Int32
    let slave: Int32
    let slavePath: String
    private var masterOpen = true

    init() throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var name = [CChar](repeating: 0, count: 128)
        let result = ampscope_open_pty(&master, &slave, &name, name.count)
        try #require(result == 0, "ampscope_open_pty failed: errno \(errno)")
        self.master = master
        self.slave = slave
        self.slavePath = serialTestText(name)
    }

    deinit {
        closeMaster()
        close(slave)
    }

    func closeMaster() {
        if masterOpen { close(master) }
        masterOpen = false
    }

    func slaveAttributes() throws -> termios {
        var attributes = termios()
        try #require(tcgetattr(slave, &attributes) == 0, "tcgetattr on the test's slave descriptor failed")
        return attributes
    }

    func setSlaveAttributes(_ attributes: termios) throws {
        var attributes = attributes
        try #require(tcsetattr(slave, TCSANOW, &attributes) == 0, "tcsetattr on the slave failed")
    }

    /// Baud rates as the kernel stores them (TCGETS2), read on the test's own descriptor.
    func slaveBaud() throws -> (input: Int, output: Int) {
        let kernel = try KernelTermios.read(slavePath)
        return (kernel.input, kernel.output)
    }

    func writeToMaster(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            try #require(written > 0 || errno == EINTR, "write to the PTY master failed: errno \(errno)")
            if written > 0 { offset += written }
        }
    }

    /// Reads from the master until `count` bytes arrived or the hang deadline passed.
    func readFromMaster(count: Int) -> [UInt8] {
        var received: [UInt8] = []
        let deadline = SerialTestDeadline(seconds: hangDeadline)
        while received.count < count && !deadline.passed {
            guard serialTestWaitReadable(master, milliseconds: 200) else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let got = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if got > 0 { received += chunk[0..<got] } else if got == 0 { break }
        }
        return received
    }
}

struct SerialTestDeadline {
    let end: UInt64
    init(seconds: Double) { end = SerialTestDeadline.now() + UInt64(seconds * 1e9) }
    var passed: Bool { SerialTestDeadline.now() >= end }
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

func serialTestWaitReadable(_ descriptor: Int32, milliseconds: Int32) -> Bool {
    var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    return poll(&entry, 1, milliseconds) > 0
}

/// The text of a NUL-terminated C character array.
func serialTestText(_ characters: [CChar]) -> String {
    String(decoding: characters.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
