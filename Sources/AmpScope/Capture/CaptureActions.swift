/// How the loop carries out what the probe and the stop conditions ask (`CaptureAction`), and
/// how it runs the probe: started with the capture, looked at when its deadline passes.
extension CaptureEngine {
    func apply(_ actions: [CaptureAction], time: UInt64) {
        for action in actions {
            switch action {
            case .type(let console, let bytes, let recorded, let source, let unplugged):
                let channel = channels[console]
                guard channel.port != nil else {
                    note(unplugged, console: console, source: source, probeStep: nil, time: time)
                    continue
                }
                append(ControlRecord(kind: .input, console: channel.descriptor.id, sequence: nextSequence(), time: time,
                                     bytes: recorded, source: source))
                channel.pendingInput.append(contentsOf: bytes)
                writePendingInput(channel)
            case .note(let text, let console, let source, let probeStep):
                note(text, console: console, source: source, probeStep: probeStep, time: time)
            case .warn(let text):
                warn(text, time: time)
            case .stop(let reason):
                stop(reason)
            }
        }
    }

    private func note(_ text: String, console: Int, source: String, probeStep: ProbeStep?, time: UInt64) {
        append(ControlRecord(kind: .note, console: channels[console].descriptor.id, sequence: nextSequence(), time: time, detail: text,
                             source: source, probeStep: probeStep))
        if let view {
            view.notice(text, time: time)
        } else if options.liveView == false {
            // Headless: the notes are the only sign of what the probe does.
            Self.writeToStandardError("ampscope: \(text)\n")
        }
    }

    func startProbe() {
        guard let request = options.probe, let channel = channels.first(where: { $0.name == request.console }) else { return }
        let now = MonotonicClock.now()
        let driver = ProbeDriver(request: request, console: channel.index, name: channel.name, directory: options.directory, now: now)
        probe = driver
        apply(driver.start(promptTimeout: request.options.promptTimeout), time: now)
    }

    func probeTick(now: UInt64) {
        guard let probe else { return }
        apply(probe.tick(now: now), time: now)
    }

    var probeDeadline: UInt64? { probe?.deadline }
}
