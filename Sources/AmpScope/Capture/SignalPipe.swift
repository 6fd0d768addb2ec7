#if canImport(Glibc)
import Glibc
#endif
import CAmpScopeShims

/// SIGINT, SIGTERM and SIGHUP become bytes on a pipe that a poll loop watches, so a capture
/// or a replay always ends through its normal path: flushed, ports restored, files closed.
public final class SignalPipe {
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    public let readDescriptor: Int32
    private let writeDescriptor: Int32

    public init() throws(CaptureError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw .system("pipe", errno: errno) }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        // A closed stdout (capture piped into `head`) must not kill the capture.
        signal(SIGPIPE, SIG_IGN)
        let installed = SignalPipe.handled.withUnsafeBufferPointer {
            ampscope_install_signal_pipe(writeDescriptor, $0.baseAddress, Int32($0.count))
        }
        guard installed == 0 else { throw .system("sigaction", errno: errno) }
    }

    /// The signals received since the last call.
    func drain() -> [Int32] {
        var buffer = [UInt8](repeating: 0, count: 16)
        let count = read(readDescriptor, &buffer, buffer.count)
        return count > 0 ? buffer[0..<count].map { Int32($0) } : []
    }

    deinit {
        SignalPipe.handled.withUnsafeBufferPointer {
            ampscope_reset_signals($0.baseAddress, Int32($0.count))
        }
        close(readDescriptor)
        close(writeDescriptor)
    }

    static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT (Ctrl-C)"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP (terminal closed)"
        default: return "signal \(signal)"
        }
    }
}
