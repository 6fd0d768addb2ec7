import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// A console that stops printing while the boot goes on elsewhere is drawn as silent after its
/// last line, not as if its last phase went on to the end.
@Suite struct TimelineRenderSilenceTests {
    typealias Fixtures = TimelineRenderTestFixtures

    /// The three-phase boot, but the M4 just stops after a heartbeat at 4.0 s (no fault), while the
    /// A7 goes on to 8.412 s.
    static func boot(m4LastLine milliseconds: Int64) -> BootTimeline {
        var boot = Fixtures.threePhaseBoot()
        let banner = Fixtures.event(1, line: 1, Fixtures.placement(1_210), "mcore.freertos-bsp-banner", "RPMSG String Echo FreeRTOS RTOS API Demo...", phase: .started)
        let waiting = Fixtures.event(1, line: 2, Fixtures.placement(1_260), "mcore.link-waiting", "RPMSG Init as Remote")
        let last = LineReference(console: 1, lineNumber: 30, byteOffset: 900, placement: Fixtures.placement(milliseconds), text: "[m4] heartbeat 16: adc=0x250")
        boot.lanes[1] = ConsoleLane(
            console: 1, phases: [Fixtures.span(.started, from: banner, to: waiting), Fixtures.span(.running, from: waiting, to: nil)],
            events: [banner, waiting], lineCount: 30, byteCount: 900, firstLine: Fixtures.reference(banner), lastLine: last)
        return boot
    }

    static func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    static func character(_ line: String, at column: Int) -> Character? {
        let characters = [Character](line)
        return column < characters.count ? characters[column] : nil
    }

    @Test func laneAfterItsLastLineIsSilentAndTheLastLineIsMarked() throws {
        let lines = Self.lines(TimelineSwimlaneRenderer(width: 80).render(Fixtures.timeline([Self.boot(m4LastLine: 4_000)])))
        #expect(lines.allSatisfy { $0.count <= 80 })
        // 8.412 s over 65 columns: 4.0 s is column 30, so silence starts at column 31 and runs to the plot's end (73).
        let m4 = try #require(lines.first { $0.hasPrefix("m4 ") })
        #expect(m4.hasPrefix("m4            │started›running───"))
        #expect(Self.character(m4, at: 5 + 30) == "─")
        #expect(String([Character](m4)[(5 + 31)...]) == "┄┄ silent " + String(repeating: "┄", count: 73 - 31 - 10))
        // Marks: banner and Init as Remote both at column 9 ("2"), the last line at 30.
        let marks = lines[lines.firstIndex(of: m4)! + 1]
        #expect(marks == "              2                    ●")
        #expect(lines.contains { $0.hasSuffix("▲ key event   2-9, +: that many close together (see the list)  ● last line") || $0.hasSuffix("…") && $0.contains("▲ key event") })
        // The A7 lane printed to the end: no silence there.
        let a7 = try #require(lines.first { $0.hasPrefix("a7 ") })
        #expect(!a7.contains("silent"))
    }

    @Test func lessThanASecondBeforeTheEndOrHaltedIsNotSilence() throws {
        // 7.5 s: 0.912 s before the A7's last line at 8.412 s.
        let nearEnd = Self.lines(TimelineSwimlaneRenderer(width: 80).render(Fixtures.timeline([Self.boot(m4LastLine: 7_500)])))
        let m4 = try #require(nearEnd.first { $0.hasPrefix("m4 ") })
        #expect(!m4.contains("┄") && !m4.contains("silent"))
        #expect(!nearEnd.joined().contains("●"))
        // A halted core draws `✕ halted`, which already says it stopped.
        let halted = Self.lines(TimelineSwimlaneRenderer(width: 80).render(Fixtures.timeline([Fixtures.threePhaseBoot()])))
        #expect(!halted.joined().contains("silent"))
    }
}
