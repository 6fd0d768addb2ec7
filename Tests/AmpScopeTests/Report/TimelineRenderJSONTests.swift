import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// The JSON writer, read back with JSONSerialization; the values checked are the fixtures' own.
@Suite struct TimelineRenderJSONTests {
    typealias Fixtures = TimelineRenderTestFixtures

    static func parse(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func streamsTwoBootsAsTheyArriveAndReadsBackWithTheirValues() throws {
        var pieces: [String] = []
        var writer = TimelineJSONWriter { pieces.append($0) }
        try writer.write(Fixtures.threePhaseBoot(index: 1))
        // The header and the first boot are out before the second boot exists.
        #expect(pieces.count == 2)
        #expect(pieces[0] == "{\"tool\":\"ampscope\",\"version\":\"\(AmpScopeVersion.string)\",\"boots\":[")
        #expect(pieces[1].hasPrefix("\n{\"alignment\":"))
        var second = Fixtures.orderOnlyBoot()
        second.index = 2
        try writer.write(second)
        #expect(pieces.count == 3)
        try writer.finish(consoles: Fixtures.consoles, inputs: Fixtures.timeline([]).inputs, warnings: ["m4.log: 2 lines cut"])

        let document = try Self.parse(pieces.joined())
        #expect(Set(document.keys) == ["tool", "version", "boots", "consoles", "inputs", "warnings"])
        #expect(document["tool"] as? String == "ampscope")
        #expect(document["warnings"] as? [String] == ["m4.log: 2 lines cut"])
        let consoles = try #require(document["consoles"] as? [[String: Any]])
        #expect(consoles.map { $0["name"] as? String } == ["a7", "m4"])
        #expect(consoles.map { $0["kind"] as? String } == ["application", "microcontroller"])
        let inputs = try #require(document["inputs"] as? [[String: Any]])
        #expect(inputs.first?["format"] as? String == "session")

        let boots = try #require(document["boots"] as? [[String: Any]])
        #expect(boots.map { $0["index"] as? Int } == [1, 2])
        let first = boots[0]
        #expect(first["boundary"] as? String == "bootloader-banner")
        #expect(first["duration"] as? Int64 == 8_412_000_000)
        #expect(first["durationSeconds"] as? Double == 8.412)
        #expect(first["wallClockStart"] as? Int64 == 1_795_596_720_000_000_000)
        let clock = try #require(first["kernelClock"] as? [String: Any])
        #expect(clock["offset"] as? Int64 == 2_900_000_000)
        #expect(clock["method"] as? String == "minimum-delay")
        let lanes = try #require(first["lanes"] as? [[String: Any]])
        let m4Phases = try #require(lanes[1]["phases"] as? [[String: Any]])
        #expect(m4Phases.map { $0["phase"] as? String } == ["started", "running", "halted"])
        let a7Events = try #require(lanes[0]["events"] as? [[String: Any]])
        let clocks = try #require(a7Events.first { ($0["event"] as? [String: Any])?["definitionID"] as? String == "linux.clk-disabling-unused" })
        let placement = try #require(clocks["placement"] as? [String: Any])
        #expect(placement["time"] as? Int64 == 4_958_000_000)
        #expect(placement["uncertainty"] as? Int64 == 1_200_000)
        #expect(placement["source"] as? String == "kernel-clock")
        #expect((clocks["event"] as? [String: Any])?["kernelTime"] as? Int64 == 2_058_000)

        let orderOnly = boots[1]
        #expect(orderOnly["durationSeconds"] is NSNull)
        #expect(orderOnly["duration"] == nil)
        let orderPlacement = try #require(((orderOnly["lanes"] as? [[String: Any]])?[0]["events"] as? [[String: Any]])?[0]["placement"] as? [String: Any])
        #expect(orderPlacement["source"] as? String == "order")
        #expect(orderPlacement["time"] == nil)
    }

    @Test func keysAreSortedInEveryBootObject() throws {
        var pieces: [String] = []
        var writer = TimelineJSONWriter { pieces.append($0) }
        try writer.write(Fixtures.threePhaseBoot())
        let boot = pieces[1]
        let keys = ["\"alignment\"", "\"boundary\"", "\"duration\"", "\"durationSeconds\"", "\"facts\"", "\"hostStart\"", "\"index\"", "\"kernelClock\"", "\"lanes\""]
        let positions = keys.map { boot.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(boot.contains("{\"source\":\"host\",\"time\":1200000000,\"uncertainty\":0}"))
    }

    @Test func noBootsStillMakesAValidDocument() throws {
        var pieces: [String] = []
        var writer = TimelineJSONWriter { pieces.append($0) }
        try writer.write(Timeline(consoles: [], inputs: [], boots: [], warnings: []))
        #expect(pieces.joined() == "{\"tool\":\"ampscope\",\"version\":\"\(AmpScopeVersion.string)\",\"boots\":[\n],\"consoles\":[],\"inputs\":[],\"warnings\":[]}\n")
        #expect((try Self.parse(pieces.joined())["boots"] as? [Any])?.isEmpty == true)
    }

    @Test func bootPickerHoldsAtMostOneBootAndNamesTheRangeWhenNothingMatched() throws {
        let boots = (1...3).map { Fixtures.threePhaseBoot(index: $0) }
        var all = BootPicker(nil)
        #expect(boots.compactMap { all.offer($0) }.map(\.index) == [1, 2, 3])
        var second = BootPicker(BootSelection("2"))
        #expect(boots.compactMap { second.offer($0) }.map(\.index) == [2])
        #expect(try second.finish() == nil)
        var last = BootPicker(BootSelection("last"))
        #expect(boots.compactMap { last.offer($0) }.isEmpty)
        #expect(try last.finish()?.index == 3)
        var missing = BootPicker(.number(5))
        for boot in boots { _ = missing.offer(boot) }
        #expect(throws: BootSelectionError(selection: .number(5), bootCount: 3)) { try missing.finish() }
        #expect(BootSelectionError(selection: .number(5), bootCount: 3).description
            == "there is no boot 5: the input has 3 boots (give --boot 1 to 3, or --boot last)")
        #expect(BootSelection("0") == nil && BootSelection("first") == nil && BootSelection("LAST") == .last)
    }
}
