import SystemPackage
#if canImport(Glibc)
import Glibc
#endif
import CAmpScopeShims

/// SIGINT, SIGTERM and SIGHUP written as one byte each on a `WakePipe` by an async-signal-safe
/// handler, and SIGPIPE ignored: a closed stdout (a capture piped into `head`) must not kill it.
final class SignalSelfPipe {
    /// Which call failed, with its errno.
    struct Failure: Error {
        let call: String
        let code: Errno
    }

    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private let pipe: WakePipe

    var readDescriptor: Int32 { pipe.readDescriptor }

    init() throws(Failure) {
        do {
            pipe = try WakePipe()
        } catch {
            throw Failure(call: "pipe", code: error)
        }
        signal(SIGPIPE, SIG_IGN)
        let installed = Self.handled.withUnsafeBufferPointer {
            ampscope_install_signal_pipe(pipe.writeDescriptor, $0.baseAddress, Int32($0.count))
        }
        guard installed == 0 else { throw Failure(call: "sigaction", code: Errno(rawValue: errno)) }
    }

    /// The signals received since the last call.
    func drain() -> [Int32] {
        pipe.drain().map { Int32($0) }
    }

    deinit {
        Self.handled.withUnsafeBufferPointer { ampscope_reset_signals($0.baseAddress, Int32($0.count)) }
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
