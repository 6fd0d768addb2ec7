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

/// The time axis of one boot: which column a time falls in, and where the ticks go.
struct TimelineScale: Sendable {
    /// ns covered by the plot (from 0).
    let span: Int64
    let columns: Int

    init(span: Int64, columns: Int) {
        self.span = max(span, 1)
        self.columns = max(columns, 1)
    }

    func column(_ time: Int64) -> Int {
        let fraction = Double(max(time, 0)) / Double(span)
        return min(columns - 1, Int(fraction * Double(columns)))
    }

    struct Tick: Sendable, Hashable {
        var column: Int
        var label: String
    }

    /// Ticks at least `minimumSpacing` columns apart, at a round step (1-2-5 × 10ⁿ, or whole
    /// minutes), labelled in the unit that step reads best in (µs, ms, s, min).
    func ticks(minimumSpacing: Int = 10) -> [Tick] {
        let wanted = Double(span) * Double(minimumSpacing) / Double(columns)
        let step = Self.steps.first { Double($0) >= wanted } ?? Self.steps.last!
        var ticks: [Tick] = []
        var time: Int64 = 0
        while time <= span {
            let column = Int(Double(time) / Double(span) * Double(columns))
            if column >= columns { break }
            ticks.append(Tick(column: column, label: time == 0 ? "0" : Self.label(time, step: step)))
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
