/// A remote console whose connection dropped (ser2net restarted, the lab host rebooted, the
/// network went away): reconnected without stalling the other consoles. Each attempt is a
/// non-blocking connect watched by the capture's poll loop, to the address resolved at the
/// start (a resolver that hangs cannot stop the capture); refusals back off from 0.25 s,
/// doubling to 5 s, and start from 0.25 s again once a connection has worked.
struct RemoteReconnect {
    static let firstBackoff: UInt64 = 250_000_000
    static let longestBackoff: UInt64 = 5_000_000_000
    /// An attempt not answered by then is abandoned (a host that drops packets answers never).
    static let attemptTimeout: UInt64 = 3_000_000_000

    let endpoint: RemoteEndpoint
    let address: SocketAddress
    var attempt: TcpConnection.Attempt?
    var attemptDeadline: UInt64?
    /// The wait before the next attempt.
    var backoff = RemoteReconnect.firstBackoff
    /// When the current connection was made. A server that accepts and closes at once (ser2net
    /// whose device cannot be opened) must back off too, so only a connection that lasted
    /// `settledAfter` starts the next round of attempts from the first wait again.
    var connectedAt: UInt64?
    static let settledAfter: UInt64 = 5_000_000_000
    /// The current connection brought console bytes: it worked, however short it was (ser2net
    /// restarted twice in a row is not a server that refuses), so the next drop waits the least.
    var carriedData = false

    init(endpoint: RemoteEndpoint, address: SocketAddress) {
        self.endpoint = endpoint
        self.address = address
    }

    /// The connection dropped at `now`: when to try again.
    mutating func lost(now: UInt64) -> UInt64 {
        if carriedData { backoff = Self.firstBackoff }
        if let connectedAt, now >= connectedAt + Self.settledAfter { backoff = Self.firstBackoff }
        connectedAt = nil
        carriedData = false
        return failed(now: now)
    }

    mutating func failed(now: UInt64) -> UInt64 {
        attempt = nil
        attemptDeadline = nil
        let wait = backoff
        backoff = min(backoff * 2, Self.longestBackoff)
        return now + wait
    }
}

extension CaptureEngine {
    func startConnectAttempt(_ channel: ConsoleChannel, now: UInt64) {
        guard var remote = channel.remote, remote.attempt == nil else { return }
        do {
            switch try TcpConnection.start(to: remote.address, endpoint: remote.endpoint.hostAndPort) {
            case .connected(let connection):
                connected(channel, connection)
                return
            case .inProgress(let attempt):
                remote.attempt = attempt
                remote.attemptDeadline = now + RemoteReconnect.attemptTimeout
                channel.remote = remote
            }
        } catch {
            connectFailed(channel, reason: error.description, now: now)
        }
    }

    /// poll() says the connect finished (or failed).
    func finishConnectAttempt(_ channel: ConsoleChannel) {
        guard let attempt = channel.remote?.attempt else { return }
        channel.remote?.attempt = nil
        channel.remote?.attemptDeadline = nil
        do {
            connected(channel, try TcpConnection.finish(attempt))
        } catch {
            connectFailed(channel, reason: error.description, now: MonotonicClock.now())
        }
    }

    /// Gives up attempts that are past their deadline; called each time round the loop.
    func timeOutConnectAttempts(now: UInt64) {
        for channel in channels {
            if let deadline = channel.remote?.attemptDeadline, now >= deadline { timeOutAttempt(channel, now: now) }
        }
    }

    func abandonConnectAttempt(_ channel: ConsoleChannel) {
        guard let attempt = channel.remote?.attempt else { return }
        TcpConnection.abandon(attempt)
        channel.remote?.attempt = nil
        channel.remote?.attemptDeadline = nil
    }

    private func timeOutAttempt(_ channel: ConsoleChannel, now: UInt64) {
        guard let remote = channel.remote else { return }
        abandonConnectAttempt(channel)
        let error = RemoteError.timedOut(
            endpoint: remote.endpoint.hostAndPort, address: remote.address.text, seconds: Double(RemoteReconnect.attemptTimeout) / 1e9)
        connectFailed(channel, reason: error.description, now: now)
    }

    private func connectFailed(_ channel: ConsoleChannel, reason: String, now: UInt64) {
        noteReopenFailure(channel, reason: reason, time: now)
        channel.nextReopenAttempt = channel.remote?.failed(now: now) ?? now + Self.reopenInterval
    }

    private func connected(_ channel: ConsoleChannel, _ connection: TcpConnection) {
        guard let endpoint = channel.remote?.endpoint else { return }
        channel.remote?.connectedAt = MonotonicClock.now()
        portIsBack(channel, port: RemotePort(connection: connection, endpoint: endpoint, settings: channel.descriptor.settings),
                   time: MonotonicClock.now())
    }

    /// What the far end reported (RFC 2217 settings confirmed, line and modem state) as records.
    func recordNotices(of port: any ConsolePort, channel: ConsoleChannel, time: UInt64) {
        for notice in port.takeNotices() {
            switch notice {
            case .settingsConfirmed(let text):
                record(.settingsApplied, channel: channel, detail: text, settings: port.appliedSettings, time: time)
            case .settingDiffers(let text), .warning(let text):
                // Once per text: a server that fails the same way on every reconnect says it once.
                guard channel.lastRemoteWarning != text else { continue }
                channel.lastRemoteWarning = text
                warn("\(channel.name): \(text)", time: time, console: channel.descriptor.id)
            case .lineError(let text):
                recordLoss(text, channel: channel, time: time)
            case .lineState(let text):
                append(ControlRecord(kind: .note, console: channel.descriptor.id, sequence: nextSequence(), time: time, detail: text))
                // A framing error or a break explains garbage in the log next to it, so it goes there too.
                channel.textLog.note(text, time: time)
            case .modemState(let text):
                // Modem lines are for the session only: ser2net reports them on every connect.
                append(ControlRecord(kind: .note, console: channel.descriptor.id, sequence: nextSequence(), time: time, detail: text))
            }
        }
    }
}

extension RemotePort {
    /// The header's record of how this console is reached.
    var link: RemoteLink {
        RemoteLink(transport: endpoint.transport.rawValue, host: endpoint.host, port: endpoint.port, address: connection.address.text,
                   connectMicroseconds: Int(connection.connectNanoseconds / 1000))
    }
}
