#if canImport(Glibc)
import Glibc
#endif

/// One address a host name resolved to, kept as the raw sockaddr so a reconnect needs no
/// new lookup (a resolver that hangs must not stall the capture loop).
public struct SocketAddress: Sendable, Hashable {
    let family: Int32
    let storage: [UInt8]
    /// "10.0.0.3", "::1".
    public let text: String
}

/// Every raw socket call of the remote consoles: getaddrinfo, socket, connect, poll for the
/// connect, read, write, close. Above this file, connections are values and typed errors.
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
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        hints.ai_flags = AI_ADDRCONFIG | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(endpoint.host, String(endpoint.port), &hints, &list)
        guard status == 0, let list else {
            let detail = status == EAI_SYSTEM ? errnoText(errno) : String(cString: gai_strerror(status))
            throw .cannotResolve(host: endpoint.host, detail: detail)
        }
        defer { freeaddrinfo(list) }
        var addresses: [SocketAddress] = []
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let current = entry {
            if let raw = current.pointee.ai_addr {
                let storage = Array(UnsafeRawBufferPointer(start: raw, count: Int(current.pointee.ai_addrlen)))
                let address = SocketAddress(family: current.pointee.ai_family, storage: storage, text: numericText(raw, current.pointee.ai_addrlen))
                if !addresses.contains(address) { addresses.append(address) }
            }
            entry = current.pointee.ai_next
        }
        guard !addresses.isEmpty else { throw .cannotResolve(host: endpoint.host, detail: "no address") }
        return addresses
    }

    private static func numericText(_ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> String {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(address, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else { return "?" }
        return String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: - Connecting

    /// Starts a non-blocking connect; a refusal on loopback can come back at once.
    static func start(to address: SocketAddress, endpoint: String) throws(RemoteError) -> Start {
        let started = MonotonicClock.now()
        let descriptor = socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .socket(endpoint: endpoint, operation: "socket", errno: errno) }
        let result = address.storage.withUnsafeBytes { raw in
            Glibc.connect(descriptor, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
        let code = errno
        if result == 0 {
            return .connected(try established(descriptor, address: address, endpoint: endpoint, started: started))
        }
        guard code == EINPROGRESS || code == EINTR else {
            Glibc.close(descriptor)
            throw failure(code, endpoint: endpoint, address: address.text)
        }
        return .inProgress(Attempt(descriptor: descriptor, address: address, endpoint: endpoint, started: started))
    }

    /// Completes an attempt whose descriptor poll() reported writable (or failed).
    static func finish(_ attempt: Attempt) throws(RemoteError) -> TcpConnection {
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        if getsockopt(attempt.descriptor, SOL_SOCKET, SO_ERROR, &code, &length) != 0 { code = errno }
        guard code == 0 else {
            Glibc.close(attempt.descriptor)
            throw failure(code, endpoint: attempt.endpoint, address: attempt.address.text)
        }
        return try established(attempt.descriptor, address: attempt.address, endpoint: attempt.endpoint, started: attempt.started)
    }

    /// Gives up on an attempt (timeout, or the capture ends).
    static func abandon(_ attempt: Attempt) {
        Glibc.close(attempt.descriptor)
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
                    guard waitWritable(attempt.descriptor, seconds: timeout) else {
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

    private static func waitWritable(_ descriptor: Int32, seconds: Double) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        let deadline = MonotonicClock.now() + UInt64(seconds * 1e9)
        while true {
            let now = MonotonicClock.now()
            guard now < deadline else { return false }
            let result = poll(&entry, 1, Int32(clamping: (deadline - now + 999_999) / 1_000_000))
            if result > 0 { return true }
            if result < 0 && errno != EINTR { return true }  // finish() reads the error
        }
    }

    /// TCP_NODELAY so typed keys go out at once; keepalive so a host that vanished (cable
    /// pulled, no FIN) is noticed within about 20 s instead of hours.
    private static func established(_ descriptor: Int32, address: SocketAddress, endpoint: String, started: UInt64) throws(RemoteError) -> TcpConnection {
        let options: [(Int32, Int32, Int32)] = [
            (Int32(IPPROTO_TCP), TCP_NODELAY, 1), (SOL_SOCKET, SO_KEEPALIVE, 1),
            (Int32(IPPROTO_TCP), TCP_KEEPIDLE, 10), (Int32(IPPROTO_TCP), TCP_KEEPINTVL, 5), (Int32(IPPROTO_TCP), TCP_KEEPCNT, 2),
        ]
        for (level, name, value) in options {
            var value = value
            if setsockopt(descriptor, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) != 0 {
                let code = errno
                Glibc.close(descriptor)
                throw .socket(endpoint: endpoint, operation: "setsockopt", errno: code)
            }
        }
        return TcpConnection(descriptor: descriptor, address: address, connectNanoseconds: MonotonicClock.now() - started)
    }

    private static func failure(_ code: Int32, endpoint: String, address: String) -> RemoteError {
        switch code {
        case ECONNREFUSED: return .refused(endpoint: endpoint, address: address)
        case ETIMEDOUT: return .timedOut(endpoint: endpoint, address: address, seconds: 0)
        case EHOSTUNREACH, ENETUNREACH, EHOSTDOWN, ENETDOWN: return .unreachable(endpoint: endpoint, address: address, errno: code)
        default: return .socket(endpoint: endpoint, operation: "connect", errno: code)
        }
    }

    // MARK: - Bytes

    func read(into buffer: UnsafeMutableRawBufferPointer) -> ReadOutcome {
        guard descriptor >= 0, let base = buffer.baseAddress else { return .closed }
        switch DescriptorIO.read(descriptor, into: UnsafeMutableRawBufferPointer(start: base, count: buffer.count)) {
        case .success(let count) where count > 0: return .bytes(count)
        case .success: return .closed
        case .failure(let failure) where failure.rawValue == EAGAIN: return .wouldBlock
        case .failure(let failure): return .failed(errno: failure.rawValue)
        }
    }

    /// Non-blocking write; the number of bytes the socket took (0 when its buffer is full).
    func write(_ bytes: UnsafeRawBufferPointer, endpoint: String) throws(RemoteError) -> Int {
        guard descriptor >= 0 else { throw .socket(endpoint: endpoint, operation: "write", errno: EBADF) }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
        switch SystemCall.retryingInterrupts({ send(descriptor, base, bytes.count, Int32(MSG_NOSIGNAL)) }) {
        case .success(let count): return count
        case .failure(let failure) where failure.rawValue == EAGAIN: return 0
        case .failure(let failure): throw .socket(endpoint: endpoint, operation: "write", errno: failure.rawValue)
        }
    }

    func close() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
    }
}
