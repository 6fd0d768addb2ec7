@testable import AmpScope
import Testing
@testable import AmpScopeTestSupport

/// The live view's layout and the keyboard's hotkeys, checked against output written out by hand.
@Suite struct LiveViewLayoutTests {
    let second: UInt64 = 1_000_000_000

    @Test func aPromptShowsAtOnceAndAnInterruptedLineContinuesUnderAnEllipsis() {
        var formatter = LiveFormatter(labels: ["a7", "m4"], useColor: false, origin: 0)
        var screen = formatter.render(console: 0, time: 1 * second, bytes: Array("Colibri iMX7 # ".utf8))
        screen += formatter.render(console: 1, time: 2 * second, bytes: Array("RPMSG Init as Remote\r\n".utf8))
        screen += formatter.render(console: 0, time: 3 * second, bytes: Array("bootaux 0x7F8000\r\n".utf8))
        #expect(screen == """
                 1.000 a7 │ Colibri iMX7 # 
                 2.000 m4 │ RPMSG Init as Remote
                 3.000 a7 … bootaux 0x7F8000

            """)
    }

    @Test func aLiveFindingInterruptsAPromptAndTheLineGoesOnUnderAnEllipsis() {
        var formatter = LiveFormatter(labels: ["a7", "m4"], useColor: false, origin: 0)
        let finding = Finding(
            rule: "m4-halted-at-clock-gating", severity: .error, title: "The M-core stopped when Linux gated unused clocks",
            message: "The M-core stopped 59 ms before Linux gated unused clocks.", evidence: [], fix: "", references: [],
            confidence: .high, signature: "m4-halted-at-clock-gating", boot: 1)
        var screen = formatter.render(console: 0, time: 1 * second, bytes: Array("colibri-imx7 login: ".utf8))
        screen += formatter.finding(LiveFindingText(finding, moment: .duringBoot), time: 9 * second)
        screen += formatter.render(console: 0, time: 10 * second, bytes: Array("root\r\n".utf8))
        // What happened is indented under the severity word, so the headline stands out.
        #expect(screen == """
                 1.000 a7 │ colibri-imx7 login: 
                 9.000    !! ERROR m4-halted-at-clock-gating (boot 1): The M-core stopped when Linux gated unused clocks
                             The M-core stopped 59 ms before Linux gated unused clocks.
                10.000 a7 … root

            """)
        let atEnd = LiveFindingText(finding, moment: .atBootEnd)
        #expect(atEnd.plain == "ampscope: ERROR m4-halted-at-clock-gating (boot 1; found when it ended): The M-core stopped when Linux gated unused clocks\n    The M-core stopped 59 ms before Linux gated unused clocks.\n")
    }

    @Test func crOnlyAndEmptyLinesAndControlBytesStayVisible() {
        var formatter = LiveFormatter(labels: ["m4"], useColor: false, origin: 0)
        let screen = formatter.render(console: 0, time: 0, bytes: [0x61, 0x0D, 0x62, 0x0A, 0x0A, 0x00, 0x1B, 0x5B, 0x33, 0x31, 0x6D, 0x63, 0x0D])
        #expect(screen == """
                 0.000 m4 │ a
                 0.000 m4 │ b
                 0.000 m4 │ 
                 0.000 m4 │ ␀c
            """)
    }

    @Test func aMarkerPromptIsRedrawnInPlaceAndClearedByOutput() {
        var formatter = LiveFormatter(labels: ["a7"], useColor: false, origin: 0)
        var screen = formatter.prompt("marker: p")
        screen += formatter.prompt("marker: po")
        screen += formatter.render(console: 0, time: 0, bytes: Array("x\n".utf8))
        #expect(screen == "marker: p\r\u{1B}[Kmarker: po\r\u{1B}[K     0.000 a7 │ x\n")
    }

    @Test func hotkeysSwitchMarkQuitAndPassEverythingElse() {
        var router = KeyboardRouter(consoleCount: 2)
        #expect(router.handle(Array("ls\r".utf8)) == [.send(console: 0, bytes: Array("ls\r".utf8))])
        #expect(router.handle([0x14, UInt8(ascii: "s"), UInt8(ascii: "x")]) == [.switchTo(console: 1), .send(console: 1, bytes: [UInt8(ascii: "x")])])
        #expect(router.handle([0x14, UInt8(ascii: "c"), 0x14, 0x14]) == [.send(console: 1, bytes: [0x03, 0x14])])
        #expect(router.handle([0x14, UInt8(ascii: "1")]) == [.switchTo(console: 0)])
        #expect(router.handle([0x14, UInt8(ascii: "m"), UInt8(ascii: "o"), UInt8(ascii: "k"), 0x0D])
                == [.markerPrompt(""), .markerPrompt("o"), .markerPrompt("ok"), .marker("ok")])
        #expect(router.handle([0x14, UInt8(ascii: "q"), UInt8(ascii: "z")]) == [.quit])
        #expect(router.handle([0x14, UInt8(ascii: "9")]) == [])
    }
}
