/// Bytes lost on the way are recorded where they happened, never hidden: the driver's error
/// counters (TIOCGICOUNT) are read after each drained burst and at the end, and RFC 2217
/// line-state errors arrive as notices. Each loss is a `loss` control record, a line in the
/// text log and a notice in the live view.
extension CaptureEngine {
    func checkErrorCounters(_ channel: ConsoleChannel, time: UInt64) {
        guard let before = channel.errorCounters, let port = channel.port,
              case .counters(let now) = port.readErrorCounters() else { return }
        channel.errorCounters = now
        if let loss = now.loss(since: before) { recordLoss(loss.description, channel: channel, time: time) }
    }

    func recordLoss(_ text: String, channel: ConsoleChannel, time: UInt64) {
        append(ControlRecord(kind: .loss, console: channel.descriptor.id, sequence: nextSequence(), time: time, detail: text))
        channel.textLog.note("LOST: \(text)", time: time)
        view?.notice("\(channel.name): \(text)", time: time)
    }
}
