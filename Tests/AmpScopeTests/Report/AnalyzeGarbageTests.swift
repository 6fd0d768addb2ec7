import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// Wrong-baud and re-clocked-UART diagnoses end to end: the demo board's session with its M4
/// output passed through WrongBaudGarbler (what a receiver at the wrong baud makes of it), read
/// by the timeline engine, whose lanes carry the garbage statistics the rules use.
@Suite struct AnalyzeGarbageTests {
    /// Garbles the M4's lines from script time `from` on, keeping one line break per line.
    static func diagnose(garblingM4From from: UInt64) throws -> (BootTimeline, BootDiagnosis) {
        var script = try BoardScript.parse(DemoBoard.script, fileName: DemoBoard.fileName)
        let m4 = try #require(script.consoles.firstIndex { $0.name == "m4" })
        var garbler = WrongBaudGarbler(seed: 7)
        for index in script.outputs.indices where script.outputs[index].console == m4 && script.outputs[index].time >= from {
            let text = script.outputs[index].bytes.filter { $0 != 0x0A && $0 != 0x0D }
            var garbled: [UInt8] = []
            for byte in text { garbler.garble(byte, into: &garbled) }
            script.outputs[index].bytes = garbled + [0x0D, 0x0A]
        }
        let directory = temporaryDirectory("analyze-garbage")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try script.compile(to: directory)
        let timeline = try TimelineAnalyzer.run(.session(directory: directory), classifier: try Classifier())
        let boot = try #require(timeline.boots.first)
        return (boot, try Diagnoser.builtin().diagnose(boot, consoles: timeline.consoles))
    }

    @Test func m4GarbledAfterLinuxStartedIsTheReclockedUart() throws {
        // From 5 s: after `Starting kernel ...` (3.361 s); the M4 printed its banner, Init as Remote,
        // the name service handshake and heartbeats 1–12 cleanly before.
        let (boot, diagnosis) = try Self.diagnose(garblingM4From: 5_000_000_000)
        let activity = try #require(boot.lanes[1].activity)
        #expect(activity.cleanLinesBeforeGarbage >= 3)
        #expect(activity.garbageRatio >= 0.5)
        #expect(boot.lanes[0].activity?.firstGarbageLine == nil)
        let rules = diagnosis.findings.map(\.rule)
        #expect(rules.contains("m4-console-garbage-after-linux"), "\(rules)")
        #expect(!rules.contains("wrong-baud"))
        let finding = try #require(diagnosis.findings.first { $0.rule == "m4-console-garbage-after-linux" })
        #expect(finding.evidence.contains { $0.console == "m4" && $0.lineNumber == activity.firstGarbageLine?.lineNumber })
        #expect(finding.evidence.contains { $0.console == "a7" })
    }

    @Test func m4GarbledFromItsFirstByteIsAWrongBaud() throws {
        let (boot, diagnosis) = try Self.diagnose(garblingM4From: 0)
        let activity = try #require(boot.lanes[1].activity)
        #expect(activity.cleanLinesBeforeGarbage == 0)
        // Its first non-empty line is garbage already.
        #expect(activity.firstGarbageLine?.lineNumber == boot.lanes[1].firstLine?.lineNumber)
        let rules = diagnosis.findings.map(\.rule)
        #expect(rules.contains("wrong-baud"), "\(rules)")
        #expect(!rules.contains("m4-console-garbage-after-linux"))
        let finding = try #require(diagnosis.findings.first { $0.rule == "wrong-baud" })
        #expect(finding.message.hasPrefix("The m4 console is garbage from its first line"))
    }
}
