/// Why a capture could not start or had to end, with what to do about it.
public enum CaptureError: Error, CustomStringConvertible {
    case invalidArgument(String)
    case port(console: String, SerialError)
    /// The console's port selector names no adapter, or several.
    case device(console: String, DeviceError)
    /// A console exported over the network could not be reached.
    case remote(console: String, RemoteError)
    case session(SessionError)
    case system(String, errno: Int32)

    public var description: String {
        switch self {
        case .invalidArgument(let text): return text
        case .port(let console, let error): return "console \(console): \(error)"
        case .device(let console, let error): return "console \(console): \(error)"
        case .remote(let console, let error): return "console \(console): \(error)"
        case .session(let error): return error.description
        case .system(let what, let code): return "\(what) failed: \(errnoText(code))"
        }
    }
}
