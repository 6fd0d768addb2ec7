#if canImport(Glibc)
import Glibc
#endif

/// The probe inside the capture loop: the conversation is fed the asked console's bytes as they
/// are recorded, and what it types goes out through the same pending-input path as the user's
/// keys, recorded as `input` with `source: "probe"` (the password as `<password>`).
final class ProbeDriver {
    var conversation: ProbeConversation
    let channel: ConsoleChannel
    let stopWhenDone: Bool

    init(conversation: ProbeConversation, channel: ConsoleChannel, stopWhenDone: Bool) {
        self.conversation = conversation
        self.channel = channel
        self.stopWhenDone = stopWhenDone
    }
}

extension CaptureEngine {
    func startProbe() {
        guard let request = options.probe, let channel = channels.first(where: { $0.name == request.console }) else { return }
        let now = MonotonicClock.now()
        probe = ProbeDriver(
            conversation: ProbeConversation(console: channel.name, options: request.options, now: now),
            channel: channel, stopWhenDone: request.stopWhenDone)
        probeNote("probe: waiting for a shell or login prompt on \(channel.name) (at most \(Int(request.options.promptTimeout)) s)", channel: channel, time: now)
    }

    func probeReceived(_ bytes: [UInt8], channel: ConsoleChannel, time: UInt64) {
        guard let driver = probe, driver.channel === channel else { return }
        perform(driver.conversation.receive(bytes, at: time), driver: driver, time: time)
    }

    func probeTick(now: UInt64) {
        guard let driver = probe, let deadline = driver.conversation.deadline, now >= deadline else { return }
        perform(driver.conversation.tick(at: now), driver: driver, time: now)
    }

    var probeDeadline: UInt64? { probe?.conversation.deadline }

    private func perform(_ actions: [ProbeAction], driver: ProbeDriver, time: UInt64) {
        let channel = driver.channel
        for action in actions {
            switch action {
            case .type(let bytes, let recorded):
                guard channel.port != nil else {
                    probeNote("probe: \(channel.name) is unplugged; nothing typed", channel: channel, time: time)
                    continue
                }
                append(ControlRecord(kind: .input, console: channel.descriptor.id, sequence: nextSequence(), time: time,
                                     bytes: recorded, source: ProbeRecords.source))
                channel.pendingInput.append(contentsOf: bytes)
                writePendingInput(channel)
            case .note(let text):
                probeNote(text.hasPrefix("probe") ? text : "probe: \(text)", channel: channel, time: time)
            case .commandsStarted:
                probeNote(ProbeRecords.commandsStarted, channel: channel, time: time)
            case .finished(let facts):
                do {
                    try ProbeRecords.writeFacts(facts, directory: options.directory)
                } catch {
                    warn("\(error)", time: time)
                }
                let problems = facts.problems.isEmpty ? "" : "; " + facts.problems.joined(separator: "; ")
                probeNote("\(ProbeRecords.finishedPrefix): facts in \(ProbeRecords.factsFile)\(problems)", channel: channel, time: time)
                probe = nil
                if driver.stopWhenDone { stop("the probe is done") }
            }
        }
    }

    private func probeNote(_ text: String, channel: ConsoleChannel, time: UInt64) {
        append(ControlRecord(kind: .note, console: channel.descriptor.id, sequence: nextSequence(), time: time, detail: text,
                             source: ProbeRecords.source))
        if let view {
            view.notice(text, time: time)
        } else if options.liveView == false {
            // Headless: the notes are the only sign of what the probe does.
            Self.writeToStandardError("ampscope: \(text)\n")
        }
    }
}
