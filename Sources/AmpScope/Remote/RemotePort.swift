/// A console exported by ser2net: a TCP connection, with telnet and RFC 2217 on top for
/// `rfc2217://`. Reads give exactly the bytes the board sent (IAC IAC un-escaped, commands
/// taken out and answered); typed keys are escaped on the way out.
final class RemotePort: ConsolePort {
    let endpoint: RemoteEndpoint
    let settings: SerialSettings
    let connection: TcpConnection
    /// How long a break lasts: as long as tcsendbreak's on Linux, so both kinds of port match.
    static let breakDuration: UInt64 = 250_000_000

    private var decoder = TelnetDecoder()
    private var negotiation: Rfc2217Negotiation?
    private var outbox: [UInt8] = []
    private var notices: [RemoteNotice] = []
    private var breakEndsAt: UInt64?
    private var commands: [TelnetCommand] = []
    /// Until the server has spoken telnet, nothing is sent: a raw port (a tcp accepter named
    /// with rfc2217://) would pass our telnet commands to the board as keystrokes, and any key
    /// stops U-Boot's autoboot, while a board that is still off says nothing for minutes, so no
    /// timer can tell the two apart. ser2net's telnet accepter (and pyserial's RFC 2217 server)
    /// open with their own negotiation at once; a note says so after `serverFirstWait` of silence.
    private var awaitingServer = false
    private var silenceNoteAt: UInt64?
    private var firstRead = true
    /// No console byte delivered yet on this connection: where ser2net's own messages come.
    private var atStart = true
    /// What ser2net 4 writes to a client (as data, before closing) when it cannot open the
    /// device behind the port; measured by hand with a missing /dev/pts path.
    static let openFailurePrefix = Array("Device open failure: ".utf8)
    static let serverFirstWait: UInt64 = 2_000_000_000

    init(connection: TcpConnection, endpoint: RemoteEndpoint, settings: SerialSettings) {
        self.connection = connection
        self.endpoint = endpoint
        self.settings = settings
        if endpoint.transport == .rfc2217 {
            negotiation = Rfc2217Negotiation(settings: settings)
            awaitingServer = true
            silenceNoteAt = MonotonicClock.now() + Self.serverFirstWait
        }
    }

    /// Resolves the host and connects, waiting up to `timeout` s: the start of a capture,
    /// where a clear error beats a console that silently never comes.
    static func connect(_ endpoint: RemoteEndpoint, settings: SerialSettings, timeout: Double = 5) throws(RemoteError) -> RemotePort {
        let addresses = try TcpConnection.resolve(endpoint)
        let connection = try TcpConnection.connect(endpoint, addresses: addresses, timeout: timeout)
        return RemotePort(connection: connection, endpoint: endpoint, settings: settings)
    }

    var path: String { endpoint.description }
    var fileDescriptor: Int32 { connection.descriptor }
    var appliedSettings: SerialSettings? { negotiation == nil ? nil : settings }
    var hasPendingOutput: Bool { !outbox.isEmpty }
    var deadline: UInt64? { [breakEndsAt, silenceNoteAt].compactMap { $0 }.min() }

    var appliedDescription: String {
        let link = "\(connection.address.text) port \(endpoint.port), TCP connect took \(Self.milliseconds(connection.connectNanoseconds))"
        if negotiation != nil {
            return "RFC 2217 over \(link); asks the remote port for \(settings.summary)\(settings.flowControl == .none ? ", no flow control" : "") "
                + "once the server opens the telnet negotiation, and records its confirmation; ampscope does not set DTR/RTS"
        }
        return "raw TCP over \(link); the line settings are ser2net's own (a raw port cannot set them; use rfc2217:// for that)"
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> ConsoleReadResult {
        switch connection.read(into: buffer) {
        case .bytes(let count):
            checkFirstBytes(buffer, count: count)
            guard var negotiation else { return .bytes(takeServerMessage(buffer, count: count)) }
            if awaitingServer {
                awaitingServer = false
                silenceNoteAt = nil
                outbox += negotiation.opening()
            }
            commands.removeAll(keepingCapacity: true)
            let data = decoder.decode(inPlace: buffer, count: count, commands: &commands)
            for command in commands { outbox += negotiation.handle(command, notices: &notices) }
            self.negotiation = negotiation
            flushOutput()
            return .bytes(takeServerMessage(buffer, count: data))
        case .wouldBlock:
            return .wouldBlock
        case .closed:
            return .hangup("\(endpoint) closed the connection (ser2net stopped or restarted, or dropped this client)")
        case .failed(let code):
            return .hangup("reading \(endpoint) failed: \(errnoText(code))")
        }
    }

    func sendInput(_ bytes: UnsafeRawBufferPointer) throws(ConsolePortError) -> Int {
        if negotiation != nil {
            TelnetEncoder.escape(bytes, into: &outbox)
        } else {
            outbox.append(contentsOf: bytes)
        }
        try send()
        return bytes.count
    }

    func sendBreakCondition() throws(ConsolePortError) {
        guard negotiation != nil else { throw ConsolePortError(RemoteError.needsRfc2217(endpoint: endpoint.description, what: "a break")) }
        outbox += Rfc2217Negotiation.breakCommand(on: true)
        breakEndsAt = MonotonicClock.now() + Self.breakDuration
        try send()
    }

    func service(now: UInt64) {
        if let noteAt = silenceNoteAt, now >= noteAt {
            silenceNoteAt = nil
            notices.append(.warning("\(endpoint) has not started telnet negotiation after \(Self.serverFirstWait / 1_000_000_000) s: "
                + "ampscope waits for it before setting the line (ser2net's telnet(rfc2217) accepter starts at once), so a raw port's "
                + "board is sent nothing; if this is a raw port (ser2net accepter tcp), use tcp://\(endpoint.hostAndPort)"))
        }
        guard let end = breakEndsAt, now >= end else { return }
        breakEndsAt = nil
        outbox += Rfc2217Negotiation.breakCommand(on: false)
        flushOutput()
    }

    /// A failure here shows up as a hangup on the next read, which is where it is recorded.
    func flushOutput() {
        try? send()
    }

    /// The first bytes tell a telnet server from a raw one: ser2net's telnet accepter opens
    /// with IAC WILL/DO, a raw one with the board's output. A mismatch is said, and handled so
    /// that the bytes stay exact and nothing unasked reaches the board.
    private func checkFirstBytes(_ buffer: UnsafeMutableRawBufferPointer, count: Int) {
        guard firstRead, count > 0 else { return }
        firstRead = false
        let speaksTelnet = buffer[0] == TelnetByte.iac && (count < 2 || TelnetVerb(rawValue: buffer[1]) != nil)
        if negotiation != nil && awaitingServer && !speaksTelnet {
            negotiation = nil
            awaitingServer = false
            silenceNoteAt = nil
            notices.append(.warning("\(endpoint) sent console bytes before any telnet negotiation: it looks like a raw port "
                + "(ser2net accepter tcp), so it is read raw and the line settings stay ser2net's; use tcp://\(endpoint.hostAndPort)"))
        } else if negotiation == nil && speaksTelnet {
            notices.append(.warning("\(endpoint) opened with telnet negotiation: it is a telnet port (ser2net accepter telnet(rfc2217)), "
                + "whose commands are recorded as console bytes here; use rfc2217://\(endpoint.hostAndPort)"))
        }
    }

    /// ser2net's "Device open failure: …" line at the start of a connection is not the board's:
    /// it becomes a notice, and the console bytes stay exactly the board's. Returns the count
    /// of data bytes left at the front of `buffer`. (A message split over two reads is kept as data.)
    private func takeServerMessage(_ buffer: UnsafeMutableRawBufferPointer, count: Int) -> Int {
        guard atStart, count > 0 else { return count }
        atStart = false
        let prefix = Self.openFailurePrefix
        guard count > prefix.count, buffer.prefix(prefix.count).elementsEqual(prefix),
              let end = (prefix.count..<count).first(where: { buffer[$0] == UInt8(ascii: "\n") }) else { return count }
        let textEnd = end > prefix.count && buffer[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
        let reason = String(decoding: buffer[prefix.count..<textEnd], as: UTF8.self)
        notices.append(.warning("ser2net could not open the device behind \(endpoint) (\(reason)): check the connector's device path "
            + "in ser2net's config and that the adapter is plugged into the lab host"))
        let rest = count - (end + 1)
        if rest > 0 { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[(end + 1)..<count])) }
        return rest
    }

    func readErrorCounters() -> UARTCounterReading {
        endpoint.transport == .rfc2217
            ? .notKept("read over the network: the server's RFC 2217 line-state notifications report overruns and framing errors instead")
            : .notKept("read over a raw TCP port, which reports no line errors")
    }

    func takeNotices() -> [RemoteNotice] {
        defer { notices.removeAll() }
        return notices
    }

    func close() {
        connection.close()
    }

    private func send() throws(ConsolePortError) {
        guard !outbox.isEmpty else { return }
        let name = endpoint.description
        let result = outbox.withUnsafeBytes { raw in Result { () throws(RemoteError) -> Int in try connection.write(raw, endpoint: name) } }
        switch result {
        case .success(let written): outbox.removeFirst(written)
        case .failure(let error): throw ConsolePortError(error)
        }
    }

    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let value = Double(nanoseconds) / 1e6
        return value < 10 ? format2(value) + " ms" : "\(Int(value.rounded())) ms"
    }
}
