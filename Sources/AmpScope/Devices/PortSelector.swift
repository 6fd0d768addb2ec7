/// How the user names a port: a path, or a stable identity of the adapter that survives
/// replugging and renumbering (ttyUSB0 today can be ttyUSB1 tomorrow).
public enum PortSelector: Sendable, Hashable, CustomStringConvertible {
    /// A device path (/dev/ttyUSB0, a /dev/serial/by-id link, a PTY, any tty).
    case device(String)
    /// `serial:A50285BI[/ifN]`: the USB serial number (iSerial), optionally one interface of a multi-port chip.
    case serial(String, interface: Int?)
    /// `by-id:NAME`: a name in /dev/serial/by-id (or the whole link path).
    case byID(String)
    /// `usb:0403:6001[/if1]`: vendor and product ID, optionally the interface.
    case usb(vendor: String, product: String, interface: Int?)
    /// `path:pci-0000:00:14.0-usb-0:1:1.0`: the USB socket (udev ID_PATH).
    case usbPath(String)
    /// `rfc2217://HOST:PORT` or `tcp://HOST:PORT`: a UART exported over the network by ser2net.
    case remote(RemoteEndpoint)

    public static func parse(_ text: String) throws(DeviceError) -> PortSelector {
        func value(after prefix: String) throws(DeviceError) -> String {
            let rest = String(text.dropFirst(prefix.count))
            guard !rest.isEmpty else { throw .invalidSelector(text: text, reason: "nothing after \"\(prefix)\"") }
            return rest
        }
        if text.hasPrefix("serial:") {
            let (serial, interface) = try splitInterface(try value(after: "serial:"), whole: text)
            return .serial(serial, interface: interface)
        }
        if RemoteEndpoint.looksRemote(text) { return .remote(try RemoteEndpoint.parse(text)) }
        if let scheme = text.range(of: "://"), !text[..<scheme.lowerBound].contains("/") {
            throw .invalidSelector(text: text, reason: "unknown scheme \"\(text[..<scheme.lowerBound])://\"; remote consoles are rfc2217://HOST:PORT or tcp://HOST:PORT")
        }
        if text.hasPrefix("by-id:") { return .byID(try value(after: "by-id:")) }
        if text.hasPrefix("path:") { return .usbPath(try value(after: "path:")) }
        if text.hasPrefix("usb:") {
            let (ids, interface) = try splitInterface(try value(after: "usb:"), whole: text)
            let parts = ids.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, parts.allSatisfy(isUSBID) else {
                throw .invalidSelector(text: text, reason: "expected usb:VID:PID with four hex digits each, e.g. usb:0403:6001")
            }
            return .usb(vendor: parts[0].lowercased(), product: parts[1].lowercased(), interface: interface)
        }
        guard !text.isEmpty else { throw .invalidSelector(text: text, reason: "it is empty") }
        return .device(text)
    }

    public var description: String {
        switch self {
        case .device(let path): return path
        case .serial(let serial, let interface): return "serial:\(serial)" + (interface.map { "/if\($0)" } ?? "")
        case .byID(let name): return "by-id:\(name)"
        case .usb(let vendor, let product, let interface): return "usb:\(vendor):\(product)" + (interface.map { "/if\($0)" } ?? "")
        case .usbPath(let path): return "path:\(path)"
        case .remote(let endpoint): return endpoint.description
        }
    }

    public func matches(_ adapter: SerialAdapter) -> Bool {
        switch self {
        case .device(let path):
            return adapter.node == path || adapter.byID == path
        case .serial(let serial, let interface):
            return adapter.serial == serial && (interface == nil || adapter.interfaceNumber == interface)
        case .byID(let name):
            guard let link = adapter.byID else { return false }
            return link == name || SerialAdapter.baseName(link) == name
        case .usb(let vendor, let product, let interface):
            return adapter.vendorID == vendor && adapter.productID == product
                && (interface == nil || adapter.interfaceNumber == interface)
        case .usbPath(let path):
            return adapter.usbPath == path
        case .remote:
            return false
        }
    }

    /// The one adapter this selector names. A device path that udev does not list (a PTY, a
    /// symlink of the user's own) is not an error here: the caller opens the path as given.
    public func resolve(in adapters: [SerialAdapter]) throws(DeviceError) -> SerialAdapter? {
        let matching = adapters.filter(matches)
        if case .device = self { return matching.count == 1 ? matching[0] : nil }
        if case .remote = self { return nil }
        switch matching.count {
        case 1: return matching[0]
        case 0: throw .noMatch(selector: description, present: adapters.map(\.summary))
        default: throw .ambiguous(selector: description, candidates: matching.map(\.summary))
        }
    }

    /// The shortest selector that names `adapter` alone among `adapters` and survives
    /// replugging: serial number, by-id name or USB socket, else the node.
    public static func stable(for adapter: SerialAdapter, among adapters: [SerialAdapter]) -> PortSelector {
        var candidates: [PortSelector] = []
        if let serial = adapter.serial {
            candidates.append(.serial(serial, interface: nil))
            if let interface = adapter.interfaceNumber { candidates.append(.serial(serial, interface: interface)) }
        }
        // Without a serial number the by-id name is the same for every adapter of the model,
        // so the USB socket is the stabler of the two.
        if adapter.serial == nil, let path = adapter.usbPath { candidates.append(.usbPath(path)) }
        if let byID = adapter.byID { candidates.append(.byID(SerialAdapter.baseName(byID))) }
        if let path = adapter.usbPath { candidates.append(.usbPath(path)) }
        let unique = candidates.first { candidate in adapters.filter(candidate.matches).count == 1 }
        return unique ?? .device(adapter.node)
    }

    private static func splitInterface(_ text: String, whole: String) throws(DeviceError) -> (String, Int?) {
        guard let slash = text.lastIndex(of: "/") else { return (text, nil) }
        let suffix = text[text.index(after: slash)...]
        guard suffix.hasPrefix("if"), let number = Int(suffix.dropFirst(2)), number >= 0 else {
            throw .invalidSelector(text: whole, reason: "expected /ifN after the identity, e.g. /if1")
        }
        return (String(text[..<slash]), number)
    }

    private static func isUSBID(_ text: String) -> Bool {
        text.count == 4 && text.allSatisfy(\.isHexDigit)
    }
}
