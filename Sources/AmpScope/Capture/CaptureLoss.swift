/// Bytes lost on the way are recorded where they happened, never hidden: the driver's error
/// counters (TIOCGICOUNT) are read around each read, and RFC 2217 line-state errors arrive as
/// notices. Each loss is a `loss` control record, a line in the text log and a notice in the
/// live view.
extension CaptureEngine {
    /// Which counters a reading takes in. Errors at the UART (overrun, framing, parity, break)
    /// arrive with the bytes that follow them, so they are read before a read's bytes are
    /// recorded; a full tty buffer drops what comes after everything it holds, so that count is
    /// taken once the buffer has been drained, after the bytes.
    enum CounterReading { case atTheUART, all }

    func checkErrorCounters(_ channel: ConsoleChannel, time: UInt64, reading: CounterReading = .all) {
        guard let before = channel.errorCounters, let port = channel.port,
              case .counters(var now) = port.readErrorCounters() else { return }
        if reading == .atTheUART { now.bufferOverrun = before.bufferOverrun }
        channel.errorCounters = now
        if let loss = now.loss(since: before) { recordLoss(loss.description, channel: channel, time: time) }
    }

    func recordLoss(_ text: String, channel: ConsoleChannel, time: UInt64) {
        append(ControlRecord(kind: .loss, console: channel.descriptor.id, sequence: nextSequence(), time: time, detail: text))
        channel.textLog.note("LOST: \(text)", time: time)
        view?.notice("\(channel.name): \(text)", time: time)
    }
}
