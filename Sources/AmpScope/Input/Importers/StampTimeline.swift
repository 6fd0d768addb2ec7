/// Turns a log's stamps into chunk times: ns since the first stamped line, never decreasing.
///
/// Times of day roll over at midnight; `ts`'s yearless dates roll over at New Year. When stamps
/// go backwards (an NTP step, grabserial restarting its count after `-a`), the line keeps the
/// previous time and later lines continue from there, so intervals after the step stay true.
struct StampTimeline {
    private let yearForDateless: Int64?
    /// Stamps are intervals since the line before: the axis is their running sum.
    private let accumulates: Bool
    private var sum: Int64 = 0
    private var origin: Int64?
    private var previous: Int64 = 0
    private var offset: Int64 = 0
    private var day: Int64 = 0
    private var previousTimeOfDay: Int64?
    private var datelessYear: Int64
    private var previousMonth: Int64?
    private(set) var stepsBack = 0
    private(set) var firstWallClock: Int64?
    private(set) var lastWallClock: Int64?
    private(set) var hasWallClock = false
    /// The time of the last stamped line (0 before the first).
    private(set) var current: UInt64 = 0

    init(yearForDateless: Int?, accumulates: Bool = false) {
        self.accumulates = accumulates
        self.yearForDateless = yearForDateless.map { min(max(Int64($0), CivilDate.years.lowerBound), CivilDate.years.upperBound) }
        // A leap year, so `Feb 29` counts when the real year is unknown.
        datelessYear = self.yearForDateless ?? 2000
    }

    mutating func record(_ value: LineStamp.Value) -> UInt64 {
        var wallClock: Int64?
        var axis: Int64
        if accumulates, let interval = value.interval {
            sum = Self.clamped(sum, plus: interval)
            axis = sum
        } else {
        switch value {
        case .epoch(let nanoseconds):
            axis = nanoseconds
            wallClock = nanoseconds
        case .dateless(let month, let day, let nanosecondOfDay):
            if let previousMonth, month < previousMonth { datelessYear += 1 }
            previousMonth = month
            axis = CivilDate.days(year: datelessYear, month: month, day: day) * CivilDate.nanosecondsPerDay + nanosecondOfDay
            if yearForDateless != nil { wallClock = axis }
        case .timeOfDay(let nanoseconds):
            if let previousTimeOfDay, nanoseconds + CivilDate.nanosecondsPerDay / 2 < previousTimeOfDay { day += 1 }
            previousTimeOfDay = nanoseconds
            axis = day * CivilDate.nanosecondsPerDay + nanoseconds
        case .seconds(let nanoseconds):
            axis = nanoseconds
        }
        }
        if let wallClock {
            if firstWallClock == nil { firstWallClock = wallClock }
            lastWallClock = wallClock
            hasWallClock = true
        }
        var adjusted = Self.clamped(axis, plus: offset)
        guard let origin else {
            origin = adjusted
            previous = adjusted
            return 0
        }
        if adjusted < previous {
            stepsBack += 1
            offset = Self.clamped(offset, plus: Self.clamped(previous, plus: -adjusted))
            adjusted = previous
        }
        previous = adjusted
        let elapsed = Self.clamped(adjusted, plus: -origin)
        current = UInt64(max(0, elapsed))
        return current
    }

    /// Saturating addition: hostile input must not trap.
    private static func clamped(_ a: Int64, plus b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard overflow else { return sum }
        return b > 0 ? Int64.max : Int64.min
    }
}
