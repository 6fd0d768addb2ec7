import SystemPackage

/// A TCP connection to a remote console, on `TcpSocket`'s calls: connections are values here,
/// and failures typed errors that say what to check.
final class TcpConnection {
    enum ReadOutcome: Equatable {
        case bytes(Int)
        case wouldBlock
        /// The far end closed the connection (ser2net stopped, or it dropped the client).
        case closed
        case failed(errno: Int32)
    }

    /// A non-blocking connect that has not finished: wait for `descriptor` to be writable, then `finish`.
    struct Attempt {
        let descriptor: Int32
        let address: SocketAddress
        let endpoint: String
        let started: UInt64
    }

    enum Start {
        case connected(TcpConnection)
        case inProgress(Attempt)
    }

    let address: SocketAddress
    /// How long the TCP handshake took: one network round trip, a floor for the delay of every byte.
    let connectNanoseconds: UInt64
    private(set) var descriptor: Int32

    private init(descriptor: Int32, address: SocketAddress, connectNanoseconds: UInt64) {
        self.descriptor = descriptor
        self.address = address
        self.connectNanoseconds = connectNanoseconds
    }

    deinit { close() }

    // MARK: - Resolving

    static func resolve(_ endpoint: RemoteEndpoint) throws(RemoteError) -> [SocketAddress] {
        switch TcpSocket.resolve(host: endpoint.host, port: endpoint.port) {
        case .failure(let failure): throw .cannotResolve(host: endpoint.host, detail: failure.detail)
        case .success(let addresses) where addresses.isEmpty: throw .cannotResolve(host: endpoint.host, detail: "no address")
        case .success(let addresses): return addresses
        }
    }

    // MARK: - Connecting

    /// Starts a non-blocking connect; a refusal on loopback can come back at once.
    static func start(to address: SocketAddress, endpoint: String) throws(RemoteError) -> Start {
        let started = MonotonicClock.now()
        switch TcpSocket.startConnect(to: address) {
        case .success(.connected(let descriptor)):
            return .connected(try established(descriptor, address: address, endpoint: endpoint, started: started))
        case .success(.inProgress(let descriptor)):
            return .inProgress(Attempt(descriptor: descriptor, address: address, endpoint: endpoint, started: started))
        case .failure(let call) where call.operation == "connect":
            throw failure(call.code.rawValue, endpoint: endpoint, address: address.text)
        case .failure(let call):
            throw .socket(endpoint: endpoint, operation: call.operation, errno: call.code.rawValue)
        }
    }

    /// Completes an attempt whose descriptor poll() reported writable (or failed).
    static func finish(_ attempt: Attempt) throws(RemoteError) -> TcpConnection {
        if let code = TcpSocket.pendingError(attempt.descriptor) {
            TcpSocket.close(attempt.descriptor)
            throw failure(code.rawValue, endpoint: attempt.endpoint, address: attempt.address.text)
        }
        return try established(attempt.descriptor, address: attempt.address, endpoint: attempt.endpoint, started: attempt.started)
    }

    /// Gives up on an attempt (timeout, or the capture ends).
    static func abandon(_ attempt: Attempt) {
        TcpSocket.close(attempt.descriptor)
    }

    /// Connects to the first address that accepts, waiting at most `timeout` seconds for each:
    /// for the start of a capture, where waiting is fine and a clear error is the point.
    static func connect(_ endpoint: RemoteEndpoint, addresses: [SocketAddress], timeout: Double) throws(RemoteError) -> TcpConnection {
        var lastError = RemoteError.cannotResolve(host: endpoint.host, detail: "no address")
        for address in addresses {
            do throws(RemoteError) {
                switch try start(to: address, endpoint: endpoint.hostAndPort) {
                case .connected(let connection):
                    return connection
                case .inProgress(let attempt):
                    guard TcpSocket.waitWritable(attempt.descriptor, seconds: timeout) else {
                        abandon(attempt)
                        throw .timedOut(endpoint: endpoint.hostAndPort, address: address.text, seconds: timeout)
                    }
                    return try finish(attempt)
                }
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private static func established(_ descriptor: Int32, address: SocketAddress, endpoint: String, started: UInt64) throws(RemoteError) -> TcpConnection {
        if let code = TcpSocket.configureEstablished(descriptor) {
            TcpSocket.close(descriptor)
            throw .socket(endpoint: endpoint, operation: "setsockopt", errno: code.rawValue)
        }
        return TcpConnection(descriptor: descriptor, address: address, connectNanoseconds: MonotonicClock.now() - started)
    }

    private static func failure(_ code: Int32, endpoint: String, address: String) -> RemoteError {
        switch Errno(rawValue: code) {
        case .connectionRefused: return .refused(endpoint: endpoint, address: address)
        case .timedOut: return .timedOut(endpoint: endpoint, address: address, seconds: 0)
        case .noRouteToHost, .networkUnreachable, .hostIsDown, .networkDown: return .unreachable(endpoint: endpoint, address: address, errno: code)
        default: return .socket(endpoint: endpoint, operation: "connect", errno: code)
        }
    }

    // MARK: - Bytes

    func read(into buffer: UnsafeMutableRawBufferPointer) -> ReadOutcome {
        guard descriptor >= 0, let base = buffer.baseAddress else { return .closed }
        switch DescriptorIO.read(descriptor, into: UnsafeMutableRawBufferPointer(start: base, count: buffer.count)) {
        case .success(let count) where count > 0: return .bytes(count)
        case .success: return .closed
        case .failure(.resourceTemporarilyUnavailable): return .wouldBlock
        case .failure(let failure): return .failed(errno: failure.rawValue)
        }
    }

    /// Non-blocking write; the number of bytes the socket took (0 when its buffer is full).
    func write(_ bytes: UnsafeRawBufferPointer, endpoint: String) throws(RemoteError) -> Int {
        guard descriptor >= 0 else { throw .socket(endpoint: endpoint, operation: "write", errno: Errno.badFileDescriptor.rawValue) }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
        switch TcpSocket.send(descriptor, base, count: bytes.count) {
        case .success(let count): return count
        case .failure(.resourceTemporarilyUnavailable): return 0
        case .failure(let failure): throw .socket(endpoint: endpoint, operation: "write", errno: failure.rawValue)
        }
    }

    func close() {
        guard descriptor >= 0 else { return }
        TcpSocket.close(descriptor)
        descriptor = -1
    }
}
