/// Tells stamps that count the time since the line before (tio `24hour-delta`, moreutils
/// `ts -i`) from clock readings of the same shape: readings never go back, intervals do.
enum IntervalStampDetector {
    /// Steps back in the sample, out of all steps, above which the stamps are intervals; a clock
    /// reading steps back only at a midnight (from near 24:00, so not among values under an hour)
    /// or a clock step.
    static let backShare = 0.25

    static func stampsAreIntervals(_ sample: [RawLogLine], format: LogFormat) -> Bool {
        guard format == .tio || format == .ts else { return false }
        var previous: Int64?
        var steps = 0
        var back = 0
        var maximum: Int64 = 0
        for line in sample where !line.continuesCutLine {
            guard let interval = format.stamp(in: line.bytes)?.value.interval else { continue }
            if let previous {
                steps += 1
                if interval < previous { back += 1 }
            }
            previous = interval
            maximum = max(maximum, interval)
        }
        // At a one-second resolution most intervals read 0: one step back among small values is enough.
        let small = maximum < CivilDate.nanosecondsPerDay / 24
        return (back >= 2 && Double(back) >= Double(steps) * backShare) || (back >= 1 && small)
    }
}

extension LineStamp.Value {
    /// The stamp as a length of time, for stamps that can be one (a time of day or seconds).
    var interval: Int64? {
        switch self {
        case .timeOfDay(let nanoseconds), .seconds(let nanoseconds): return nanoseconds
        case .epoch, .dateless: return nil
        }
    }
}
