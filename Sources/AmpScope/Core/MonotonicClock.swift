/// The one clock every console is stamped with: CLOCK_MONOTONIC in nanoseconds.
/// NTP steps do not move it; a wall-clock anchor in the session header relates it to dates.
public enum MonotonicClock {
    public static func now() -> UInt64 {
        SystemClock.monotonic()
    }

    /// CLOCK_REALTIME in nanoseconds since the Unix epoch, read right beside a monotonic reading.
    public static func wallAnchor() -> (monotonic: UInt64, wallNanoseconds: Int64) {
        let before = now()
        let wall = SystemClock.realtime()
        let after = now()
        return (before / 2 + after / 2, wall)
    }
}
