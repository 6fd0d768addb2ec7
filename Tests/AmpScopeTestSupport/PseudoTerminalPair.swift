import CAmpScopeShims
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real pseudo-terminal for tests: the test holds the master (the "board" side) and the
/// code under test opens `slavePath` as its serial port.
final class TestPTY {
    let master: Int32
    let slavePath: String

    init() throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var name = [CChar](repeating: 0, count: 128)
        guard ampscope_open_pty(&master, &slave, &name, name.count) == 0 else {
            throw TestFailure("openpty failed: errno \(errno)")
        }
        var settings = termios()
        tcgetattr(slave, &settings)
        cfmakeraw(&settings)
        tcsetattr(slave, TCSANOW, &settings)
        // Closing our slave descriptor makes the master report POLLHUP until someone opens it.
        close(slave)
        self.master = master
        slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { closeMaster() }

    private var closed = false
    func closeMaster() {
        if !closed { close(master); closed = true }
    }

    /// Waits until a process has the slave open (POLLHUP on the master clears).
    func waitUntilOpened() throws {
        try waitUntil("a process opens \(slavePath)") {
            var entry = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            _ = poll(&entry, 1, 0)
            return entry.revents & Int16(POLLHUP) == 0
        }
    }

    /// Writes everything, returning CLOCK_MONOTONIC just before the first write. Waits while
    /// the PTY is full, but throws when nobody has read for the hang deadline (the code under
    /// test stopped reading), so a test never hangs on a full buffer.
    @discardableResult
    func write(_ bytes: [UInt8], stallTimeout: Double = hangDeadline) throws -> UInt64 {
        let start = monotonicNow()
        let flags = fcntl(master, F_GETFL)
        _ = fcntl(master, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(master, F_SETFL, flags) }
        var offset = 0
        var stalledSince: UInt64?
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                guard errno == EAGAIN else { throw TestFailure("write to PTY master failed: errno \(errno)") }
                let now = monotonicNow()
                if let since = stalledSince, now - since > UInt64(stallTimeout * 1e9) {
                    throw TestFailure("\(slavePath): nobody read for \(stallTimeout) s; \(bytes.count - offset) bytes not written")
                }
                stalledSince = stalledSince ?? now
                usleep(1000)
                continue
            }
            stalledSince = nil
            offset += written
        }
        return start
    }

    func write(_ text: String) throws { try write(Array(text.utf8)) }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func monotonicNow() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func temporaryDirectory(_ label: String) -> String {
    let path = NSTemporaryDirectory() + "ampscope-test-\(label)-\(UUID().uuidString.prefix(8))"
    return path
}
