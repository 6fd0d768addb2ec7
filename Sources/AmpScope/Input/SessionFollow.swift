import Foundation

/// Reading a session while its capture writes it (live findings): how often the timeline
/// looks at the boot so far, and when the capture has ended, so the rest is read and the last
/// boot is closed exactly as an offline run would close it.
public final class SessionFollow: @unchecked Sendable {
    /// How often a boot in progress is handed out, and how long the reader waits for new records.
    public let interval: UInt64
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var ended = false
    private var stopping = false

    /// The capture's clock (CLOCK_MONOTONIC, as its chunks are stamped); a test may drive its own.
    let now: @Sendable () -> UInt64

    public init(intervalMilliseconds: Int = 200, clock: @escaping @Sendable () -> UInt64 = { MonotonicClock.now() }) {
        interval = UInt64(intervalMilliseconds) * 1_000_000
        now = clock
    }

    /// The capture has stopped listening (its closing records follow): no more idle ticks, since
    /// a silence must not grow past the moment the consoles were last read.
    public func captureStopping() {
        condition.lock()
        stopping = true
        condition.unlock()
    }

    var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping || ended
    }

    /// The capture has written (and closed) its last record.
    public func captureEnded() {
        condition.lock()
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    var hasEnded: Bool {
        condition.lock()
        defer { condition.unlock() }
        return ended
    }

    /// Waits up to one interval for more records; the end of the capture cuts the wait short.
    func pause() {
        condition.lock()
        if !ended { _ = condition.wait(until: Date(timeIntervalSinceNow: Double(interval) / 1e9)) }
        condition.unlock()
    }
}
