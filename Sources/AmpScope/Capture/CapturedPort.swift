/// What the capture records of a port beyond its bytes: the far end's notices and the driver's
/// error counters, which only the capture asks for.
protocol CapturedPort: ConsolePort {
    /// What the far end reported since the last call (RFC 2217 line and modem state, settings).
    func takeNotices() -> [RemoteNotice]
    /// The driver's error counters (TIOCGICOUNT), or why there are none.
    func readErrorCounters() -> UARTCounterReading
}

extension SerialPort: CapturedPort {
    var appliedSettings: SerialSettings? { settings }
    var hasPendingOutput: Bool { false }
    var deadline: UInt64? { nil }

    func sendInput(_ bytes: UnsafeRawBufferPointer) throws(ConsolePortError) -> Int {
        do { return try write(bytes) } catch { throw ConsolePortError(error) }
    }

    func sendBreakCondition() throws(ConsolePortError) {
        do { try sendBreak() } catch { throw ConsolePortError(error) }
    }

    func flushOutput() {}
    func service(now: UInt64) {}
    func takeNotices() -> [RemoteNotice] { [] }
}

extension RemotePort: CapturedPort {}
