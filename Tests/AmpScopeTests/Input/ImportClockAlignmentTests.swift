import Testing
@testable import AmpScopeTestSupport
@testable import AmpScope

/// How several logs' first stamps put them on one axis (the stamps themselves are read from
/// real tools' logs in IntegrationSavedLogToolTests).
@Suite("Several logs on one host clock")
struct ImportClockAlignmentTests {
    static let second: Int64 = 1_000_000_000
    static let hour = 3600 * second

    static func log(_ path: String, _ clock: LogClockAlignment.Clock, application: Bool) -> LogClockAlignment.Log {
        LogClockAlignment.Log(path: path, clock: clock, isMicrocontroller: !application, isApplication: application)
    }

    @Test("times of day from two files share one axis, and the output says it assumed so")
    func timesOfDay() {
        let alignment = LogClockAlignment([
            Self.log("a7.log", .timeOfDay(8 * Self.hour + 5 * Self.second), application: true),
            Self.log("m4.log", .timeOfDay(8 * Self.hour + 2 * Self.second), application: false),
        ]) { _ in nil }
        #expect(alignment.placesEveryLog)
        #expect(alignment.shifts == [UInt64(3 * Self.second), 0])
        #expect(alignment.assumptions.contains { $0.contains("a7.log and m4.log") && $0.contains("assumed one host's clock on one day") })
        #expect(alignment.wallClockBase == nil, "no date: the axis is not placed in time")
    }

    @Test("a file starting just after midnight is minutes after one starting before it, not a day before")
    func acrossMidnight() {
        let alignment = LogClockAlignment([
            Self.log("a7.log", .timeOfDay(24 * Self.hour - 10 * Self.second), application: true),
            Self.log("m4.log", .timeOfDay(5 * Self.second), application: false),
        ]) { _ in nil }
        #expect(alignment.shifts == [0, UInt64(15 * Self.second)])
    }

    @Test("a dated log gives the time-of-day log its date")
    func datedAndTimeOfDay() {
        let day = CivilDate.days(year: 2026, month: 11, day: 25) * CivilDate.nanosecondsPerDay
        let alignment = LogClockAlignment([
            Self.log("a7.log", .dated(day + 8 * Self.hour), application: true),
            Self.log("m4.log", .timeOfDay(8 * Self.hour + 7 * Self.second), application: false),
        ]) { _ in nil }
        #expect(alignment.shifts == [0, UInt64(7 * Self.second)])
        #expect(alignment.wallClockBase == day + 8 * Self.hour)
    }

    @Test("an M-core log counting from its own start goes to the A-core line that started the M-core")
    func sinceStartAnchored() {
        let alignment = LogClockAlignment([
            Self.log("a7.log", .timeOfDay(8 * Self.hour), application: true),
            Self.log("m4.log", .sinceStart(0, captureZero: false), application: false),
        ]) { index in index == 0 ? 1_700_000_000 : nil }
        #expect(alignment.shifts == [0, 1_700_000_000])
        #expect(alignment.assumptions.contains { $0.contains("m4.log counts from its own first line") })
    }

    @Test("without that A-core line the logs are not put on one clock")
    func sinceStartWithoutAnchor() {
        let alignment = LogClockAlignment([
            Self.log("a7.log", .timeOfDay(8 * Self.hour), application: true),
            Self.log("m4.log", .sinceStart(0, captureZero: false), application: false),
        ]) { _ in nil }
        #expect(!alignment.placesEveryLog)
    }

    @Test("a count from the start that looks like 00:00:05 is not taken for a time of day hours away")
    func startCountBesideTimeOfDay() {
        let alignment = LogClockAlignment([
            Self.log("a7.log", .timeOfDay(14 * Self.hour), application: true),
            Self.log("m4.log", .timeOfDay(5 * Self.second), application: false),
        ]) { index in index == 0 ? 2 * Self.second : nil }
        #expect(alignment.shifts == [0, UInt64(2 * Self.second)])
    }

    @Test("two exports of one session count from its capture start")
    func sameCapture() {
        let alignment = LogClockAlignment([
            Self.log("a7.txt", .sinceStart(30_000_000, captureZero: true), application: true),
            Self.log("m4.txt", .sinceStart(1_703_000_000, captureZero: true), application: false),
        ]) { _ in nil }
        #expect(alignment.shifts == [0, 1_673_000_000])
    }
}
