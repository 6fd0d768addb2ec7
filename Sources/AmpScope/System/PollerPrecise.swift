import SystemPackage
#if canImport(Glibc)
import Glibc
#endif
import CAmpScopeShims

extension Poller {
    /// One ppoll(2) with a nanosecond timeout (negative: none), not retried: a timed loop that
    /// is interrupted recomputes its deadline before it waits again, so it never drifts.
    static func waitOnce(_ descriptors: [(fd: Int32, interest: Readiness)], timeoutNanoseconds: Int64) -> Result<[Readiness], Errno> {
        var entries = descriptors.map { pollfd(fd: $0.fd, events: $0.interest.rawValue, revents: 0) }
        guard ampscope_poll_nanoseconds(&entries, UInt(entries.count), timeoutNanoseconds) >= 0 else { return .failure(Errno(rawValue: errno)) }
        return .success(entries.map { Readiness(rawValue: $0.revents) })
    }
}

extension SystemClock {
    /// Sleeps the calling thread: only for states poll cannot wait for (a hangup to clear).
    static func pause(microseconds: UInt32) {
        usleep(microseconds)
    }
}
