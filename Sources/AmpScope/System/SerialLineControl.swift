import SystemPackage
#if canImport(Glibc)
import Glibc
#endif
import CAmpScopeShims

/// The ioctls and calls of an open serial port besides termios: modem lines (TIOCMGET),
/// exclusive mode (TIOCEXCL), flock, break, and the driver's error counters (TIOCGICOUNT).
enum SerialLineControl {
    /// DTR and RTS as the driver reports them; nil where the device has none.
    static func modemLines(_ descriptor: Int32) -> (dataTerminalReady: Bool, requestToSend: Bool)? {
        var bits: Int32 = 0
        guard (try? DuplicateDescriptorRetry.run(on: descriptor) { ampscope_get_modem_lines($0, &bits) }) != nil else { return nil }
        return (bits & ampscope_tiocm_dtr != 0, bits & ampscope_tiocm_rts != 0)
    }

    /// Whether the tty's exclusive flag is set; nil when the driver cannot say.
    static func isExclusive(_ descriptor: Int32) -> Bool? {
        var exclusive: Int32 = 0
        guard (try? DuplicateDescriptorRetry.run(on: descriptor) { ampscope_get_exclusive($0, &exclusive) }) != nil else { return nil }
        return exclusive != 0
    }

    /// Sets or clears TIOCEXCL; false when the driver does not support it.
    @discardableResult
    static func setExclusive(_ descriptor: Int32, _ on: Bool) -> Bool {
        (try? DuplicateDescriptorRetry.run(on: descriptor) { ampscope_set_exclusive($0, on ? 1 : 0) }) != nil
    }

    enum LockOutcome: Equatable {
        case locked
        /// Another open file description holds the lock.
        case heldByAnother
        case failed(Errno)
    }

    /// flock(LOCK_EX | LOCK_NB), EINTR retried.
    static func lockExclusively(_ descriptor: Int32) -> LockOutcome {
        switch SystemCall.retryingInterrupts({ flock(descriptor, LOCK_EX | LOCK_NB) }) {
        case .success: return .locked
        case .failure(let code) where code.rawValue == EWOULDBLOCK: return .heldByAnother
        case .failure(let code): return .failed(code)
        }
    }

    /// tcsendbreak(0): about 0.25–0.5 s of continuous zero bits; nil, or why not.
    static func sendBreak(_ descriptor: Int32) -> Errno? {
        tcsendbreak(descriptor, 0) == 0 ? nil : Errno(rawValue: errno)
    }

    /// The driver's counts (overrun, buffer overrun, framing, parity, break), or why it keeps none.
    static func errorCounters(_ descriptor: Int32) -> Result<(overrun: UInt32, bufferOverrun: UInt32, framing: UInt32, parity: UInt32, breaks: UInt32), Errno> {
        var raw = ampscope_uart_counters()
        guard ampscope_get_uart_counters(descriptor, &raw) == 0 else { return .failure(Errno(rawValue: errno)) }
        return .success((UInt32(raw.overrun), UInt32(raw.buffer_overrun), UInt32(raw.frame), UInt32(raw.parity), UInt32(raw.brk)))
    }
}
