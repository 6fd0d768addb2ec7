/// What the capture loop needs of a console's connection, local or remote: a descriptor to
/// poll, reads that say when the other end is gone, and a way to send typed keys and breaks.
/// A socket fd is pollable like a tty fd, so a remote console is one more channel of the loop.
protocol ConsolePort: AnyObject {
    /// How the port is named in records: "/dev/ttyUSB0", "rfc2217://lab-host-3:3001".
    var path: String { get }
    var fileDescriptor: Int32 { get }
    /// The line settings in effect, when ampscope set them (a raw TCP port runs at ser2net's).
    var appliedSettings: SerialSettings? { get }
    /// What the port reports back after opening, for the settings-applied record.
    var appliedDescription: String { get }
    /// Bytes of the port's own (telnet answers) wait to be sent: poll for writable too.
    var hasPendingOutput: Bool { get }
    /// When the port needs `service(now:)` although nothing arrived (a break to end).
    var deadline: UInt64? { get }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> SerialPort.ReadResult
    /// Sends typed bytes (escaped as the transport needs); returns how many the port took.
    func sendInput(_ bytes: UnsafeRawBufferPointer) throws(ConsolePortError) -> Int
    func sendBreakCondition() throws(ConsolePortError)
    /// Sends what the port queued of its own; called when poll says it can write.
    func flushOutput()
    func service(now: UInt64)
    /// What the far end reported since the last call (RFC 2217 line and modem state, settings).
    func takeNotices() -> [RemoteNotice]
    /// The driver's error counters (TIOCGICOUNT), or why there are none.
    func readErrorCounters() -> UARTCounterReading
    func close()
}

/// A failed write or break on either kind of port.
enum ConsolePortError: Error, CustomStringConvertible {
    case serial(SerialError)
    case remote(RemoteError)

    var description: String {
        switch self {
        case .serial(let error): return error.description
        case .remote(let error): return error.description
        }
    }
}

extension SerialPort: ConsolePort {
    var appliedSettings: SerialSettings? { settings }
    var hasPendingOutput: Bool { false }
    var deadline: UInt64? { nil }

    func sendInput(_ bytes: UnsafeRawBufferPointer) throws(ConsolePortError) -> Int {
        do { return try write(bytes) } catch { throw .serial(error) }
    }

    func sendBreakCondition() throws(ConsolePortError) {
        do { try sendBreak() } catch { throw .serial(error) }
    }

    func flushOutput() {}
    func service(now: UInt64) {}
    func takeNotices() -> [RemoteNotice] { [] }
}
