/// Tells stamps that count the time since the line before (tio `24hour-delta`, moreutils
/// `ts -i`) from clock readings of the same shape: readings never go back, intervals do.
enum IntervalStampDetector {
    /// Steps back in the sample, out of all steps, above which the stamps are intervals; a clock
    /// reading steps back only at a midnight or a clock step.
    static let backShare = 0.25

    static func stampsAreIntervals(_ sample: [RawLogLine], format: LogFormat) -> Bool {
        guard format == .tio || format == .ts else { return false }
        var previous: Int64?
        var steps = 0
        var back = 0
        for line in sample where !line.continuesCutLine {
            guard let interval = format.stamp(in: line.bytes)?.value.interval else { continue }
            if let previous {
                steps += 1
                if interval < previous { back += 1 }
            }
            previous = interval
        }
        return back >= 2 && Double(back) >= Double(steps) * backShare
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
