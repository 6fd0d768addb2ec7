#if canImport(Glibc)
import Glibc
#endif

/// Runs a raw ioctl-based call, retrying once on a dup(2) of the descriptor if it says ENOTTY.
///
/// Why: under umockdev (used to emulate USB adapters in tests) up to 0.19.4, the preloaded
/// ioctl() wrapper answers ENOTTY for TIOCEXCL/TCGETS2/… on the emulated tty's original
/// descriptor but forwards the same call on a dup'ed one. On a real tty the retry never runs.
enum DuplicateDescriptorRetry {
    static func run(on descriptor: Int32, _ call: (Int32) -> Int32) throws(SystemCallFailure) {
        if call(descriptor) == 0 { return }
        let failure = SystemCallFailure.last()
        guard failure.code == ENOTTY else { throw failure }
        let duplicate = dup(descriptor)
        guard duplicate >= 0 else { throw failure }
        defer { close(duplicate) }
        if call(duplicate) != 0 { throw .last() }
    }
}
