import SystemPackage
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
/// connect, setsockopt, send, close. Failures come back as the typed errno (or the resolver's
/// text); `TcpConnection` turns them into what the user should do.
enum TcpSocket {
    /// The addresses `host` resolves to for `port`, each once, or the resolver's reason.
    static func resolve(host: String, port: UInt16) -> Result<[SocketAddress], ResolveFailure> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        hints.ai_flags = AI_ADDRCONFIG | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let list else {
            let detail = status == EAI_SYSTEM ? errnoText(errno) : String(cString: gai_strerror(status))
            return .failure(ResolveFailure(detail: detail))
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
        return .success(addresses)
    }

    struct ResolveFailure: Error {
        let detail: String
    }

    private static func numericText(_ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> String {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(address, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else { return "?" }
        return String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A call that failed, and its errno.
    struct Failure: Error {
        let operation: String
        let code: Errno
    }

    enum Start {
        /// Connected at once (loopback can): the descriptor.
        case connected(Int32)
        /// Wait for the descriptor to be writable, then ask `pendingError`.
        case inProgress(Int32)
    }

    /// A non-blocking, close-on-exec socket connecting to `address`; a refusal on loopback can
    /// come back at once (then the socket is closed and `connect` fails).
    static func startConnect(to address: SocketAddress) -> Result<Start, Failure> {
        let descriptor = socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return .failure(Failure(operation: "socket", code: Errno(rawValue: errno))) }
        let result = address.storage.withUnsafeBytes { raw in
            Glibc.connect(descriptor, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
        let code = errno
        if result == 0 { return .success(.connected(descriptor)) }
        guard code == EINPROGRESS || code == EINTR else {
            Glibc.close(descriptor)
            return .failure(Failure(operation: "connect", code: Errno(rawValue: code)))
        }
        return .success(.inProgress(descriptor))
    }

    /// Why a connect that poll() reported done failed (SO_ERROR), or nil when it succeeded.
    static func pendingError(_ descriptor: Int32) -> Errno? {
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        if getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &length) != 0 { code = errno }
        return code == 0 ? nil : Errno(rawValue: code)
    }

    /// Waits until a connecting socket is writable (or poll fails, which `pendingError` then
    /// reads); false when `seconds` passed first.
    static func waitWritable(_ descriptor: Int32, seconds: Double) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        let deadline = SystemClock.monotonic() + UInt64(seconds * 1e9)
        while true {
            let now = SystemClock.monotonic()
            guard now < deadline else { return false }
            let result = poll(&entry, 1, Int32(clamping: (deadline - now + 999_999) / 1_000_000))
            if result > 0 { return true }
            if result < 0 && errno != EINTR { return true }
        }
    }

    /// TCP_NODELAY so typed keys go out at once; keepalive so a host that vanished (cable
    /// pulled, no FIN) is noticed within about 20 s instead of hours. Nil, or the errno of the
    /// option that failed.
    static func configureEstablished(_ descriptor: Int32) -> Errno? {
        let options: [(Int32, Int32, Int32)] = [
            (Int32(IPPROTO_TCP), TCP_NODELAY, 1), (SOL_SOCKET, SO_KEEPALIVE, 1),
            (Int32(IPPROTO_TCP), TCP_KEEPIDLE, 10), (Int32(IPPROTO_TCP), TCP_KEEPINTVL, 5), (Int32(IPPROTO_TCP), TCP_KEEPCNT, 2),
        ]
        for (level, name, value) in options {
            var value = value
            if setsockopt(descriptor, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) != 0 { return Errno(rawValue: errno) }
        }
        return nil
    }

    /// send(2) without SIGPIPE, EINTR retried: the bytes the socket took, or why none.
    static func send(_ descriptor: Int32, _ base: UnsafeRawPointer, count: Int) -> Result<Int, Errno> {
        SystemCall.retryingInterrupts { Glibc.send(descriptor, base, count, Int32(MSG_NOSIGNAL)) }
    }

    static func close(_ descriptor: Int32) {
        Glibc.close(descriptor)
    }
}
