import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// The probe's conversation is found by the typed step on its notes: a dmesg listing inside it
/// is not read as a second boot, whatever the notes say; sessions written before the step
/// existed are read by their notes' old texts.
@Suite struct ProbeWindowRecordTests {
    /// One boot, then a probe that lists dmesg (a kernel restart line, which outside the window
    /// starts a boot) between an opening and a closing note.
    static func script(open: ControlRecord, close: ControlRecord) -> TimelineSessionScript {
        var script = TimelineSessionScript()
        TimelineSegmentationTests.boot(&script, at: 0)
        script.line(0, "colibri-imx7 login: root", at: 9)
        script.records.append(.control(open))
        script.line(0, "dmesg", at: 10.1)
        script.line(0, "[    0.000000] Booting Linux on physical CPU 0x0", at: 10.2)
        script.line(0, "[    2.343055] Run /sbin/init as init process", at: 10.3)
        script.records.append(.control(close))
        return script
    }

    static func note(_ text: String, at seconds: Double, sequence: UInt64, step: ProbeStep?) -> ControlRecord {
        ControlRecord(kind: .note, console: 0, sequence: sequence, time: TimelineSessionScript.time(seconds), detail: text,
                      source: "probe", probeStep: step)
    }

    @Test func typedStepsFrameTheConversationWhateverTheirText() throws {
        let script = Self.script(open: Self.note("opening words", at: 10, sequence: 100, step: .commandsStarted),
                                 close: Self.note("closing words", at: 11, sequence: 101, step: .done))
        let timeline = try script.analyze("probe-window-typed")
        #expect(timeline.boots.count == 1)
        let probeEvents = timeline.boots[0].lanes[0].events.filter { $0.event.name == "probe" }
        #expect(probeEvents.map(\.event.text) == ["opening words", "closing words"])
        #expect(probeEvents.map(\.event.isKey) == [true, true])
    }

    @Test func notesWithoutAStepFrameNothing() throws {
        let script = Self.script(open: Self.note("probe: asking", at: 10, sequence: 100, step: nil),
                                 close: Self.note("probe: finished", at: 11, sequence: 101, step: nil))
        let timeline = try script.analyze("probe-window-none")
        // The dmesg's kernel restart line, read as the boot, starts a second one.
        #expect(timeline.boots.count == 2)
    }

    @Test func aSessionWrittenBeforeTheStepIsReadByItsNotesOldTexts() throws {
        let script = Self.script(open: Self.note("probe: running the read-only commands", at: 10, sequence: 100, step: nil),
                                 close: Self.note("probe: done: facts in facts.json", at: 11, sequence: 101, step: nil))
        let directory = try script.write("probe-window-legacy")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let steps = try SessionReader(directory: directory).compactMap { record -> ProbeStep? in
            if case .control(let control) = record { return control.probeStep }
            return nil
        }
        #expect(steps == [.commandsStarted, .done])
        let timeline = try TimelineAnalyzer.run(.session(directory: directory), classifier: try Classifier())
        #expect(timeline.boots.count == 1)
    }
}
