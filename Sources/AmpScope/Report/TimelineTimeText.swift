/// How the terminal timeline writes times and durations (ns in, short human text out).
enum TimelineTimeText {
    /// `2.058 s`: event times, always in seconds with ms resolution so a column of them lines up.
    static func seconds(_ nanoseconds: Int64) -> String {
        let sign = nanoseconds < 0 ? "-" : ""
        let milliseconds = (nanoseconds.magnitude + 500_000) / 1_000_000
        let fraction = String(milliseconds % 1000)
        return "\(sign)\(milliseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction) s"
    }

    /// `850 µs`, `1.2 ms`, `12 ms`, `1.2 s`, `4 min 12 s`: a duration or an uncertainty, two significant figures.
    static func duration(_ nanoseconds: Int64) -> String {
        let value = nanoseconds.magnitude
        if value < 1_000 { return "\(value) ns" }
        if value < 1_000_000 { return scaled(value, unit: 1_000, name: "µs") }
        if value < 1_000_000_000 { return scaled(value, unit: 1_000_000, name: "ms") }
        if value < 60_000_000_000 { return scaled(value, unit: 1_000_000_000, name: "s") }
        let seconds = (value + 500_000_000) / 1_000_000_000
        if seconds < 3600 { return "\(seconds / 60) min \(seconds % 60) s" }
        return "\(seconds / 3600) h \(seconds % 3600 / 60) min"
    }

    /// One decimal below 10 units, none above: `1.2 ms`, `12 ms`, `120 ms`.
    private static func scaled(_ value: UInt64, unit: UInt64, name: String) -> String {
        let tenths = (value * 10 + unit / 2) / unit
        if tenths < 100 {
            return tenths % 10 == 0 ? "\(tenths / 10) \(name)" : "\(tenths / 10).\(tenths % 10) \(name)"
        }
        return "\((value + unit / 2) / unit) \(name)"
    }
}

/// The time axis of one boot: which column a time falls in, and where the ticks go. It starts
/// at the boot's start (0) or earlier when something was placed before it (a console aligned
/// on an anchor can start before the boot's first line).
struct TimelineScale: Sendable {
    let start: Int64
    let end: Int64
    let columns: Int
    /// Columns `start…end` are spread over; the rest, on the right, leave room for the name of a
    /// phase that begins at the very end (a login prompt as the capture stops).
    let scaledColumns: Int

    init(start: Int64 = 0, end: Int64, columns: Int, rightMargin: Int = 0) {
        self.start = min(start, 0)
        self.end = max(end, self.start + 1)
        self.columns = max(columns, 1)
        scaledColumns = max(self.columns - max(rightMargin, 0), 1)
    }

    init(span: Int64, columns: Int) {
        self.init(start: 0, end: span, columns: columns)
    }

    var span: Int64 { end - start }

    func column(_ time: Int64) -> Int {
        let fraction = Double(max(time - start, 0)) / Double(span)
        return min(columns - 1, Int(fraction * Double(scaledColumns)))
    }

    struct Tick: Sendable, Hashable {
        var column: Int
        var label: String
    }

    /// Ticks at least `minimumSpacing` columns apart, at a round step (1-2-5 × 10ⁿ, or whole
    /// minutes), labelled in the unit that step reads best in (µs, ms, s, min).
    func ticks(minimumSpacing: Int = 10) -> [Tick] {
        let wanted = Double(span) * Double(minimumSpacing) / Double(scaledColumns)
        let step = Self.steps.first { Double($0) >= wanted } ?? Self.steps.last!
        var ticks: [Tick] = []
        var time = start / step * step
        while true {
            let column = Int(Double(time - start) / Double(span) * Double(scaledColumns))
            if column >= columns { break }
            ticks.append(Tick(column: column, label: time == 0 ? "0" : (time < 0 ? "-" : "") + Self.label(abs(time), step: step)))
            time += step
        }
        return ticks
    }

    private static let steps: [Int64] = {
        var steps: [Int64] = []
        var decade: Int64 = 1_000
        while decade < 60_000_000_000 {
            for factor: Int64 in [1, 2, 5] where decade * factor < 60_000_000_000 { steps.append(decade * factor) }
            decade *= 10
        }
        let minute: Int64 = 60_000_000_000
        return steps + [1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 1440].map { $0 * minute }
    }()

    private static func label(_ time: Int64, step: Int64) -> String {
        switch step {
        case ..<1_000_000: "\(time / 1_000) µs"
        case ..<100_000_000: "\(time / 1_000_000) ms"
        case ..<1_000_000_000:
            time % 1_000_000_000 == 0 ? "\(time / 1_000_000_000) s" : "\(time / 1_000_000_000).\(time % 1_000_000_000 / 100_000_000) s"
        case ..<60_000_000_000: "\(time / 1_000_000_000) s"
        default: "\(time / 60_000_000_000) min"
        }
    }
}
