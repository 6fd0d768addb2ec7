/// The capture's state for one console: its port (nil while unplugged), its text log,
/// and what it has done so far.
final class ConsoleChannel {
    let descriptor: ConsoleDescriptor
    let textLog: ConsoleTextLog
    var port: (any CapturedPort)?
    /// The network end and reconnection state, for a console exported by ser2net.
    var remote: RemoteReconnect?
    /// The selector and the node it names now (a replugged adapter can come back under another).
    var binding: PortBinding
    /// What --low-latency changed on the current port, put back at the end.
    var lowLatency: LowLatency?
    /// When the port hung up, while it is away.
    var awaySince: UInt64?
    /// Reopen by trying the path every 250 ms: for ports udev does not announce (on-board UARTs,
    /// links of the user's own, no udev monitor), and after a udev "add" whose open failed.
    var reopensByPolling = true
    /// The port first opened was a pseudo-terminal: never reopened, its number gets reused.
    let wasPseudoTerminal: Bool
    /// Cannot come back (a pseudo-terminal that closed); the capture ends when every port is so.
    var goneForGood = false
    /// The last "a different device appeared" note, so a device sitting there is noted once.
    var lastForeignDevice: String?
    var nextReopenAttempt: UInt64 = 0
    var lastReopenFailure: String?
    /// The last warning a remote port gave, so a repeat is not recorded again.
    var lastRemoteWarning: String?
    /// Typed bytes the port has not accepted yet.
    var pendingInput: [UInt8] = []

    var bytesReceived: UInt64 = 0
    var chunksReceived = 0
    var hangups = 0
    var lastByteTime: UInt64?
    /// The driver's error counters as last read; nil where the port keeps none.
    var errorCounters: UARTErrorCounters?

    init(descriptor: ConsoleDescriptor, textLog: ConsoleTextLog, port: any CapturedPort, binding: PortBinding, lowLatency: LowLatency?) {
        if let remotePort = port as? RemotePort {
            remote = RemoteReconnect(endpoint: remotePort.endpoint, address: remotePort.connection.address)
            remote?.connectedAt = MonotonicClock.now()
        }
        self.descriptor = descriptor
        self.textLog = textLog
        self.port = port
        self.binding = binding
        self.lowLatency = lowLatency
        wasPseudoTerminal = (port as? SerialPort)?.isPseudoTerminal ?? false
        if case .counters(let counters) = port.readErrorCounters() { errorCounters = counters }
    }

    var index: Int { Int(descriptor.id) }
    var name: String { descriptor.name }
}
