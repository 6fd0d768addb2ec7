import SystemPackage
import Foundation

/// Captures N consoles on one CLOCK_MONOTONIC clock into a session. One thread waits in
/// poll(2) on every port, the keyboard and a signal pipe; each read() is stamped the moment
/// it returns and gets the next number of one sequence shared by all consoles.
public final class CaptureEngine {
    public let options: CaptureOptions
    /// Called on the capture thread for every chunk, after it is recorded (live analysis hooks in here).
    public var onChunk: ((Chunk) -> Void)?
    /// Called on the live-findings thread for each finding as it is shown (set before `run`);
    /// `atBootEnd` when it could only be known once its boot had ended.
    public var onFinding: (@Sendable (Finding, _ atBootEnd: Bool) -> Void)?

    var channels: [ConsoleChannel] = []
    var writer: SessionWriter!
    var view: LiveView?
    /// The rule catalogue following the session as it is written.
    private var liveFindings: LiveFindings?
    /// udev add/remove events, when a console is bound to a USB adapter.
    var hotplug: HotplugMonitor?
    private var keyboard: KeyboardTerminal?
    /// The probe's conversation with one console.
    var probe: ProbeDriver?
    /// What each chunk is handed to, in order, once it is read.
    private var listeners: [any ChunkListener] = []
    private var router: KeyboardRouter
    private var sequence: UInt64 = 0
    private var origin: UInt64 = 0
    private var stopReason: String?
    private var lastSync: UInt64 = 0
    private static let readSize = 1 << 16
    static let reopenInterval: UInt64 = 250_000_000
    private static let syncInterval: UInt64 = 1_000_000_000

    public init(options: CaptureOptions) {
        self.options = options
        router = KeyboardRouter(consoleCount: options.consoles.count)
    }

    /// Opens every port (all or none), then captures until a stop condition, a signal or the quit key.
    public func run() throws(CaptureError) -> CaptureSummary {
        try options.validate()
        let bindings = try resolvePorts()
        let ports = try openPorts(bindings)
        var warnings: [String] = []
        let lowLatencies = zip(bindings, ports).map { binding, port in
            (port as? SerialPort).flatMap { applyLowLatency(binding, port: $0, warnings: &warnings) }
        }
        let counterReadings = ports.map { $0.readErrorCounters() }
        let anchor = MonotonicClock.wallAnchor()
        origin = anchor.monotonic
        let header = SessionHeader(
            toolVersion: AmpScopeVersion.string, host: Self.hostName(), monotonicAnchor: anchor.monotonic,
            wallClockNanoseconds: anchor.wallNanoseconds,
            consoles: options.consoles.enumerated().map { index, request in
                ConsoleDescriptor(
                    id: UInt16(index), name: request.name, kind: request.kind, port: request.port, settings: request.settings,
                    adapter: Self.adapterInEffect(bindings[index].adapter, lowLatency: lowLatencies[index]),
                    lowLatency: lowLatencies[index]?.summary, remote: (ports[index] as? RemotePort)?.link,
                    errorCounters: counterReadings[index].headerText)
            },
            commandLine: options.commandLine)
        do {
            writer = try SessionWriter(directory: options.directory, header: header)
            for (index, descriptor) in header.consoles.enumerated() {
                let log = try ConsoleTextLog(directory: options.directory, console: descriptor, header: header, clock: options.logClock)
                let channel = ConsoleChannel(
                    descriptor: descriptor, textLog: log, port: ports[index], binding: bindings[index], lowLatency: lowLatencies[index])
                channels.append(channel)
            }
        } catch {
            zip(lowLatencies, ports).forEach { lowLatency, port in lowLatency?.restore(descriptor: port.fileDescriptor) }
            ports.forEach { $0.close() }
            throw .session(error)
        }
        // The session is the first listener from the start: the ports' opening records go through it.
        listeners = [writer!, TextLogs()]
        startHotplugMonitor()
        for channel in channels {
            guard let port = channel.port else { continue }
            record(.opened, channel: channel, detail: port.path)
            record(.settingsApplied, channel: channel, detail: port.appliedDescription, settings: port.appliedSettings)
        }
        let signals = try SignalPipe()
        startView()
        for warning in warnings { warn(warning, time: origin) }
        startLiveFindings()
        startProbe()
        if let view { listeners.append(view) }
        if let onChunk { listeners.append(ChunkObserver(onChunk)) }
        if let probe { listeners.append(probe) }
        listeners.append(UntilTriggers(options.stop.until, consoles: header.consoles))
        defer {
            keyboard?.restore()
            // Ends the follower when the capture failed; after finish() it changes nothing.
            _ = liveFindings?.finish()
        }
        try loop(signals: signals)
        return try finish()
    }

    private func startView() {
        let interactive = options.keyboard && KeyboardTerminal.stdinIsTerminal
        if interactive {
            let terminal = KeyboardTerminal()
            terminal.enable()
            keyboard = terminal
        }
        guard options.liveView else { return }
        let view = LiveView(formatter: LiveFormatter(labels: channels.map(\.name), useColor: options.color, origin: origin))
        view.start()
        self.view = view
        let consoles = channels.map { "\($0.name) (\($0.descriptor.port) \($0.descriptor.settings.summary))" }
        view.notice("capturing \(consoles.joined(separator: ", ")) into \(options.directory)", time: origin)
        if interactive {
            view.notice("keyboard → \(channels[router.target].name); Ctrl-T h for keys, Ctrl-C to stop", time: origin)
        }
    }

    private func startLiveFindings() {
        guard options.liveFindings else { return }
        let view = view
        let origin = origin
        let observer = onFinding
        let findings = LiveFindings(
            directory: options.directory,
            report: { finding, moment, bootStart in
                observer?(finding, moment == .atBootEnd)
                let text = LiveFindingText(finding, moment: moment)
                // A boot's start once, before its first finding: the findings' times are on the view's clock.
                let start = bootStart.map { "boot \(finding.boot) starts at \(LiveFormatter.seconds($0, origin: origin).trimmingCharacters(in: .whitespaces)) s" }
                if let view {
                    if let start { view.notice(start, time: MonotonicClock.now()) }
                    view.finding(text, time: MonotonicClock.now())
                } else {
                    Self.writeToStandardError((start.map { "ampscope: \($0)\n" } ?? "") + text.plain)
                }
            },
            problem: { text in
                if let view {
                    view.notice(text, time: MonotonicClock.now())
                } else {
                    Self.writeToStandardError("ampscope: \(text)\n")
                }
            })
        findings.start()
        liveFindings = findings
    }

    static func writeToStandardError(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { DescriptorIO.write(FileDescriptor.standardError.rawValue, $0) }
    }

    // MARK: - The loop

    private func loop(signals: SignalPipe) throws(CaptureError) {
        var buffer = [UInt8](repeating: 0, count: Self.readSize)
        while stopReason == nil {
            let now = MonotonicClock.now()
            checkTimedStops(now: now)
            probeTick(now: now)
            if stopReason != nil { break }
            reopenAbsentPorts(now: now)
            timeOutConnectAttempts(now: now)

            var watched: [(fd: Int32, interest: Poller.Readiness)] = [(signals.readDescriptor, .readable)]
            let hotplugSlot = hotplug.map { _ in watched.count }
            if let hotplug { watched.append((hotplug.fileDescriptor, .readable)) }
            var watchedChannels: [ConsoleChannel] = []
            for channel in channels {
                guard let port = channel.port else { continue }
                port.service(now: now)
                recordNotices(of: port, channel: channel, time: now)
                let writing = !channel.pendingInput.isEmpty || port.hasPendingOutput
                watched.append((port.fileDescriptor, writing ? [.readable, .writable] : .readable))
                watchedChannels.append(channel)
            }
            let connecting = channels.filter { $0.remote?.attempt != nil }
            let connectingSlot = watched.count
            watched += connecting.compactMap { $0.remote?.attempt.map { ($0.descriptor, .writable) } }
            let keyboardSlot = keyboard.map { _ in watched.count }
            if let keyboard { watched.append((keyboard.descriptor, .readable)) }

            let readiness: [Poller.Readiness]
            do throws(Errno) {
                readiness = try Poller.wait(watched, timeout: nextDeadline(now: MonotonicClock.now()))
            } catch {
                throw .system("poll", errno: error.rawValue)
            }
            if !readiness[0].isEmpty {
                for signal in signals.drain() { stop("received \(SignalPipe.name(of: signal))") }
            }
            if let slot = hotplugSlot, !readiness[slot].isEmpty { handleHotplugEvents() }
            let firstChannelSlot = hotplugSlot == nil ? 1 : 2
            for (slot, channel) in watchedChannels.enumerated() {
                let ready = readiness[slot + firstChannelSlot]
                if ready.contains(.writable) {
                    channel.port?.flushOutput()
                    writePendingInput(channel)
                }
                if !ready.isDisjoint(with: [.readable, .hangup, .error, .invalid]) {
                    drain(channel, buffer: &buffer)
                }
            }
            for (offset, channel) in connecting.enumerated() where !readiness[connectingSlot + offset].isEmpty {
                finishConnectAttempt(channel)
            }
            if let slot = keyboardSlot, !readiness[slot].isEmpty { handleKeyboard() }
            try flushSession()
        }
    }

    /// Reads what the port has until it would block (a bounded number of reads, so one busy
    /// console cannot starve the others), stamping each read at its return.
    private func drain(_ channel: ConsoleChannel, buffer: inout [UInt8]) {
        for _ in 0..<8 {
            guard let port = channel.port else { return }
            let result = buffer.withUnsafeMutableBytes { port.read(into: $0) }
            let time = MonotonicClock.now()
            recordNotices(of: port, channel: channel, time: time)
            switch result {
            case .bytes(let count):
                // A read of only telnet commands has no data: no chunk, but maybe more to read.
                if count > 0 {
                    checkErrorCounters(channel, time: time, reading: .atTheUART)
                    receive(Array(buffer[0..<count]), channel: channel, time: time)
                }
            case .wouldBlock:
                // Drained (a tty hands its buffer over in pieces, so a short read does not say so).
                checkErrorCounters(channel, time: time)
                return
            case .hangup(let why):
                hangUp(channel, why: why, time: time)
                return
            }
        }
    }

    private func receive(_ bytes: [UInt8], channel: ConsoleChannel, time: UInt64) {
        let chunk = Chunk(console: channel.descriptor.id, sequence: nextSequence(), time: time, bytes: bytes)
        // A connection that brought console bytes resets the remote reconnection back-off.
        channel.remote?.carriedData = true
        for listener in listeners {
            apply(listener.received(chunk, on: channel), time: time)
        }
    }

    // MARK: - Keyboard

    private func handleKeyboard() {
        guard let keyboard else { return }
        guard let typed = keyboard.read() else {
            // End of input (the terminal went away): capture on without a keyboard.
            keyboard.restore()
            self.keyboard = nil
            return
        }
        let time = MonotonicClock.now()
        for action in router.handle(typed) {
            switch action {
            case .send(let index, let bytes):
                let channel = channels[index]
                guard channel.port != nil else {
                    view?.notice("\(channel.name) is unplugged: typed keys dropped", time: time)
                    continue
                }
                append(ControlRecord(kind: .input, console: channel.descriptor.id, sequence: nextSequence(), time: time,
                                     bytes: bytes, source: "keyboard"))
                channel.pendingInput.append(contentsOf: bytes)
                writePendingInput(channel)
            case .switchTo(let index):
                view?.notice("keyboard → \(channels[index].name)", time: time)
            case .marker(let text):
                let label = text.isEmpty ? "marker" : text
                append(ControlRecord(kind: .marker, console: nil, sequence: nextSequence(), time: time, detail: label))
                channels.forEach { $0.textLog.note("marker: \(label)", time: time) }
                view?.notice("marker: \(label)", time: time)
            case .markerPrompt(let text):
                view?.prompt("marker text (Enter inserts, Esc cancels): \(text)")
            case .sendBreak(let index):
                let channel = channels[index]
                do {
                    try channel.port?.sendBreakCondition()
                    append(ControlRecord(kind: .input, console: channel.descriptor.id, sequence: nextSequence(), time: time,
                                         detail: "break", source: "keyboard"))
                    view?.notice("break sent to \(channel.name)", time: time)
                } catch {
                    view?.notice("break not sent: \(error)", time: time)
                }
            case .help:
                view?.raw(KeyboardRouter.helpText + "\n")
            case .quit:
                stop("quit key (Ctrl-T q)")
            }
        }
    }

    func writePendingInput(_ channel: ConsoleChannel) {
        guard let port = channel.port, !channel.pendingInput.isEmpty else { return }
        do {
            let written = try channel.pendingInput.withUnsafeBytes { (bytes) throws(ConsolePortError) -> Int in try port.sendInput(bytes) }
            channel.pendingInput.removeFirst(written)
        } catch {
            view?.notice("\(channel.name): typed keys not sent: \(error)", time: MonotonicClock.now())
            channel.pendingInput.removeAll()
        }
    }

    // MARK: - Stopping, deadlines, records

    func stop(_ reason: String) {
        if stopReason == nil { stopReason = reason }
    }

    private func checkTimedStops(now: UInt64) {
        if let duration = options.stop.duration, now >= origin + Self.nanoseconds(duration) {
            stop("--duration \(duration) s reached")
        }
        if let idle = options.stop.idle, now >= lastActivity + Self.nanoseconds(idle) {
            stop("no byte from any console for \(idle) s (--idle)")
        }
    }

    private var lastActivity: UInt64 {
        channels.compactMap(\.lastByteTime).max() ?? origin
    }

    /// The next moment the loop must wake without input; nil when only input can matter,
    /// which is what keeps an idle capture at ~0 % CPU.
    private func nextDeadline(now: UInt64) -> UInt64? {
        var deadlines: [UInt64] = []
        if let duration = options.stop.duration { deadlines.append(origin + Self.nanoseconds(duration)) }
        if let idle = options.stop.idle { deadlines.append(lastActivity + Self.nanoseconds(idle)) }
        if options.reopen {
            deadlines += channels.filter { $0.port == nil && $0.remote?.attempt == nil && $0.reopensByPolling }.map(\.nextReopenAttempt)
            deadlines += channels.compactMap { $0.remote?.attemptDeadline }
        }
        deadlines += channels.compactMap { $0.port?.deadline }
        if writer.hasPendingBytes { deadlines.append(now) }
        if let probeDeadline { deadlines.append(probeDeadline) }
        if unsynced { deadlines.append(lastSync + Self.syncInterval) }
        guard let earliest = deadlines.min() else { return nil }
        return earliest > now ? earliest - now : 0
    }

    /// Records handed to the kernel but not yet to the disk.
    private var unsynced = false

    /// Hands every new record to the kernel at once (so `kill -9` loses nothing that was
    /// read), and to the disk at most a second later.
    private func flushSession() throws(CaptureError) {
        do {
            if writer.hasPendingBytes {
                try writer.flush()
                unsynced = true
            }
            for channel in channels { try channel.textLog.flush() }
            let now = MonotonicClock.now()
            if unsynced && now >= lastSync + Self.syncInterval {
                writer.syncInBackground()
                lastSync = now
                unsynced = false
            }
        } catch {
            stop("the session could not be written: \(error)")
            throw .session(error)
        }
    }

    private func finish() throws(CaptureError) -> CaptureSummary {
        liveFindings?.captureStopping()
        let end = MonotonicClock.now()
        let reason = stopReason ?? "stopped"
        for channel in channels { checkErrorCounters(channel, time: end) }
        append(ControlRecord(kind: .stopped, console: nil, sequence: nextSequence(), time: end, detail: reason))
        for channel in channels {
            channel.textLog.finish(time: end)
            abandonConnectAttempt(channel)
            channel.lowLatency?.restore(descriptor: channel.port?.fileDescriptor)
            if let port = channel.port {
                port.close()
                record(.closed, channel: channel, detail: port.path, time: end)
            }
        }
        keyboard?.restore()
        var closeError: SessionError?
        do {
            try writer.close()
            for channel in channels { try channel.textLog.close() }
        } catch {
            closeError = error
        }
        // The follower reads the closed session to its end: the last boot's findings show
        // before the view closes.
        let live = liveFindings?.finish()
        view?.finish()
        if let closeError { throw .session(closeError) }
        var summary = CaptureSummary(
            directory: options.directory, seconds: Double(end - origin) / 1e9, stopReason: reason,
            consoles: channels.map {
                .init(name: $0.name, port: $0.descriptor.port, bytes: $0.bytesReceived, chunks: $0.chunksReceived,
                      hangups: $0.hangups, textLog: $0.textLog.path)
            })
        switch live {
        case .success(let diagnoses)?: summary.findings = diagnoses
        case .failure(let failure)?: summary.liveFindingsProblem = failure.reason
        case nil: break
        }
        return summary
    }

    func record(_ kind: ControlRecord.Kind, channel: ConsoleChannel, detail: String?,
                        settings: SerialSettings? = nil, time: UInt64 = MonotonicClock.now()) {
        append(ControlRecord(kind: kind, console: channel.descriptor.id, sequence: nextSequence(), time: time,
                             detail: detail, settings: settings))
    }

    /// Hands a control record to every listener, as `receive` does a chunk.
    func append(_ control: ControlRecord) {
        for listener in listeners {
            apply(listener.recorded(control), time: control.time)
        }
    }

    func nextSequence() -> UInt64 {
        defer { sequence += 1 }
        return sequence
    }

    static func nanoseconds(_ seconds: Double) -> UInt64 {
        UInt64((seconds * 1e9).rounded())
    }

    static func hostName() -> String {
        SystemIdentity.hostName()
    }
}
