/// SIGINT, SIGTERM and SIGHUP become bytes on a pipe that a poll loop watches, so a capture
/// or a replay always ends through its normal path: flushed, ports restored, files closed.
public final class SignalPipe {
    private let pipe: SignalSelfPipe
    public var readDescriptor: Int32 { pipe.readDescriptor }

    public init() throws(CaptureError) {
        do {
            pipe = try SignalSelfPipe()
        } catch {
            throw .system(error.call, errno: error.code.rawValue)
        }
    }

    /// The signals received since the last call.
    func drain() -> [Int32] { pipe.drain() }

    static func name(of signal: Int32) -> String { SignalSelfPipe.name(of: signal) }
}
