import Foundation

/// Draws a timeline for a terminal (or a forum post): per boot a header, a time axis, one
/// swimlane per console with its phases and key-event marks, then the key events in time order.
/// Every line fits `width` columns (longer ones end in `…`); colour only when asked for.
public struct TimelineSwimlaneRenderer: Sendable {
    public var width: Int
    public var useColor: Bool
    /// Whether text lines (headers, the key-event list, notes) are cut at `width`; a forum post's
    /// code block scrolls sideways, so the report keeps them whole and only the lanes fit `width`.
    public var clipsText = true
    /// Whether the key-event list shows each line's capture time (as the live view, the findings
    /// and the report show it) rather than its time on the boot's axis; the lanes stay on that axis.
    public var captureTimes = false

    /// Below this the lanes have no room for phase names.
    public static let minimumWidth = 40

    public init(width: Int = 80, useColor: Bool = false) {
        self.width = max(width, Self.minimumWidth)
        self.useColor = useColor
    }

    /// Every boot of `timeline`, then its warnings. `bootCount` is the input's number of boots
    /// when `timeline.boots` holds only a selection of them.
    public func render(_ timeline: Timeline, bootCount: Int? = nil) -> String {
        var blocks = timeline.boots.map { render($0, bootCount: bootCount ?? timeline.boots.count, consoles: timeline.consoles) }
        if timeline.boots.isEmpty { blocks.append(finish([StyledLine("no boot found in the input: no console printed a line")])) }
        if !timeline.warnings.isEmpty {
            blocks.append(finish(timeline.warnings.map { StyledLine("warning: " + $0, style: .warning) }))
        }
        return blocks.joined(separator: "\n")
    }

    /// One boot; `bootCount` (when known) makes the header say `boot 2 of 5`.
    public func render(_ boot: BootTimeline, bootCount: Int?, consoles: [TimelineConsole]) -> String {
        let names = Dictionary(consoles.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let kinds = Dictionary(consoles.map { ($0.id, $0.kind) }, uniquingKeysWith: { first, _ in first })
        let colors = Dictionary(consoles.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let nameWidth = max(3, boot.lanes.map { names[$0.console, default: "#\($0.console)"].count }.max() ?? 0)
        let labelWidth = nameWidth + 2
        let columns = width - labelWidth - 2
        let timed = Self.isTimed(boot)
        let bounds = Self.bounds(of: boot)
        let scale = timed ? TimelineScale(start: bounds.earliest, end: bounds.latest, columns: columns, rightMargin: 8) : nil

        var lines = header(boot, bootCount: bootCount)
        if let scale {
            lines += axis(scale, labelWidth: labelWidth)
        } else {
            lines.append(StyledLine(String(repeating: " ", count: labelWidth) + "no times in this input: phases in order, equal widths, not to scale", style: .dim))
        }
        var anyMarker = false
        var anySilence = false
        for lane in boot.lanes {
            let drawing = TimelineLaneDrawing(
                columns: columns, scale: scale, colorIndex: colors[lane.console, default: 0],
                bootEnd: boot.lanes.compactMap { $0.lastLine?.placement.time }.max())
            let name = names[lane.console, default: "#\(lane.console)"]
            var row = StyledLine(name, style: .consoleBold(colors[lane.console, default: 0]))
            row.pad(to: labelWidth)
            let phases = drawing.phaseRow(lane)
            if phases.count == 0 {
                row.append(lane.lineCount == 0 ? "(silent)" : "(\(lane.lineCount) lines, no phase recognised)", style: .dim)
            } else {
                row.append(phases)
            }
            lines.append(row)
            if drawing.silenceStart(of: lane) != nil { anySilence = true }
            if let markers = drawing.markerRow(lane) {
                var markerRow = StyledLine(String(repeating: " ", count: labelWidth))
                markerRow.append(markers)
                lines.append(markerRow)
                anyMarker = true
            }
        }
        if anyMarker {
            let lastLine = anySilence ? "  ● last line" : ""
            lines.append(StyledLine(String(repeating: " ", count: labelWidth) + "▲ key event   2-9, +: that many close together (see the list)" + lastLine, style: .dim))
        }
        let showsCapture = captureTimes && boot.captureStart != nil
        let list = TimelineEventList(boot: boot, kinds: kinds, timed: timed, captureTimes: showsCapture)
        if !list.entries.isEmpty {
            lines.append(StyledLine())
            lines.append(StyledLine(showsCapture ? "Key events (times since the capture started)" : "Key events", style: .bold))
            lines += list.rows(names: names, colors: colors)
        }
        lines += notes(boot, names: names)
        return finish(lines)
    }

    /// A boot has a time axis when its phases or events carry times; otherwise only order is known.
    static func isTimed(_ boot: BootTimeline) -> Bool {
        boot.lanes.contains { lane in
            lane.phases.contains { $0.start.time != nil } || lane.events.contains { $0.placement.time != nil }
        }
    }

    /// From 0 (or the earliest placed time, when a console was aligned to before the boot's
    /// start) to the boot's duration or the latest placed time, whichever is later. Only key
    /// events count: a hangup long after the last line must not stretch the axis.
    static func bounds(of boot: BootTimeline) -> (earliest: Int64, latest: Int64) {
        var times: [Int64] = [0, boot.duration ?? 0]
        for lane in boot.lanes {
            for phase in lane.phases { times += [phase.start.time, phase.end?.time].compactMap { $0 } }
            times += lane.events.filter(\.event.isKey).compactMap(\.placement.time)
            if let last = lane.lastLine?.placement.time { times.append(last) }
        }
        let earliest = times.min() ?? 0
        return (earliest, max(times.max() ?? 0, earliest + 1_000_000))
    }

    private func header(_ boot: BootTimeline, bootCount: Int?) -> [StyledLine] {
        var parts = ["Boot \(boot.index)" + (bootCount.map { " of \($0)" } ?? "")]
        parts.append(Self.boundaryText(boot.boundary))
        if captureTimes, let start = boot.captureStart { parts.append("starts at \(TimelineTimeText.seconds(start))") }
        parts.append(boot.duration.map { $0 < 100_000_000_000 ? TimelineTimeText.seconds($0) : TimelineTimeText.duration($0) } ?? "duration unknown")
        if let wallClock = boot.wallClockStart { parts.append(Self.wallClockText(wallClock)) }
        var title = StyledLine("── " + parts.joined(separator: " · ") + " ", style: .bold)
        if title.count < width { title.append(String(repeating: "─", count: width - title.count), style: .bold) }
        var lines = [title, StyledLine("clocks: " + boot.alignment.statement, style: .dim)]
        if let clock = boot.kernelClock { lines.append(StyledLine(Self.kernelClockText(clock), style: .dim)) }
        return lines
    }

    private func axis(_ scale: TimelineScale, labelWidth: Int) -> [StyledLine] {
        var labels = StyledLine()
        var rule = StyledLine(String(repeating: "─", count: scale.columns), style: .dim)
        var nextFree = 0
        for tick in scale.ticks() {
            rule.put(tick.column == 0 ? "├" : "┼", at: tick.column, style: .dim)
            guard tick.column >= nextFree, labelWidth + tick.column + tick.label.count <= width else { continue }
            labels.put(tick.label, at: tick.column, style: .dim)
            nextFree = tick.column + tick.label.count + 1
        }
        var labelRow = StyledLine(String(repeating: " ", count: labelWidth))
        labelRow.append(labels)
        var ruleRow = StyledLine(String(repeating: " ", count: labelWidth))
        ruleRow.append(rule)
        return [labelRow, ruleRow]
    }

    private func notes(_ boot: BootTimeline, names: [UInt16: String]) -> [StyledLine] {
        var notes: [String] = []
        for lane in boot.lanes where lane.omittedEvents > 0 {
            notes.append("\(names[lane.console, default: "#\(lane.console)"]): \(lane.omittedEvents) repeated events not kept (first and last of each run are)")
        }
        if boot.facts.microcontrollerBanners > 1 {
            notes.append("the M-core printed its banner \(boot.facts.microcontrollerBanners) times in this boot: it restarted")
        }
        if boot.facts.garbageLineCount > 0 {
            notes.append("\(boot.facts.garbageLineCount) of \(boot.facts.lineCount) lines look like garbage (wrong baud rate?)")
        }
        if boot.facts.endsWithInput {
            let closed = boot.lanes.contains { $0.events.contains { $0.event.name == SessionControlEvents.captureEndedName } }
            notes.append((closed ? "capture ended: ports closed; " : "") + "the input ends in this boot: later phases may just not have been captured")
        }
        guard !notes.isEmpty else { return [] }
        return [StyledLine()] + notes.map { StyledLine("note: " + $0, style: .dim) }
    }

    private func finish(_ lines: [StyledLine]) -> String {
        lines.map { $0.rendered(width: clipsText ? width : Int.max / 2, color: useColor) + "\n" }.joined()
    }

    static func boundaryText(_ boundary: BootBoundary) -> String {
        switch boundary {
        case .inputStart: "from the input's start"
        case .bootloaderBanner: "from a bootloader banner"
        case .kernelRestart: "from a kernel restart (time back to 0, no bootloader output)"
        case .microcontrollerBanner: "from an M-core banner (the M-core reset alone)"
        }
    }

    static func kernelClockText(_ clock: KernelClockModel) -> String {
        var text = "kernel clock: [0.000000] at \(TimelineTimeText.seconds(clock.offset)) ± \(TimelineTimeText.duration(clock.errorBound))"
        if let drift = clock.driftPPM { text += String(format: ", drift %+.0f ppm", drift) }
        switch clock.method {
        case .minimumDelay:
            text += " (minimum delay over \(clock.samples) lines" + (clock.lateSamples > 0 ? ", \(clock.lateSamples) flushed late)" : ")")
        case .handoverAnchor: text += " (placed at `Starting kernel ...`)"
        case .kernelTimeAsAxis: text += " (kernel time is the axis)"
        case .uptimeAnchor: text += " (from the probe's /proc/uptime: these lines come from its dmesg)"
        }
        return text
    }

    static func wallClockText(_ epochNanoseconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: Date(timeIntervalSince1970: Double(epochNanoseconds) / 1e9))
    }
}
