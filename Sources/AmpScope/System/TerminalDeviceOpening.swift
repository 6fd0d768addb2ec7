import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// open(2) of a serial port's device node, with the flags a capture needs.
enum TerminalDeviceOpening {
    /// O_NONBLOCK: neither open (waiting for carrier) nor read may block the capture loop.
    /// O_NOCTTY: a serial port must never become our controlling terminal (swift-system's
    /// OpenOptions has no name for it, hence the raw call). EINTR is retried.
    static func open(_ path: String) -> Result<Int32, Errno> {
        SystemCall.retryingInterrupts { Glibc.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC) }
    }
}
