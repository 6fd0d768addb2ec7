/// A console whose adapter is pulled out: the hangup is recorded, the other consoles go on,
/// and the port is opened again when the same device is back (DeviceIdentity.swift): USB adapters
/// by their udev identity, on udev's "add" event; on-board UARTs by their path, tried every 250 ms;
/// pseudo-terminals never, since their numbers are handed to the next program that asks.
extension CaptureEngine {
    func startHotplugMonitor() {
        guard options.reopen, channels.contains(where: { $0.binding.adapter != nil }) else { return }
        do {
            hotplug = try HotplugMonitor()
            for channel in channels where channel.binding.adapter != nil { channel.reopensByPolling = false }
        } catch {
            // Without udev the paths are polled as before.
            append(ControlRecord(kind: .note, console: nil, sequence: nextSequence(), time: MonotonicClock.now(),
                                 detail: "no udev monitor (\(error)); unplugged ports are looked for every 250 ms"))
        }
    }

    func handleHotplugEvents() {
        guard let hotplug else { return }
        for event in hotplug.events() {
            let time = MonotonicClock.now()
            switch event.action {
            case .removed:
                for channel in channels where channel.port != nil
                    && (channel.binding.node == event.adapter.node || channel.binding.adapter?.node == event.adapter.node) {
                    hangUp(channel, why: "\(event.adapter.node) was unplugged (udev remove event)", time: time)
                }
            case .added:
                for channel in channels where channel.port == nil && !channel.goneForGood
                    && (channel.binding.isReturning(event.adapter) || channel.binding.node == event.adapter.node) {
                    guard isSameDevice(event.adapter, for: channel, time: time) else { continue }
                    channel.binding.node = event.adapter.node
                    channel.binding.adapter = event.adapter
                    if !reopen(channel, time: time) {
                        // Busy or not ready yet: try the new node every 250 ms until it opens.
                        channel.reopensByPolling = true
                        channel.nextReopenAttempt = time + Self.reopenInterval
                    }
                }
            }
        }
    }

    func hangUp(_ channel: ConsoleChannel, why: String, time: UInt64) {
        channel.port?.close()
        channel.port = nil
        channel.hangups += 1
        channel.awaySince = time
        channel.nextReopenAttempt = channel.remote?.lost(now: time) ?? time + Self.reopenInterval
        channel.pendingInput.removeAll()
        if options.reopen, channel.remote == nil,
           case .never(let reason) = channel.binding.reopenDecision(wasPseudoTerminal: channel.wasPseudoTerminal, candidate: nil) {
            channel.goneForGood = true
            channel.reopensByPolling = false
            record(.hangup, channel: channel, detail: why, time: time)
            append(ControlRecord(kind: .note, console: channel.descriptor.id, sequence: nextSequence(), time: time,
                                 detail: "not reopened: \(reason)"))
            channel.textLog.note("port hung up (\(why)); not reopened: \(reason)", time: time)
            view?.notice("\(channel.name): \(why); not reopened: \(reason)", time: time)
            if channels.allSatisfy({ $0.port == nil && $0.goneForGood }) {
                stop("every port hung up, and pseudo-terminals are not reopened")
            }
            return
        }
        let text = options.reopen
            ? "\(channel.name): \(why); the other consoles go on, and \(channel.descriptor.port) is reopened when it is back"
            : "\(channel.name): \(why)"
        record(.hangup, channel: channel, detail: why, time: time)
        channel.textLog.note("port hung up (\(why))", time: time)
        view?.notice(text, time: time)
        if !options.reopen && channels.allSatisfy({ $0.port == nil }) {
            stop("every port hung up")
        }
    }

    func reopenAbsentPorts(now: UInt64) {
        guard options.reopen else { return }
        for channel in channels where channel.port == nil && channel.reopensByPolling && now >= channel.nextReopenAttempt {
            if channel.remote != nil {
                startConnectAttempt(channel, now: now)
            } else if !mayReopen(channel, time: now) || !reopen(channel, time: now) {
                channel.nextReopenAttempt = now + Self.reopenInterval
            }
        }
    }

    /// Before a polled reopen: whatever udev lists at the node now must be the console's device.
    /// A node that does not exist yet passes (the open fails and is retried).
    private func mayReopen(_ channel: ConsoleChannel, time: UInt64) -> Bool {
        guard FileSystemProbe.characterDeviceNumber(channel.binding.node) != nil else { return true }
        let listed = (try? SerialAdapters.list()) ?? []
        let candidate = listed.first { $0.node == channel.binding.node }
        if channel.binding.adapter != nil && listed.isEmpty {
            noteReopenFailure(channel, reason: "udev cannot tell whether the device at \(channel.binding.node) is the same adapter", time: time)
            return false
        }
        return isSameDevice(candidate, for: channel, time: time)
    }

    /// Applies the identity rule; a different device is noted once and left alone.
    private func isSameDevice(_ candidate: SerialAdapter?, for channel: ConsoleChannel, time: UInt64) -> Bool {
        switch channel.binding.reopenDecision(wasPseudoTerminal: channel.wasPseudoTerminal, candidate: candidate) {
        case .reopen:
            return true
        case .never:
            return false
        case .differentDevice(let identity):
            let text = "a different device appeared at \(candidate?.node ?? channel.binding.node) (\(identity)): not reopened"
            if channel.lastForeignDevice != text {
                channel.lastForeignDevice = text
                warn("\(channel.name): \(text)", time: time, console: channel.descriptor.id)
            }
            return false
        }
    }

    /// Opens the channel's node again with its settings (no flush: the first bytes are kept),
    /// reapplies --low-latency and records the gap. False (and a note, once per reason) if it fails.
    private func reopen(_ channel: ConsoleChannel, time now: UInt64) -> Bool {
        let port: SerialPort
        do {
            port = try SerialPort.open(path: channel.binding.node, settings: channel.descriptor.settings)
        } catch {
            noteReopenFailure(channel, reason: error.description, time: now)
            return false
        }
        portIsBack(channel, port: port, time: MonotonicClock.now())
        return true
    }

    /// A note for a failed reopen, once per reason (a port away for an hour fails the same way each time).
    func noteReopenFailure(_ channel: ConsoleChannel, reason: String, time: UInt64) {
        guard channel.lastReopenFailure != reason else { return }
        channel.lastReopenFailure = reason
        append(ControlRecord(kind: .note, console: channel.descriptor.id, sequence: nextSequence(), time: time,
                             detail: "reopen failed: \(reason)"))
    }

    /// The port is open again: records it with its settings and the gap, and tells the user.
    func portIsBack(_ channel: ConsoleChannel, port: any CapturedPort, time: UInt64) {
        channel.port = port
        // A new open may start the driver's counters afresh: losses count from here.
        if case .counters(let counters) = port.readErrorCounters() { channel.errorCounters = counters } else { channel.errorCounters = nil }
        let since = channel.awaySince ?? time
        channel.awaySince = nil
        channel.lastReopenFailure = nil
        if channel.binding.adapter != nil && hotplug != nil { channel.reopensByPolling = false }
        record(.reopened, channel: channel, detail: port.path, time: time)
        record(.settingsApplied, channel: channel, detail: port.appliedDescription, settings: port.appliedSettings, time: time)
        if options.lowLatency, let port = port as? SerialPort {
            var warnings: [String] = []
            channel.lowLatency = applyLowLatency(channel.binding, port: port, warnings: &warnings)
            if let summary = channel.lowLatency?.summary {
                append(ControlRecord(kind: .note, console: channel.descriptor.id, sequence: nextSequence(), time: time,
                                     detail: "low latency: \(summary)"))
            }
            warnings.forEach { warn($0, time: time) }
        }
        append(ControlRecord(kind: .gap, console: channel.descriptor.id, sequence: nextSequence(), time: time,
                             detail: "nothing could be received while the port was away", gapStart: since))
        let seconds = format2(Double(time - since) / 1e9)
        channel.textLog.note("port is back after \(seconds) s; bytes sent while it was away are lost", time: time)
        view?.notice("\(channel.name): \(channel.descriptor.port) is back after \(seconds) s", time: time)
    }

    /// --low-latency on one freshly opened port; a failure is a warning, not the end of the capture.
    func applyLowLatency(_ binding: PortBinding, port: SerialPort, warnings: inout [String]) -> LowLatency? {
        guard options.lowLatency else { return nil }
        do {
            return try LowLatency.apply(adapter: binding.adapter, descriptor: port.fileDescriptor)
        } catch {
            warnings.append("--low-latency on \(binding.node): \(error)")
            return nil
        }
    }

    /// The adapter as recorded in the header: with the latency timer the capture runs with.
    static func adapterInEffect(_ adapter: SerialAdapter?, lowLatency: LowLatency?) -> SerialAdapter? {
        guard var adapter else { return nil }
        if case .latencyTimer(let path, _) = lowLatency?.method, let now = try? LatencyTimer.read(path: path) {
            adapter.latencyTimer = now
        }
        return adapter
    }

    /// Shown in the live view, or on stderr when there is none; always kept in the session.
    func warn(_ text: String, time: UInt64, console: UInt16? = nil) {
        append(ControlRecord(kind: .note, console: console, sequence: nextSequence(), time: time, detail: text))
        if let view {
            view.notice(text, time: time)
        } else {
            Self.writeToStandardError("ampscope: \(text)\n")
        }
    }
}
