import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// The capper groups by event name whether an event came with its classifier's name index or
/// without one (typed input, markers), and keeps the first and last ten of each name.
@Suite struct EventCapperTests {
    static func pending(_ name: String, line: Int) -> PendingEvent {
        let event = Event(
            definitionID: name, name: name, severity: .info, phase: nil, isKey: false, console: 0, lineNumber: line,
            byteOffset: UInt64(line), firstByteTime: 0, endTime: 0, targetTime: nil, fields: [:], text: "\(name) \(line)")
        return PendingEvent(record: TimelineEventRecord(event), point: LinePoint(console: 0, lineNumber: line, byteOffset: UInt64(line), time: 0))
    }

    @Test func oneNameIsOneSeriesWithOrWithoutItsIndex() {
        var capper = EventCapper()
        // "heartbeat" arrives first without an index, then with index 3; "ping" the other way round.
        for line in 0..<30 {
            capper.add(Self.pending("heartbeat", line: 2 * line), nameIndex: line == 0 ? -1 : 3)
            capper.add(Self.pending("ping", line: 2 * line + 1), nameIndex: line == 0 ? 0 : -1)
        }
        let kept = capper.events
        // 30 of each name: the first 10 and the last 10 kept, 10 counted.
        #expect(kept.filter { $0.record.name == "heartbeat" }.map(\.point.lineNumber) == Array(0..<10).map { 2 * $0 } + Array(20..<30).map { 2 * $0 })
        #expect(kept.filter { $0.record.name == "ping" }.map(\.point.lineNumber) == Array(0..<10).map { 2 * $0 + 1 } + Array(20..<30).map { 2 * $0 + 1 })
        #expect(capper.omitted == 20)
        #expect(kept.map(\.point.lineNumber) == kept.map(\.point.lineNumber).sorted())
    }

    @Test func differentIndexesAreDifferentSeries() {
        var capper = EventCapper()
        for line in 0..<5 {
            capper.add(Self.pending("a", line: 2 * line), nameIndex: 0)
            capper.add(Self.pending("b", line: 2 * line + 1), nameIndex: 1)
        }
        #expect(capper.events.count == 10 && capper.omitted == 0)
    }
}
