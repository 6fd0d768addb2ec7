/// Everything about the boot being read, kept until it ends: one `LaneBuilder` per console,
/// the kernel clock samples, and the lines the clock model and the anchors need.
struct BootBuilder {
    struct Settings: Sendable {
        var consoles: [TimelineConsole]
        var hostTimes: Bool
        var sharedOrder: Bool
        var granularity: Int64
        /// Consoles read more coarsely than `granularity` (an adapter's latency timer).
        var granularityByConsole: [UInt16: Int64] = [:]
        /// Consoles read over the network (id → selector), whose bound includes the network's delay.
        var remoteConsoles: [UInt16: String] = [:]
        /// Baud of each console when known (a session's settings).
        var baud: [UInt16: Int]
        /// Unix epoch ns of host time 0 on the input's axis, when known.
        var wallClockBase: Int64?
        /// Host time of capture time 0 on the input's axis (`ChunkStream.timeOrigin`).
        var timeOrigin: UInt64 = 0
        /// Host-time statement: what stamped the consoles.
        var clockDescription: String

        func granularity(of console: UInt16?) -> Int64 {
            console.flatMap { granularityByConsole[$0] } ?? granularity
        }

        /// The coarsest read granularity of the consoles that printed.
        func coarsestGranularity(of consoles: [UInt16]) -> Int64 {
            consoles.map(granularity(of:)).max() ?? granularity
        }
    }

    let index: Int
    let boundary: BootBoundary
    var settings: Settings
    var lanes: [LaneBuilder]
    let applicationConsole: UInt16?
    private var hostStart: UInt64?
    private var hostEnd: UInt64 = 0
    /// The latest session record time in the boot (lines or not): the capture was still listening.
    private var observedEnd: UInt64 = 0
    private var clock = KernelClockEstimator()
    /// When the application console's previous line ended: the silence before a line tells
    /// whether it queued behind others.
    private var lastApplicationEnd: UInt64?
    private var handover: LinePoint?
    private var bootaux: LinePoint?
    private var remoteprocStart: PendingEvent?
    private var channel: PendingEvent?
    private var banners: [UInt16: LinePoint] = [:]
    private var nameService: [UInt16: LinePoint] = [:]
    /// The probe's facts, when it finished in this boot.
    var boardFacts: BoardFacts?
    /// The probe's /proc/uptime reading (kernel µs at host ns), for a boot the console did not
    /// show: the clock model of its dmesg lines.
    var uptimeAnchor: (kernel: Int64, host: UInt64)?
    /// /proc/uptime has two decimals.
    static let uptimeResolution: Int64 = 10_000_000

    init(index: Int, boundary: BootBoundary, settings: Settings) {
        self.index = index
        self.boundary = boundary
        self.settings = settings
        lanes = settings.consoles.map { LaneBuilder(console: $0.id, kind: $0.kind) }
        applicationConsole = settings.consoles.first { $0.kind == .application }?.id
            ?? settings.consoles.first { $0.kind == .unknown }?.id
    }

    var lineCount: Int { lanes.reduce(0) { $0 + $1.lineCount } }

    mutating func add(_ line: LineView, lane: Int, kernelTime: Int64?, event: Event?) {
        let point = LinePoint(line, kernelTime: kernelTime)
        if hostStart == nil { hostStart = line.firstByteTime }
        hostEnd = Swift.max(hostEnd, line.endTime)
        lanes[lane].add(line, point: point)
        if settings.hostTimes, line.console == applicationConsole {
            if event.map({ $0.name.equalsLengthFirst("printk-clock-started") }) == true { clock.clockStarted() }
            if let kernelTime {
                clock.add(kernel: kernelTime, hostTime: line.firstByteTime, previousEnd: lastApplicationEnd)
            }
            lastApplicationEnd = line.endTime
        }
        if let event { add(event, point: point) }
    }

    /// The session recorded something at `time` (a control record): the consoles were still read then.
    mutating func observe(time: UInt64) {
        guard hostStart != nil else { return }
        observedEnd = Swift.max(observedEnd, time)
    }

    /// A kernel line the live console missed, found in the probe's dmesg output: placed at its
    /// printk time (through the clock model), never a sample for that model.
    mutating func add(recovered event: Event, kernelTime: Int64) {
        add(event, point: LinePoint(
            console: event.console, lineNumber: event.lineNumber, byteOffset: event.byteOffset, time: event.firstByteTime,
            kernelTime: kernelTime))
    }

    /// An event that is not a console line (typed input, a marker, a gap).
    mutating func add(control event: Event) {
        if hostStart == nil { hostStart = event.firstByteTime }
        add(event, point: LinePoint(
            console: event.console, lineNumber: event.lineNumber, byteOffset: event.byteOffset, time: event.firstByteTime))
    }

    private mutating func add(_ event: Event, point: LinePoint) {
        guard let lane = lanes.firstIndex(where: { $0.console == event.console }) else { return }
        var record = TimelineEventRecord(event)
        if settings.hostTimes { record.captureTime = Int64(bitPattern: point.firstByteTime &- settings.timeOrigin) }
        let pending = PendingEvent(record: record, point: point)
        lanes[lane].add(pending, nameIndex: event.nameIndex)
        if lanes[lane].kind == .microcontroller {
            if event.name.equalsLengthFirst(BootSegmenter.firmwareStart), banners[event.console] == nil { banners[event.console] = point }
            if event.phase == .nameService, nameService[event.console] == nil { nameService[event.console] = point }
            return
        }
        guard event.console == applicationConsole else { return }
        if event.definitionID.equalsLengthFirst("uboot.starting-kernel"), handover == nil, lanes[lane].lastKernelTime == nil { handover = point }
        if BootSegmenter.isMicrocontrollerStart(event.name) {
            if event.definitionID.hasPrefix("uboot.") {
                if bootaux == nil { bootaux = point }
            } else if remoteprocStart == nil {
                remoteprocStart = pending
            }
        }
        if event.name.equalsLengthFirst("rpmsg-channel"), channel == nil { channel = pending }
    }

    /// The finished boot.
    func finish(microcontrollerBanners: Int, endsWithInput: Bool, inProgress: Bool = false) -> BootTimeline {
        let start = hostStart ?? 0
        let granularity = settings.granularity(of: applicationConsole)
        var kernelClock: KernelClockModel?
        let hasKernelTime = lanes.contains { $0.console == applicationConsole && $0.lastKernelTime != nil }
        if settings.hostTimes {
            let baud = applicationConsole.flatMap { settings.baud[$0] }
            if var model = clock.model(granularity: granularity, baud: baud) {
                model.offset -= Int64(bitPattern: start)
                kernelClock = model
            } else if let anchor = uptimeAnchor {
                // Axis time of printk 0: when uptime was read, less the uptime (the answer left the
                // board up to a read granularity and its line's transmission before it was stamped).
                let offset = Int64(bitPattern: anchor.host &- start) - anchor.kernel * 1000
                kernelClock = KernelClockModel(
                    offset: offset, errorBound: Self.uptimeResolution + granularity, driftPPM: nil, samples: 0, lateSamples: 0,
                    method: .uptimeAnchor)
            }
        } else if hasKernelTime {
            kernelClock = handover != nil
                ? KernelClockModel(offset: BootPlacement.handoverDelay, errorBound: BootPlacement.handoverDelay, driftPPM: nil, samples: 0, lateSamples: 0, method: .handoverAnchor)
                : KernelClockModel(offset: 0, errorBound: 0, driftPPM: nil, samples: 0, lateSamples: 0, method: .kernelTimeAsAxis)
        }
        var placement = BootPlacement(
            hostTimes: settings.hostTimes, hostStart: start, granularity: settings.granularity,
            granularityByConsole: settings.granularityByConsole, applicationConsole: applicationConsole,
            kernelClock: kernelClock, handover: handover, bootaux: bootaux)
        var alignment = hostAlignment()
        if !settings.hostTimes {
            var anchorNames: [String] = []
            for lane in lanes where lane.kind == .microcontroller && lane.hasLines {
                let anchors = anchorAlignment(for: lane.console, placement: placement, names: &anchorNames)
                placement.anchorMaps[lane.console] = anchors
            }
            alignment = orderAlignment(placement: placement, anchorNames: anchorNames)
        }
        let builtLanes = lanes.map { lane in
            ConsoleLane(
                console: lane.console,
                phases: phaseSpans(lane.phases.entries, placement: placement),
                events: lane.events.map { TimelineEvent(event: $0.record, placement: placement.place($0.point)) },
                omittedEvents: lane.omittedEvents, lineCount: lane.lineCount, byteCount: lane.byteCount,
                firstLine: lane.firstLine.map { reference($0, placement: placement) },
                lastLine: lane.lastLine.map { reference($0, placement: placement) },
                activity: lane.activity { reference($0, placement: placement) })
        }
        var duration: Int64?
        if settings.hostTimes, hostStart != nil {
            duration = Int64(bitPattern: hostEnd &- start)
        } else {
            duration = builtLanes.compactMap { $0.lastLine?.placement.time }.max()
        }
        let facts = BootFacts(
            microcontrollerBanners: microcontrollerBanners, endsWithInput: endsWithInput,
            lineCount: lineCount, garbageLineCount: lanes.reduce(0) { $0 + $1.garbageLineCount },
            observedUntil: settings.hostTimes && hostStart != nil ? Int64(bitPattern: Swift.max(hostEnd, observedEnd) &- start) : nil,
            inProgress: inProgress ? true : nil)
        return BootTimeline(
            index: index, boundary: boundary, hostStart: settings.hostTimes ? hostStart : nil,
            wallClockStart: settings.hostTimes ? hostStart.flatMap { start in settings.wallClockBase.map { $0 + Int64(bitPattern: start) } } : nil,
            duration: duration, lanes: builtLanes, alignment: alignment, kernelClock: kernelClock, facts: facts,
            boardFacts: boardFacts,
            captureStart: settings.hostTimes ? hostStart.map { Int64(bitPattern: $0 &- settings.timeOrigin) } : nil)
    }

    private func reference(_ line: PendingLine, placement: BootPlacement) -> LineReference {
        LineReference(
            console: line.point.console, lineNumber: line.point.lineNumber, byteOffset: line.point.byteOffset,
            placement: placement.place(line.point), text: line.text,
            captureTime: settings.hostTimes ? Int64(bitPattern: line.point.firstByteTime &- settings.timeOrigin) : nil)
    }

    private func phaseSpans(_ entries: [PhaseTracker.Entry], placement: BootPlacement) -> [PhaseSpan] {
        let starts = entries.map { placement.place($0.evidence.point) }
        return entries.indices.map { index in
            PhaseSpan(
                phase: entries[index].phase, start: starts[index], end: index + 1 < entries.count ? starts[index + 1] : nil,
                evidence: reference(entries[index].evidence, placement: placement))
        }
    }

    private func name(of console: UInt16) -> String {
        settings.consoles.first { $0.id == console }?.name ?? "console \(console)"
    }

    private var consolesWithLines: [String] { lanes.filter(\.hasLines).map { name(of: $0.console) } }

    private func hostAlignment() -> ConsoleAlignment {
        let named = consolesWithLines
        guard named.count >= 2 else {
            return ConsoleAlignment(method: .none, statement: named.isEmpty ? "no console printed in this boot" : "only \(named[0]) printed in this boot: nothing to align")
        }
        guard settings.hostTimes else {
            return ConsoleAlignment(method: .none, statement: "\(named.joined(separator: " and ")) have no times: shown in line order")
        }
        let printed = lanes.filter(\.hasLines).map(\.console)
        let granularity = settings.coarsestGranularity(of: printed)
        var statement = "\(named.joined(separator: " and ")) stamped by one host clock (\(settings.clockDescription)): lines placed by arrival, ± \(Self.milliseconds(granularity))"
        let remote = printed.compactMap { console in settings.remoteConsoles[console].map { "\(name(of: console)) (\($0))" } }
        if !remote.isEmpty {
            statement += "; \(remote.joined(separator: " and ")) read over the network: stamped on arrival here, which includes the network delay "
                + "and up to \(Self.milliseconds(RemoteLink.serverBatching)) of ser2net's batching (chardelay)"
        }
        return ConsoleAlignment(method: .hostClock, uncertainty: granularity, statement: statement)
    }

    private func anchorAlignment(for console: UInt16, placement: BootPlacement, names: inout [String]) -> AnchorAlignment {
        var alignment = AnchorAlignment()
        let banner = banners[console]
        if let banner, let bootaux {
            let at = placement.place(bootaux)
            if let time = at.time {
                alignment.add(.init(name: "bootaux → banner", lineNumber: banner.lineNumber, time: time + AnchorAlignment.bootauxSlack / 2,
                                    uncertainty: at.uncertainty + AnchorAlignment.bootauxSlack / 2))
                names.append("uboot.bootaux-start → mcore banner")
            }
        }
        if let banner, bootaux == nil, let start = remoteprocStart {
            let at = placement.place(start.point)
            if let time = at.time {
                alignment.add(.init(name: "\(start.record.name) → banner", lineNumber: banner.lineNumber, time: time + AnchorAlignment.remoteprocSlack / 2,
                                    uncertainty: at.uncertainty + AnchorAlignment.remoteprocSlack / 2))
                names.append("\(start.record.definitionID) → mcore banner")
            }
        }
        if let line = nameService[console], let channel {
            let at = placement.place(channel.point)
            if let time = at.time {
                alignment.add(.init(name: "creating channel ↔ name service", lineNumber: line.lineNumber, time: time,
                                    uncertainty: at.uncertainty + AnchorAlignment.nameServiceSlack))
                names.append("linux.rpmsg-channel ↔ mcore name service")
            }
        }
        return alignment
    }

    private func orderAlignment(placement: BootPlacement, anchorNames: [String]) -> ConsoleAlignment {
        let pairing = settings.sharedOrder ? "" : "; boots paired by order (no common clock)"
        let application = applicationConsole.map(name(of:)) ?? "the application console"
        let anchored = placement.anchorMaps.filter { !$0.value.isEmpty }
        guard !anchored.isEmpty else {
            var base = hostAlignment()
            if consolesWithLines.count >= 2 {
                base.statement = "no common clock and no anchor pair: \(consolesWithLines.joined(separator: " and ")) shown side by side in line order" + pairing
            }
            return base
        }
        let uncertainty = anchored.values.map(\.uncertainty).max() ?? 0
        let parts = anchored.sorted { $0.key < $1.key }.map { console, map in
            "\(name(of: console)) aligned to \(application) on \(map.anchors.map(\.name).joined(separator: ", ")), ± \(Self.milliseconds(map.uncertainty))"
        }
        return ConsoleAlignment(method: .anchors, anchors: anchorNames, uncertainty: uncertainty, statement: parts.joined(separator: "; ") + pairing)
    }

    static func milliseconds(_ nanoseconds: Int64) -> String {
        if nanoseconds >= 1_000_000_000 && nanoseconds % 1_000_000_000 == 0 { return "\(nanoseconds / 1_000_000_000) s" }
        if nanoseconds >= 1_000_000_000 { return "\(Double(nanoseconds / 1_000_000) / 1000) s" }
        if nanoseconds % 1_000_000 == 0 { return "\(nanoseconds / 1_000_000) ms" }
        return "\(Double(nanoseconds / 1000) / 1000) ms"
    }
}
