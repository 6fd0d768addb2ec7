/// Why a remote console could not be reached or used; every description says what to do.
public enum RemoteError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The host name does not resolve (getaddrinfo failed); `detail` is the resolver's text.
    case cannotResolve(host: String, detail: String)
    /// The host answered, but nothing listens on the port (ECONNREFUSED).
    case refused(endpoint: String, address: String)
    /// No answer within the connect timeout (host down, firewall dropping packets).
    case timedOut(endpoint: String, address: String, seconds: Double)
    /// No route to the host or its network (EHOSTUNREACH, ENETUNREACH).
    case unreachable(endpoint: String, address: String, errno: Int32)
    /// Any other failing socket call.
    case socket(endpoint: String, operation: String, errno: Int32)
    /// The operation needs RFC 2217 (a break over a raw TCP port).
    case needsRfc2217(endpoint: String, what: String)

    public var description: String {
        switch self {
        case .cannotResolve(let host, let detail):
            return "cannot resolve \(host): check the name or use an IP address (\(detail))"
        case .refused(let endpoint, let address):
            return "nothing listens on \(Self.named(endpoint, address)): is ser2net running and is the port in its config?"
        case .timedOut(let endpoint, let address, let seconds):
            return "no answer from \(Self.named(endpoint, address)) within \(format2(seconds)) s: "
                + "check that the host is up and that no firewall drops the port"
        case .unreachable(let endpoint, let address, let code):
            return "cannot reach \(Self.named(endpoint, address)) (\(errnoText(code))): check the network, the route or the VPN"
        case .socket(let endpoint, let operation, let code):
            return "\(operation) for \(endpoint) failed: \(errnoText(code))"
        case .needsRfc2217(let endpoint, let what):
            return "\(endpoint) is a raw TCP port, which cannot carry \(what): export the port with "
                + "ser2net's telnet(rfc2217) accepter and use rfc2217://"
        }
    }

    /// "lab-host-3:3001 (10.0.0.3)", or just the address when the user gave one.
    private static func named(_ endpoint: String, _ address: String) -> String {
        endpoint.hasPrefix(address + ":") || endpoint.hasPrefix("[\(address)]:") ? endpoint : "\(endpoint) (\(address))"
    }
}
