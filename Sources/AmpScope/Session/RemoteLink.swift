/// How a remote console was reached, as recorded in the session header: the bytes were stamped
/// when they reached this host, after crossing the network and ser2net, which the timeline's
/// error bound has to say.
public struct RemoteLink: Sendable, Hashable, Codable {
    /// "rfc2217" or "tcp".
    public var transport: String
    /// The host as the user named it, and the address it resolved to at the start.
    public var host: String
    public var port: UInt16
    public var address: String
    /// The TCP handshake at the start: one network round trip, in microseconds.
    public var connectMicroseconds: Int

    public init(transport: String, host: String, port: UInt16, address: String, connectMicroseconds: Int) {
        self.transport = transport
        self.host = host
        self.port = port
        self.address = address
        self.connectMicroseconds = connectMicroseconds
    }

    /// ser2net waits up to this long after a byte for more before sending (its `chardelay`,
    /// on by default with chardelay-max 20000 µs): bytes may reach us that much later.
    public static let serverBatching: Int64 = 20_000_000

    /// How much later than the board sent it a byte may be stamped: the read granularity, the
    /// round trip measured at connect (an upper bound of the one-way delay then) and ser2net's batching.
    public func stampDelay(granularity: Int64) -> Int64 {
        granularity + Int64(connectMicroseconds) * 1000 + Self.serverBatching
    }
}
