import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// poll(2) over a set of descriptors: the capture waits here, so an idle capture uses no CPU.
struct Poller {
    struct Readiness: OptionSet {
        let rawValue: Int16
        static let readable = Readiness(rawValue: Int16(POLLIN))
        static let writable = Readiness(rawValue: Int16(POLLOUT))
        static let hangup = Readiness(rawValue: Int16(POLLHUP))
        static let error = Readiness(rawValue: Int16(POLLERR))
        static let invalid = Readiness(rawValue: Int16(POLLNVAL))
    }

    /// Waits until one descriptor is ready or `timeout` ns pass (nil: no time limit).
    /// Returns the readiness of each descriptor, in the order given.
    static func wait(_ descriptors: [(fd: Int32, interest: Readiness)], timeout: UInt64?) throws(Errno) -> [Readiness] {
        var entries = descriptors.map { pollfd(fd: $0.fd, events: $0.interest.rawValue, revents: 0) }
        let milliseconds: Int32
        if let timeout {
            // Round up: waking a little late is harmless, waking early would spin.
            milliseconds = Int32(clamping: (timeout + 999_999) / 1_000_000)
        } else {
            milliseconds = -1
        }
        if case .failure(let failure) = SystemCall.retryingInterrupts({ poll(&entries, nfds_t(entries.count), milliseconds) }) {
            throw failure
        }
        return entries.map { Readiness(rawValue: $0.revents) }
    }
}
