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

    func read(into buffer: UnsafeMutableRawBufferPointer) -> ConsoleReadResult
    /// Sends typed bytes (escaped as the transport needs); returns how many the port took.
    func sendInput(_ bytes: UnsafeRawBufferPointer) throws(ConsolePortError) -> Int
    func sendBreakCondition() throws(ConsolePortError)
    /// Sends what the port queued of its own; called when poll says it can write.
    func flushOutput()
    func service(now: UInt64)
    func close()
}

/// What one read of a console port gave.
public enum ConsoleReadResult: Sendable, Equatable {
    case bytes(Int)
    case wouldBlock
    /// The port is gone for good; the text says why, for the user.
    case hangup(String)
}

/// A failed write or break on either kind of port; the port's own typed error gives the message.
struct ConsolePortError: Error, CustomStringConvertible {
    let cause: any Error & CustomStringConvertible & Sendable

    init(_ cause: any Error & CustomStringConvertible & Sendable) {
        self.cause = cause
    }

    var description: String { cause.description }
}
