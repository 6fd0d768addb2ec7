/// Small text forms the three report renderers share.
enum ReportText {
    /// `1–5, 9, 17` (runs of consecutive boots collapsed); past `limit` runs `… (+12 more boots)`.
    static func numberList(_ numbers: [Int], limit: Int = 40) -> String {
        var runs: [(Int, Int)] = []
        for number in numbers.sorted() {
            if let last = runs.last, number == last.1 + 1 { runs[runs.count - 1].1 = number } else { runs.append((number, number)) }
        }
        let parts = runs.map { $0.0 == $0.1 ? "\($0.0)" : $0.1 == $0.0 + 1 ? "\($0.0), \($0.1)" : "\($0.0)–\($0.1)" }
        guard parts.count > limit else { return parts.joined(separator: ", ") }
        let rest = runs.dropFirst(limit).reduce(0) { $0 + $1.1 - $1.0 + 1 }
        return parts.prefix(limit).joined(separator: ", ") + ", … (+\(rest) more boot\(rest == 1 ? "" : "s"))"
    }

    static func time(_ nanoseconds: Int64?) -> String {
        nanoseconds.map(TimelineTimeText.seconds) ?? "—"
    }

    /// An evidence line's time as the live view showed it (capture time), else on the boot's axis.
    static func time(_ line: FindingEvidence) -> String {
        time(line.captureTime ?? line.time)
    }

    /// ", which starts at 0.089 s" (capture time), once per boot; empty without host times.
    static func bootStart(_ boot: Int, in document: ReportDocument) -> String {
        guard let start = document.timeline.boots.first(where: { $0.index == boot })?.captureStart else { return "" }
        return ", which starts at \(TimelineTimeText.seconds(start))"
    }

    /// `/dev/ttyUSB0, 115200 baud, 0403:6001 FTDI FT232R USB UART serial serial-1, latency timer 1 ms`.
    static func consoleLine(_ console: ReportConsole) -> String {
        var parts: [String] = []
        if let port = console.port { parts.append(port) }
        if let baud = console.baud { parts.append("\(baud) baud") }
        if let adapter = console.adapter {
            parts.append(adapter)
        } else if let remote = console.remote {
            parts.append(remote)
        } else if console.port != nil {
            parts.append("no USB adapter identified")
        }
        if let latency = console.latencyTimerMilliseconds {
            parts.append("latency timer \(latency) ms" + (latency > 2 ? " (coarse: times may lag by up to \(latency) ms)" : ""))
        }
        if let lowLatency = console.lowLatency { parts.append(lowLatency) }
        if parts.isEmpty { return "imported log (no port information)" }
        return parts.joined(separator: ", ")
    }

    static func kindName(_ kind: ConsoleKind) -> String {
        switch kind {
        case .application: return "application core"
        case .microcontroller: return "M-core"
        case .unknown: return "console"
        }
    }

    static func severityLabel(_ severity: FindingSeverity) -> String {
        switch severity {
        case .error: return "Error"
        case .warning: return "Warning"
        case .info: return "Note"
        }
    }
}
