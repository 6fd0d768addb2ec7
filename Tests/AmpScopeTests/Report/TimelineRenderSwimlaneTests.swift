import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// The terminal swimlanes on hand-made boots. Expected columns are worked out by hand in the
/// comments: lane names take 5 columns (`a7` + padding), the plot `width - 5 - 2`.
@Suite struct TimelineRenderSwimlaneTests {
    typealias Fixtures = TimelineRenderTestFixtures

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func withoutEscapes(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    static func character(_ line: String, at column: Int) -> Character? {
        let characters: [Character] = line.map { $0 }
        return column < characters.count ? characters[column] : nil
    }

    @Test func threePhaseBootAt80ColumnsPlacesPhasesMarksAndTicksWhereTheTimesSay() throws {
        let text = TimelineSwimlaneRenderer(width: 80).render(Fixtures.timeline([Fixtures.threePhaseBoot()]))
        let lines = Self.lines(text)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(!text.contains("\u{1B}"))
        #expect(lines[0].hasPrefix("── Boot 1 of 1 · from a bootloader banner · 8.412 s · 2026-11-25 08:52:00 UTC ─"))
        #expect(lines[0].count == 80)
        #expect(lines[1] == "clocks: both consoles on one host clock (ampscope session), ± 1 ms")
        #expect(lines[2] == "kernel clock: [0.000000] at 2.900 s ± 1.2 ms, drift +12 ppm (minimum delay over…")
        // 8.412 s over 65 of the 73 columns (8 kept for a last phase's name): 1.29 s per 10
        // columns → 2 s ticks at columns 0, 15, 30, 46, 61; the axis goes on into the margin.
        #expect(lines[3] == "     0              2 s            4 s             6 s            8 s")
        for column in [15, 30, 46, 61] { #expect(Self.character(lines[4], at: 5 + column) == "┼") }
        #expect(lines[4].count == 5 + 73)
        // a7: kernel at 2.9 s → column 22, userspace at 6.1 s → column 47.
        let a7 = try #require(lines.first { $0.hasPrefix("a7 ") })
        #expect(a7.hasPrefix("a7   U-Boot───"))
        #expect(Self.character(a7, at: 5 + 22) == "│")
        #expect(a7.contains("│kernel─"))
        #expect(Self.character(a7, at: 5 + 47) == "│")
        #expect(a7.contains("│userspace─"))
        #expect(a7.count == 5 + 73)
        // Key events at 0, 1.2 s (9), 2.85 s and 2.9 s (both 22, merged), 4.958 s (38), 6.1 s (47).
        let a7Marks = lines[lines.firstIndex(of: a7)! + 1]
        #expect(a7Marks == "     ▲        ▲            2               ▲        ▲")
        // m4: started at 1.21 s (9) and running at 1.26 s (also 9, pushed to 10) share a label; halted at 5.2 s (40).
        let m4 = try #require(lines.first { $0.hasPrefix("m4 ") })
        #expect(m4.hasPrefix("m4            │started›running───"))
        #expect(m4.hasSuffix("│✕ halted"))
        #expect(Self.character(m4, at: 5 + 40) == "│")
        let m4Marks = lines[lines.firstIndex(of: m4)! + 1]
        #expect(m4Marks == String(repeating: " ", count: 14) + "2" + String(repeating: " ", count: 30) + "▲")
    }

    @Test func keyEventListIsInTimeOrderWithUncertaintyAndTheLastM4Line() throws {
        let lines = Self.lines(TimelineSwimlaneRenderer(width: 80).render(Fixtures.timeline([Fixtures.threePhaseBoot()])))
        let start = try #require(lines.firstIndex(of: "Key events"))
        #expect(Array(lines[(start + 1)...(start + 9)]) == [
            "  0.000 s            a7  U-Boot 2016.11 (Dec 07 2020 - 16:53:12 -0300)",
            "  1.200 s            a7  ## Starting auxiliary core at 0x1FFF80BD ...",
            "  1.210 s            m4  RPMSG String Echo FreeRTOS RTOS API Demo...",
            "  1.260 s            m4  RPMSG Init as Remote",
            "  2.850 s            a7  Starting kernel ...",
            "  2.900 s  ± 1.2 ms  a7  Booting Linux on physical CPU 0x0",
            "  4.958 s  ± 1.2 ms  a7  clk: Disabling unused clocks",
            "  5.200 s            m4  [last M4 line] HardFault_Handler: CFSR 0x00008200",
            "  6.100 s  ± 1.2 ms  a7  Run /sbin/init as init process",
        ])
        #expect(lines.contains("note: the input ends in this boot: later phases may just not have been captured"))
    }

    @Test func at160ColumnsTheLanesGrowAndNoLineIsLonger() throws {
        let text = TimelineSwimlaneRenderer(width: 160).render(Fixtures.timeline([Fixtures.threePhaseBoot(), Fixtures.collidingBoot()]))
        let lines = Self.lines(text)
        #expect(lines.allSatisfy { $0.count <= 160 })
        #expect(lines.first!.count == 160)
        // 145 of 153 plot columns scaled: kernel at 2.9/8.412 × 145 = 49.99 → column 49; halted at 5.2 s → 89.
        let a7 = try #require(lines.first { $0.hasPrefix("a7 ") })
        #expect(a7.count == 5 + 153)
        #expect(Self.character(a7, at: 5 + 49) == "│")
        let m4 = try #require(lines.first { $0.hasPrefix("m4 ") })
        #expect(Self.character(m4, at: 5 + 89) == "│")
        // 1 s ticks now (8.412 s × 10 / 145 = 0.58 s → 1 s) at columns 17, 34, ...; the kernel clock line fits whole.
        #expect(lines[3].hasPrefix("     0                1 s              2 s"))
        #expect(lines[2] == "kernel clock: [0.000000] at 2.900 s ± 1.2 ms, drift +12 ppm (minimum delay over 212 lines, 31 flushed late)")
    }

    @Test func orderOnlyBootDrawsEqualSegmentsAndSaysSo() throws {
        let lines = Self.lines(TimelineSwimlaneRenderer(width: 80).render(Fixtures.timeline([Fixtures.orderOnlyBoot()])))
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines[0].hasPrefix("── Boot 1 of 1 · from the input's start · duration unknown ─"))
        #expect(lines.contains("     no times in this input: phases in order, equal widths, not to scale"))
        #expect(!lines.contains { $0.contains("┼") })
        // Three phases over 73 columns: starts 0, 24, 48.
        let a7 = try #require(lines.first { $0.hasPrefix("a7 ") })
        #expect(a7.hasPrefix("a7   U-Boot─"))
        #expect(Self.character(a7, at: 5 + 24) == "│")
        #expect(Self.character(a7, at: 5 + 48) == "│")
        #expect(a7.contains("│kernel─") && a7.hasSuffix("│login" + String(repeating: "─", count: 73 - 48 - 6)))
        // Line 200 sits 160/350 of the way through the kernel segment (24 columns wide) → column 24 + 10.
        let marks = lines[lines.firstIndex(of: a7)! + 1]
        #expect(marks == "     ▲                       ▲         ▲             ▲")
        #expect(lines.contains("  line 200  order only  a7  clk: Disabling unused clocks"))
        #expect(lines.contains("    line 7  order only  m4  [last M4 line] Waiting for ping..."))
        #expect(!lines.contains { $0.contains(" s  ") && $0.contains("a7  U-Boot") })
    }

    @Test func collidingKeyEventsMergeIntoOneMarkAndTheOmittedCountIsStated() throws {
        let renderer = TimelineSwimlaneRenderer(width: 80)
        let lines = Self.lines(renderer.render(Fixtures.timeline([Fixtures.collidingBoot()])))
        // 10 s over 65 columns: 3.000–3.058 s → column 19, all 30 in one mark; login at 9 s → 58.
        let a7 = try #require(lines.firstIndex { $0.hasPrefix("a7 ") })
        #expect(lines[a7 + 1] == "     ▲                  +                                      ▲")
        #expect(lines.filter { $0.contains("  a7  probe ") }.count == 30)
        #expect(lines.contains("note: a7: 1204 repeated events not kept (first and last of each run are)"))
        // The merged mark holds an error event, so in colour it is drawn red.
        let colored = TimelineSwimlaneRenderer(width: 80, useColor: true).render(Fixtures.timeline([Fixtures.collidingBoot()]))
        #expect(colored.contains("\u{1B}[1;31m+"))
    }

    @Test func veryLongTextIsElidedNeverWrapped() throws {
        var boot = Fixtures.threePhaseBoot()
        let long = "[    2.100000] imx-sdma 30bd0000.sdma: " + String(repeating: "firmware not found, using ROM firmware ", count: 20)
        boot.lanes[0].events.append(Fixtures.event(0, line: 320, Fixtures.placement(5_000, .kernelClock, uncertainty: 1_200_000), "linux.sdma", long))
        for width in [40, 80, 160] {
            let lines = Self.lines(TimelineSwimlaneRenderer(width: width).render(Fixtures.timeline([boot])))
            #expect(lines.allSatisfy { $0.count <= width })
            let row = try #require(lines.first { $0.contains("imx-sdma") })
            #expect(row.count == width && row.hasSuffix("…"))
            #expect(row.hasPrefix(String("  5.000 s  ± 1.2 ms  a7  imx-sdma 30bd0000.sdma: firmware".prefix(width - 1))))
        }
    }

    @Test func colourIsOnlyEscapesAroundTheSameText() throws {
        let timeline = Fixtures.timeline([Fixtures.threePhaseBoot(), Fixtures.orderOnlyBoot()], warnings: ["m4.log: 2 lines cut at 4096 bytes"])
        let plain = TimelineSwimlaneRenderer(width: 80).render(timeline)
        let colored = TimelineSwimlaneRenderer(width: 80, useColor: true).render(timeline)
        #expect(!plain.contains("\u{1B}"))
        #expect(colored.contains("\u{1B}[36m") && colored.contains("\u{1B}[33m"))
        #expect(Self.withoutEscapes(colored) == plain)
        #expect(plain.hasSuffix("warning: m4.log: 2 lines cut at 4096 bytes\n"))
    }

    @Test func timeTextReadsNaturally() {
        #expect(TimelineTimeText.seconds(2_058_000_000) == "2.058 s")
        #expect(TimelineTimeText.seconds(-1_677_400_000) == "-1.677 s")
        #expect(TimelineTimeText.seconds(9_999_600_000) == "10.000 s")
        #expect(TimelineTimeText.duration(1_200_000) == "1.2 ms")
        #expect(TimelineTimeText.duration(850_000) == "850 µs")
        #expect(TimelineTimeText.duration(12_000_000) == "12 ms")
        #expect(TimelineTimeText.duration(252_000_000_000) == "4 min 12 s")
        #expect(PrintkTime.withoutLeadingStamp("[ 36.046358] rpmsg host is online") == "rpmsg host is online")
        #expect(PrintkTime.withoutLeadingStamp("[ ok ] started") == "[ ok ] started")
    }

    @Test func axisTicksAdaptToTheSpan() {
        // 300 ms over 70 columns → 50 ms steps, in ms; 45 s → 10 s steps; 20 min → 5 min steps.
        #expect(TimelineScale(span: 300_000_000, columns: 70).ticks().map(\.label) == ["0", "50 ms", "100 ms", "150 ms", "200 ms", "250 ms", "300 ms"].dropLast())
        #expect(TimelineScale(span: 45_000_000_000, columns: 70).ticks().map(\.label) == ["0", "10 s", "20 s", "30 s", "40 s"])
        #expect(TimelineScale(span: 1_200_000_000_000, columns: 70).ticks().map(\.label) == ["0", "5 min", "10 min", "15 min"])
        #expect(TimelineScale(span: 1_200_000_000, columns: 70).ticks().map(\.label) == ["0", "0.2 s", "0.4 s", "0.6 s", "0.8 s", "1 s"])
    }
}
