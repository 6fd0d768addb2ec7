import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How long a test waits for a condition before calling it a hang: generous, so that a loaded
/// machine only makes a test slower, never makes it fail.
let hangDeadline: Double = 120

/// Polls `condition` until it holds, and fails the test naming `what` if it still does not hold
/// after `deadline` seconds — the deadline only ends a hang, it is not a measurement.
func waitUntil(
    _ what: @autoclosure () -> String, deadline: Double = hangDeadline, poll: Double = 0.005,
    _ condition: () throws -> Bool
) throws {
    _ = try waitFor(what(), deadline: deadline, poll: poll) { try condition() ? true : nil }
}

/// Polls `produce` until it gives a value, and returns it; fails the test naming `what` after
/// `deadline` seconds without one.
func waitFor<Value>(
    _ what: @autoclosure () -> String, deadline: Double = hangDeadline, poll: Double = 0.005,
    _ produce: () throws -> Value?
) throws -> Value {
    let end = monotonicNow() + UInt64(deadline * 1e9)
    while true {
        if let value = try produce() { return value }
        if monotonicNow() >= end {
            throw TestFailure("gave up after \(Int(deadline)) s (a hang) waiting for: \(what())")
        }
        // Polling interval, not a duration the test depends on.
        usleep(useconds_t(poll * 1e6))
    }
}
