#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CAmpScopeShims

/// A pipe that becomes readable on Ctrl-C (SIGINT) or SIGTERM, for poll loops to watch:
/// the signal handler only writes a byte, all clean-up runs in normal code.
public final class InterruptPipe {
    public let readDescriptor: Int32
    private let writeDescriptor: Int32
    private static let signals: [Int32] = [SIGINT, SIGTERM]

    /// The pipe or the handlers could not be set up (out of descriptors, most likely).
    public struct Failure: Error, CustomStringConvertible {
        public var errno: Int32
        public var description: String { "cannot set up Ctrl-C handling: \(errnoText(errno)); close some files and try again" }
    }

    public init() throws(Failure) {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { throw Failure(errno: errno) }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        guard ampscope_install_signal_pipe(writeDescriptor, Self.signals, Int32(Self.signals.count)) == 0 else {
            let code = errno
            close(readDescriptor)
            close(writeDescriptor)
            throw Failure(errno: code)
        }
        // A parent may hand down SIGINT blocked (Foundation's Process spawned from a thread that
        // blocks signals does): the signal would stay pending and Ctrl-C would do nothing.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in Self.signals { sigaddset(&unblock, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    deinit {
        ampscope_reset_signals(Self.signals, Int32(Self.signals.count))
        close(readDescriptor)
        close(writeDescriptor)
    }
}
