/// A console exported over the network, as ser2net (and labgrid's exporters) do:
/// `rfc2217://HOST:PORT` (telnet with COM-PORT-OPTION, so ampscope sets baud and format on
/// the remote UART) or `tcp://HOST:PORT` (raw bytes; the line settings are ser2net's).
public struct RemoteEndpoint: Sendable, Hashable, CustomStringConvertible {
    public enum Transport: String, Sendable, Hashable, Codable, CaseIterable {
        case rfc2217
        case tcp
    }

    public var transport: Transport
    /// A name or an IP address; IPv6 without the brackets of the URL form.
    public var host: String
    public var port: UInt16

    public init(transport: Transport, host: String, port: UInt16) {
        self.transport = transport
        self.host = host
        self.port = port
    }

    /// "rfc2217://lab-host-3:3001", "tcp://[::1]:4001".
    public var description: String { "\(transport.rawValue)://\(hostAndPort)" }

    /// "lab-host-3:3001", "[::1]:4001": how error messages name the far end.
    public var hostAndPort: String { (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }

    /// True when `text` starts like a remote selector, so it is parsed (and rejected) as one
    /// instead of being taken for a device path.
    static func looksRemote(_ text: String) -> Bool {
        Transport.allCases.contains { text.hasPrefix($0.rawValue + "://") }
    }

    /// Parses `rfc2217://HOST:PORT` or `tcp://HOST:PORT` (`[IPv6]:PORT` too); the error says the form.
    public static func parse(_ text: String) throws(DeviceError) -> RemoteEndpoint {
        guard let transport = Transport.allCases.first(where: { text.hasPrefix($0.rawValue + "://") }) else {
            throw invalid(text, "expected rfc2217:// or tcp:// before the host")
        }
        let rest = text.dropFirst(transport.rawValue.count + 3)
        let form = "\(transport.rawValue)://HOST:PORT, e.g. \(transport.rawValue)://lab-host-3:\(transport == .rfc2217 ? 3001 : 4001)"
        guard !rest.isEmpty else { throw invalid(text, "no host and port; expected \(form)") }
        let host: Substring
        let portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw invalid(text, "an IPv6 address needs its closing ]; expected \(form)") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            portText = after.hasPrefix(":") ? after.dropFirst() : (after.isEmpty ? nil : after)
            if let portText, !after.hasPrefix(":") { throw invalid(text, "unexpected \"\(portText)\" after the address; expected \(form)") }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
            if host.contains(":") { throw invalid(text, "put an IPv6 address in brackets, e.g. \(transport.rawValue)://[::1]:3001") }
        } else {
            host = rest
            portText = nil
        }
        guard !host.isEmpty else { throw invalid(text, "the host is missing; expected \(form)") }
        if host.contains("/") || host.contains(" ") || host.contains("@") {
            throw invalid(text, "\"\(host)\" is not a host name or address; expected \(form)")
        }
        guard let portText, !portText.isEmpty else { throw invalid(text, "the port is missing; expected \(form)") }
        guard portText.allSatisfy(\.isASCII), let number = Int(portText), (1...65_535).contains(number) else {
            throw invalid(text, "port \"\(portText)\" must be a number from 1 to 65535; expected \(form)")
        }
        return RemoteEndpoint(transport: transport, host: String(host), port: UInt16(number))
    }

    private static func invalid(_ text: String, _ reason: String) -> DeviceError {
        .invalidSelector(text: text, reason: reason)
    }
}
