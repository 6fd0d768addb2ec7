import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import AmpScopeTestSupport

/// A board console printing into the master side of a PTY from its own thread: numbered lines,
/// each with the 256 byte values (0xFF among them, which telnet must escape), as fast as the
/// PTY takes them or at a set pace.
///
/// `.waiting` waits while the PTY is full (nothing is lost: a PTY pushes back, as flow control
/// would). `.dropping` is a UART without flow control: what the full tty buffer refuses is
/// lost, counted and handed to `onDrop`, as a serial driver counts a buffer overrun.
final class BoardPrinter: @unchecked Sendable {
    enum Overflow { case waiting, dropping }

    private let master: Int32
    private let label: String
    private let overflow: Overflow
    private let bytesPerSecond: Int?
    private let onDrop: (@Sendable (Int) -> Void)?
    private let lock = NSLock()
    private var stopping = false
    private var blocked = false
    private var accepted: [UInt8] = []
    private var drops: [(offset: Int, count: Int)] = []
    private var failure: String?
    private let done = DispatchSemaphore(value: 0)

    init(_ master: Int32, label: String, overflow: Overflow = .waiting, bytesPerSecond: Int? = nil,
         onDrop: (@Sendable (Int) -> Void)? = nil) {
        self.master = master
        self.label = label
        self.overflow = overflow
        self.bytesPerSecond = bytesPerSecond
        self.onDrop = onDrop
    }

    func start() {
        let flags = fcntl(master, F_GETFL)
        _ = fcntl(master, F_SETFL, flags | O_NONBLOCK)
        Thread { [self] in self.print() }.start()
    }

    /// The PTY was full at least once (nothing read it, or not as fast as this prints).
    var isBlocked: Bool { locked { blocked } }
    /// Bytes the PTY took so far.
    var acceptedCount: Int { locked { accepted.count } }
    var droppedCount: Int { locked { drops.reduce(0) { $0 + $1.count } } }

    /// Stops printing, writes `last` (waiting for room) and returns what the PTY took, and
    /// where bytes were dropped (offsets into the accepted bytes).
    func finish(with last: [UInt8] = []) throws -> (accepted: [UInt8], drops: [(offset: Int, count: Int)]) {
        locked { stopping = true }
        done.wait()
        if let failure { throw TestFailure(failure) }
        try write(last, overflow: .waiting, whileStopping: true)
        return locked { (accepted, drops) }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    private func print() {
        defer { done.signal() }
        let start = monotonicNow()
        var sent = 0
        var line = 0
        while !locked({ stopping }) {
            // Eight lines a write: a line a write cannot keep 1 MB/s on a busy machine.
            var bytes: [UInt8] = []
            for next in line..<(line + 8) {
                bytes += Array("\(label) line \(next) ".utf8)
                bytes += (0..<256).map { UInt8(truncatingIfNeeded: $0 + next) }
                bytes += [0x0D, 0x0A]
            }
            if let rate = bytesPerSecond {
                // The board's own pace: the line goes out when its bytes are due.
                let due = start + UInt64(Double(sent) / Double(rate) * 1e9)
                let now = monotonicNow()
                if due > now { usleep(useconds_t(min((due - now) / 1000, 100_000))) }
                if monotonicNow() < due { continue }
            }
            do { try write(bytes, overflow: overflow) } catch {
                failure = "\(label): \(error)"
                return
            }
            sent += bytes.count
            line += 8
        }
    }

    /// A line cut short by a stop is not printed further (the capture may have ended and read
    /// nothing more); the last words (`whileStopping`) wait for room, up to the hang deadline.
    private func write(_ bytes: [UInt8], overflow: Overflow, whileStopping: Bool = false) throws {
        let giveUp = monotonicNow() + UInt64(hangDeadline * 1e9)
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress! + offset, $0.count - offset) }
            if count > 0 {
                locked { accepted += bytes[offset..<(offset + count)] }
                offset += count
                continue
            }
            guard count < 0, errno == EAGAIN || errno == EINTR else { throw TestFailure("board write failed: errno \(errno)") }
            locked { blocked = true }
            if overflow == .dropping {
                let lost = bytes.count - offset
                locked {
                    if let last = drops.last, last.offset == accepted.count {
                        drops[drops.count - 1].count += lost
                    } else {
                        drops.append((accepted.count, lost))
                    }
                }
                onDrop?(lost)
                return
            }
            if !whileStopping && locked({ stopping }) { return }
            if monotonicNow() > giveUp { throw TestFailure("\(label): nobody read the PTY for \(Int(hangDeadline)) s (a hang)") }
            var entry = pollfd(fd: master, events: Int16(POLLOUT), revents: 0)
            // Bounded, so a stop request is seen while nobody reads.
            _ = poll(&entry, 1, 50)
        }
    }
}

/// Percentiles of measured values, for the figures the fault benchmarks print.
func percentiles(_ values: [Double]) -> String {
    guard !values.isEmpty else { return "no values" }
    let sorted = values.sorted()
    func at(_ fraction: Double) -> Double { sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))] }
    return String(format: "p50 %.3f, p90 %.3f, p99 %.3f, max %.3f (n=%d)", at(0.5), at(0.9), at(0.99), sorted.last!, sorted.count)
}

/// A figure line, printed and appended to $AMPSCOPE_FAULT_FIGURES when set (where
/// Benchmarks/faults/run.sh collects them: umockdev tests print from a child process).
func reportFigure(_ benchmark: String, _ text: String) {
    let line = "FAULT-FIGURE \(benchmark): \(text)\n"
    Swift.print(line, terminator: "")
    guard let path = ProcessInfo.processInfo.environment["AMPSCOPE_FAULT_FIGURES"] else { return }
    if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
    guard let file = FileHandle(forWritingAtPath: path) else { return }
    file.seekToEndOfFile()
    file.write(Data(line.utf8))
    try? file.close()
}
