#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one clock every console is stamped with: CLOCK_MONOTONIC in nanoseconds.
/// NTP steps do not move it; a wall-clock anchor in the session header relates it to dates.
public enum MonotonicClock {
    public static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    /// CLOCK_REALTIME in nanoseconds since the Unix epoch, read right beside a monotonic reading.
    public static func wallAnchor() -> (monotonic: UInt64, wallNanoseconds: Int64) {
        var wall = timespec()
        let before = now()
        clock_gettime(CLOCK_REALTIME, &wall)
        let after = now()
        return (before / 2 + after / 2, Int64(wall.tv_sec) * 1_000_000_000 + Int64(wall.tv_nsec))
    }
}
