/// Why a port could not be found, chosen or tuned. Every description says what happened and
/// what the user can do about it.
public enum DeviceError: Error, CustomStringConvertible, Equatable, Sendable {
    /// libudev could not be used at all.
    case udevUnavailable(String)
    /// The selector text does not parse.
    case invalidSelector(text: String, reason: String)
    /// No port matches; `present` describes the ports that exist.
    case noMatch(selector: String, present: [String])
    /// More than one port matches; `candidates` describes them.
    case ambiguous(selector: String, candidates: [String])
    /// The latency timer could not be read or written.
    case latencyTimer(path: String, operation: String, errno: Int32, advice: String)

    public var description: String {
        switch self {
        case .udevUnavailable(let detail):
            return "Cannot list the serial adapters through libudev: \(detail). "
                + "Name the port by its path instead (e.g. /dev/ttyUSB0); selectors such as serial: need libudev and /sys."
        case .invalidSelector(let text, let reason):
            return "Port selector \"\(text)\": \(reason). Use a path (/dev/ttyUSB0), serial:SERIAL, by-id:NAME, "
                + "usb:VID:PID[/ifN] (e.g. usb:0403:6001/if1), path:ID_PATH, "
                + "or for a port exported by ser2net rfc2217://HOST:PORT or tcp://HOST:PORT; `ampscope ports` lists the local ones."
        case .noMatch(let selector, let present):
            if present.isEmpty {
                return "No serial adapter matches \(selector), and none is plugged in. "
                    + "Plug in the adapter and check `dmesg | tail` for the name it got."
            }
            return "No serial adapter matches \(selector). Present:\n" + present.map { "  " + $0 }.joined(separator: "\n")
                + "\nPick one of those (`ampscope ports` shows the selectors), or check that the adapter is plugged in."
        case .ambiguous(let selector, let candidates):
            return "\(selector) matches \(candidates.count) adapters:\n" + candidates.map { "  " + $0 }.joined(separator: "\n")
                + "\nUse a more specific selector (serial:, usb:VID:PID/ifN or path:), as listed by `ampscope ports`."
        case .latencyTimer(let path, let operation, let code, let advice):
            return "\(operation) \(path) failed: \(errnoText(code)). \(advice)"
        }
    }
}
