/// An inline SVG swimlane of one boot: a time axis, one lane per console with its phases as
/// coloured bars, key events as ticks with labels, findings' evidence as red marks. Without
/// times the phases are drawn in order with equal widths, and the picture says so.
struct SVGTimelineDrawing {
    let boot: BootTimeline
    let consoles: [TimelineConsole]
    let findings: [Finding]

    private let width = 1000.0
    private let labelWidth = 70.0
    private let laneHeight = 26.0
    private let eventRowHeight = 13.0

    func render() -> String {
        let timed = boot.lanes.contains { lane in lane.phases.contains { $0.start.time != nil } }
        let end = Double(max(boot.duration ?? 0, boot.facts.observedUntil ?? 0, latestTime(), 1))
        let plot = width - labelWidth - 20
        func x(_ time: Int64?) -> Double { labelWidth + max(0, Double(time ?? 0)) / end * plot }

        var body: [String] = []
        var y = 28.0
        if timed {
            for tick in ticks(end: end) {
                let position = x(Int64(tick))
                body.append(#"<line class="grid" x1="\#(f(position))" y1="20" x2="\#(f(position))" y2="HEIGHT"/>"#)
                body.append(#"<text class="tick" x="\#(f(position))" y="14" text-anchor="middle">\#(TimelineTimeText.seconds(Int64(tick)))</text>"#)
            }
        } else {
            body.append(#"<text class="tick" x="\#(f(labelWidth))" y="14">no times in this input: phases in order, not to scale</text>"#)
        }
        let evidence = Set(findings.flatMap { $0.evidence.map { "\($0.consoleID):\($0.lineNumber)" } })
        for lane in boot.lanes {
            let name = consoles.first { $0.id == lane.console }?.name ?? "#\(lane.console)"
            body.append(#"<text class="lane" x="4" y="\#(f(y + 17))">\#(HTMLText.escaped(name))</text>"#)
            body.append(#"<rect class="track" x="\#(f(labelWidth))" y="\#(f(y))" width="\#(f(plot))" height="\#(f(laneHeight))"/>"#)
            for (index, phase) in lane.phases.enumerated() {
                let start: Double, stop: Double
                if timed {
                    start = x(phase.start.time)
                    if let phaseEnd = phase.end?.time {
                        stop = x(phaseEnd)
                    } else if let silentFrom = silenceStart(of: lane, end: end), phase.phase != .halted,
                              silentFrom >= (phase.start.time ?? 0) {
                        // The console stopped printing and the boot went on: draw the rest as
                        // silence, not as the phase it was last seen in.
                        stop = x(silentFrom)
                        let silenceWidth = max(x(Int64(end)) - stop, 1.5)
                        body.append(#"<rect class="silence" x="\#(f(stop))" y="\#(f(y + 2))" width="\#(f(silenceWidth))" height="\#(f(laneHeight - 4))"><title>silent from \#(ReportText.time(silentFrom)) to the end of the boot</title></rect>"#)
                        if silenceWidth > 50 {
                            body.append(#"<text class="silence-label" x="\#(f(stop + 4))" y="\#(f(y + 17))">silent</text>"#)
                        }
                    } else {
                        stop = x(Int64(end))
                    }
                } else {
                    let share = plot / Double(max(lane.phases.count, 1))
                    start = labelWidth + share * Double(index)
                    stop = start + share
                }
                let barWidth = max(stop - start, 1.5)
                body.append(#"<rect class="phase \#(phase.phase.rawValue)" x="\#(f(start))" y="\#(f(y + 2))" width="\#(f(barWidth))" height="\#(f(laneHeight - 4))"><title>\#(HTMLText.escaped(phase.phase.title)) from \#(ReportText.time(phase.start.time)): \#(HTMLText.escaped(phase.evidence.text))</title></rect>"#)
                if barWidth > Double(phase.phase.title.count) * 6.5 + 6 {
                    body.append(#"<text class="phase-label" x="\#(f(start + 4))" y="\#(f(y + 17))">\#(HTMLText.escaped(phase.phase.title))</text>"#)
                }
            }
            y += laneHeight + 4
            // Key events, labels staggered over four rows; a label with no free row is left out
            // (its mark stays, and its text is in the mark's tooltip and the findings).
            let events = lane.events.filter {
                $0.event.isKey || ($0.event.isConsoleLine && evidence.contains("\($0.event.console):\($0.event.lineNumber)"))
            }
            var rowEnds = [Double](repeating: -1, count: 4)
            var rowsUsed = 0
            for event in events where timed ? event.placement.time != nil : false {
                let position = x(event.placement.time)
                let isEvidence = evidence.contains("\(event.event.console):\(event.event.lineNumber)")
                let label = event.event.name
                guard let row = rowEnds.firstIndex(where: { $0 < position }) else {
                    body.append(#"<line class="\#(isEvidence ? "mark evidence" : "mark")" x1="\#(f(position))" y1="\#(f(y - 6))" x2="\#(f(position))" y2="\#(f(y + 2))"><title>\#(ReportText.time(event.placement.time)) \#(HTMLText.escaped(label)): \#(HTMLText.escaped(event.event.text))</title></line>"#)
                    continue
                }
                rowEnds[row] = position + Double(label.count) * 5.6 + 8
                rowsUsed = max(rowsUsed, row + 1)
                let labelY = y + 10 + Double(row) * eventRowHeight
                body.append(#"<line class="\#(isEvidence ? "mark evidence" : "mark")" x1="\#(f(position))" y1="\#(f(y - 6))" x2="\#(f(position))" y2="\#(f(labelY - 8))"/>"#)
                body.append(#"<text class="\#(isEvidence ? "event evidence" : "event")" x="\#(f(position + 2))" y="\#(f(labelY))"><title>\#(ReportText.time(event.placement.time)) line \#(event.event.lineNumber): \#(HTMLText.escaped(event.event.text))</title>\#(HTMLText.escaped(label))</text>"#)
            }
            if let last = lane.lastLine, let time = last.placement.time, timed {
                body.append(#"<circle class="last-line" cx="\#(f(x(time)))" cy="\#(f(y - laneHeight / 2 - 4))" r="3.5"><title>last line \#(last.lineNumber) at \#(TimelineTimeText.seconds(time)): \#(HTMLText.escaped(last.text))</title></circle>"#)
            }
            y += Double(rowsUsed) * eventRowHeight + 10
        }
        let height = y + 4
        let content = body.joined(separator: "\n").replacingOccurrences(of: "HEIGHT", with: f(height - 4))
        return #"<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(f(width)) \#(f(height))" width="100%" role="img" aria-label="Timeline of boot \#(boot.index)">"#
            + "\n" + content + "\n</svg>"
    }

    private func latestTime() -> Int64 {
        var latest: Int64 = 0
        for lane in boot.lanes {
            for phase in lane.phases { latest = max(latest, phase.start.time ?? 0, phase.end?.time ?? 0) }
            for event in lane.events { latest = max(latest, event.placement.time ?? 0) }
            latest = max(latest, lane.lastLine?.placement.time ?? 0)
        }
        return latest
    }

    /// When a console's last line came at least 1 s before another console's, the time it went
    /// silent (as the terminal swimlanes draw it).
    private func silenceStart(of lane: ConsoleLane, end: Double) -> Int64? {
        guard let last = lane.lastLine?.placement.time else { return nil }
        let othersLast = boot.lanes.filter { $0.console != lane.console }.compactMap { $0.lastLine?.placement.time }.max()
        guard let othersLast, othersLast - last >= 1_000_000_000 else { return nil }
        return last
    }

    /// 5 to 10 round ticks from 0 to `end`.
    private func ticks(end: Double) -> [Double] {
        let steps: [Double] = [1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8, 2e8, 5e8, 1e9, 2e9, 5e9, 1e10, 2e10, 5e10, 1e11, 3e11, 6e11, 1.2e12, 3.6e12]
        let step = steps.first { end / $0 <= 10 } ?? end / 10
        return stride(from: 0.0, through: end, by: step).map { $0 }
    }

    private func f(_ value: Double) -> String {
        String(Int((value * 10).rounded())) .withDecimal
    }
}

private extension String {
    /// "1234" (tenths) → "123.4".
    var withDecimal: String {
        let negative = hasPrefix("-")
        var digits = negative ? String(dropFirst()) : self
        while digits.count < 2 { digits = "0" + digits }
        let result = digits.dropLast() + "." + digits.suffix(1)
        return (negative ? "-" : "") + result
    }
}
