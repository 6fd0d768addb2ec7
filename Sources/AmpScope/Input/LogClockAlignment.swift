/// Puts several imported logs on one host clock where their stamps allow it, and says what
/// it assumed: dated stamps are one clock; times of day without a date are read as one host's
/// clock on one day; logs counting from their own start (grabserial -t, ts -s, tio
/// 24hour-start) are placed through the A-core line that started the M-core.
struct LogClockAlignment {
    /// Each log's first stamped line on the common axis (ns), nil when it could not be placed.
    var positions: [Int64?]
    var wallClockBase: Int64?
    var assumptions: [String] = []
    var description: String

    enum Clock {
        case none
        case dated(Int64)
        case timeOfDay(Int64)
        /// Counts from the tool's start or its first line; `captureZero` when the zero is an
        /// ampscope capture's start (two exports of one session share it).
        case sinceStart(Int64, captureZero: Bool)
    }

    struct Log {
        var path: String
        var clock: Clock
        var isMicrocontroller: Bool
        var isApplication: Bool
    }

    /// Text an A-core console prints as it starts the M-core: U-Boot's bootaux, remoteproc.
    static let microcontrollerStarts: [[UInt8]] = [
        "## Starting auxiliary core", "is now up", "Booting fw image",
    ].map { Array($0.utf8) }

    static let halfDay = CivilDate.nanosecondsPerDay / 2
    /// A time of day this close after midnight, beside logs hours away from it, is a count from
    /// the tool's start (tio 24hour-start, ts -s), which prints the same `00:00:05` shape.
    static let startCountLimit: Int64 = 600 * 1_000_000_000
    static let sameSessionLimit: Int64 = 3600 * 1_000_000_000

    /// `anchor(index)`: the time, on that log's own axis, of its line starting the M-core.
    init(_ logs: [Log], anchor: (Int) -> Int64?) {
        positions = Array(repeating: nil, count: logs.count)
        description = "none"
        var clocks = logs.map(\.clock)
        let dated = clocks.indices.compactMap { index -> (Int, Int64)? in
            if case .dated(let wall) = clocks[index] { return (index, wall) }
            return nil
        }
        let timesOfDay = clocks.indices.compactMap { index -> (Int, Int64)? in
            if case .timeOfDay(let time) = clocks[index] { return (index, time) }
            return nil
        }
        // A count from the start passes for a time just after midnight: tell them apart by distance.
        let reference: (position: Int64, timeOfDay: Int64)? = dated.first.map { ($0.1, Self.nanosecondOfDay($0.1)) }
            ?? timesOfDay.first(where: { $0.1 >= Self.startCountLimit }).map { ($0.1, $0.1) }
            ?? timesOfDay.first.map { ($0.1, $0.1) }
        for (index, time) in timesOfDay {
            guard let reference else { break }
            let difference = Self.wrapped(time - reference.timeOfDay)
            if time < Self.startCountLimit, abs(difference) > Self.sameSessionLimit {
                clocks[index] = .sinceStart(time, captureZero: false)
                continue
            }
            positions[index] = reference.position + difference
        }
        for (index, wall) in dated { positions[index] = wall }
        wallClockBase = dated.isEmpty ? nil : 0
        let placedByTimeOfDay = timesOfDay.map(\.0).filter { positions[$0] != nil }
        if !placedByTimeOfDay.isEmpty && placedByTimeOfDay.count + dated.count >= 2 {
            let names = (dated.map(\.0) + placedByTimeOfDay).sorted().map { logs[$0].path }
            assumptions.append("\(Self.list(names)) have times of day without \(dated.isEmpty ? "a date" : "a date in some"): assumed one host's clock on one day (same host, same time zone), so they share one time axis")
        }
        // Exports of one session count from the same capture start.
        if positions.allSatisfy({ $0 == nil }) {
            let sameCapture = clocks.indices.filter { if case .sinceStart(_, true) = clocks[$0] { return true } else { return false } }
            if sameCapture.count >= 2 {
                for index in sameCapture { if case .sinceStart(let zero, _) = clocks[index] { positions[index] = zero } }
                assumptions.append("\(Self.list(sameCapture.map { logs[$0].path })) count from a capture's start: assumed the same capture, so they share one time axis")
            }
        }
        // The rest count from their own start: place an M-core log's first line at the A-core line that started it.
        for index in clocks.indices where positions[index] == nil {
            guard case .sinceStart = clocks[index], logs[index].isMicrocontroller,
                  let application = logs.indices.first(where: { logs[$0].isApplication }), application != index
            else { continue }
            if positions[application] == nil, case .sinceStart = clocks[application] {
                if positions.allSatisfy({ $0 == nil }) { positions[application] = 0 }
            }
            guard let base = positions[application], let anchorTime = anchor(application) else { continue }
            positions[index] = base + anchorTime
            assumptions.append("\(logs[index].path) counts from its own first line, not a time of day: its first line was placed at \(logs[application].path)'s line that starts the M-core (assumed: the M-core's first output follows its start)")
        }
        if let base = positions.compactMap({ $0 }).min(), wallClockBase != nil { wallClockBase = base }
        description = dated.count == logs.count ? "dated host stamps in every log" : "host stamps, one axis (assumed; see the notes)"
    }

    var placesEveryLog: Bool { positions.allSatisfy { $0 != nil } }

    /// Shifts that move every log onto the axis starting at the earliest first line.
    var shifts: [UInt64] {
        let base = positions.compactMap { $0 }.min() ?? 0
        return positions.map { UInt64(max(0, ($0 ?? base) - base)) }
    }

    static func nanosecondOfDay(_ wall: Int64) -> Int64 {
        let remainder = wall % CivilDate.nanosecondsPerDay
        return remainder < 0 ? remainder + CivilDate.nanosecondsPerDay : remainder
    }

    /// A difference of times of day as the nearest one: across midnight, 23:59 to 00:01 is 2 minutes.
    static func wrapped(_ difference: Int64) -> Int64 {
        var value = difference % CivilDate.nanosecondsPerDay
        if value > halfDay { value -= CivilDate.nanosecondsPerDay }
        if value <= -halfDay { value += CivilDate.nanosecondsPerDay }
        return value
    }

    private static func list(_ names: [String]) -> String {
        names.count <= 2 ? names.joined(separator: " and ") : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
