import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

@Suite struct LineTextTests {
    private func bytes(_ text: String) -> [UInt8] { [UInt8](text) }

    @Test func systemdColoursAreStripped() {
        let raw = bytes("[\u{1B}[0;32m  OK  \u{1B}[0m] Started \u{1B}[0;1;39mJournal Service\u{1B}[0m.")
        let (text, flags) = LineText.render(raw)
        #expect(text == "[  OK  ] Started Journal Service.")
        #expect(flags == [.ansiStripped])
        let analysis = LineAnalysis(of: raw)
        #expect(analysis.escapeSequences == 4)
        #expect(analysis.textBytes == text.utf8.count)
        #expect(analysis.garbageScore == 0)
    }

    @Test func oscTitleCharsetAndSingleEscapesAreStripped() {
        let raw = bytes("\u{1B}]0;root@colibri-imx7: ~\u{07}\u{1B}(B\u{1B})0\u{1B}7\u{1B}[?25lroot@colibri-imx7:~# \u{1B}]2;t\u{1B}\\x")
        let (text, flags) = LineText.render(raw)
        #expect(text == "root@colibri-imx7:~# x")
        #expect(flags == [.ansiStripped])
        #expect(LineAnalysis(of: raw).escapeSequences == 6)
    }

    @Test func sequencesCutOffByTheLineEndAreStrippedNotGarbage() {
        for raw in [bytes("Starting kernel\u{1B}"), bytes("Starting kernel\u{1B}[1;3"), bytes("Starting kernel\u{1B}]0;title"), bytes("Starting kernel\u{1B}(")] {
            let (text, flags) = LineText.render(raw)
            #expect(text == "Starting kernel")
            #expect(flags == [.ansiStripped])
            #expect(LineAnalysis(of: raw).garbageScore == 0)
        }
    }

    @Test func malformedSequenceIsStrippedCountedAndTheBreakingByteKept() {
        // ESC [ 1 2 then a high-bit byte: not a CSI any terminal would finish.
        let raw: [UInt8] = [0x1B, 0x5B, 0x31, 0x32, 0xC3, 0xA9, 0x41]
        let (text, flags) = LineText.render(raw)
        #expect(text == "éA")
        #expect(flags == [.ansiStripped])
        let analysis = LineAnalysis(of: raw)
        #expect(analysis.malformedEscapeBytes == 4)
        #expect(analysis.textBytes == 7)
        #expect(analysis.escapeSequences == 0)
    }

    @Test func invalidUTF8IsReplacedAndCounted() {
        // Lone continuation byte, truncated 3-byte sequence (one maximal subpart), invalid lead,
        // surrogate encoding (ED A0 80: three separate errors), overlong C0 80 (two errors).
        let raw: [UInt8] = [0x61, 0x80, 0x62, 0xE2, 0x82, 0x63, 0xFF, 0xED, 0xA0, 0x80, 0xC0, 0x80, 0x64]
        let (text, flags) = LineText.render(raw)
        #expect(text == "a\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}d")
        #expect(text == String(decoding: raw, as: UTF8.self), "same replacement rule as the standard library")
        #expect(flags == [.invalidUTF8])
        let analysis = LineAnalysis(of: raw)
        #expect(analysis.invalidUTF8Sequences == 8)
        #expect(analysis.invalidUTF8Bytes == 9)
    }

    @Test func validMultibyteTextIsKeptAndClean() {
        let raw = bytes("imx7d-cpu: temperature 42.5°C, 10 µs – ✓ 温度 🙂")
        let (text, flags) = LineText.render(raw)
        #expect(text == "imx7d-cpu: temperature 42.5°C, 10 µs – ✓ 温度 🙂")
        #expect(flags.isEmpty)
        #expect(LineAnalysis(of: raw).garbageScore == 0)
    }

    @Test func nulAndControlBytesBecomeVisibleSymbols() {
        let raw: [UInt8] = [0x61, 0x00, 0x62, 0x08, 0x09, 0x7F, 0xC2, 0x85]
        let (text, flags) = LineText.render(raw)
        #expect(text == "a\u{2400}b\u{2408}\t\u{2421}\u{85}")
        #expect(flags == [.nul, .controlBytes])
        let analysis = LineAnalysis(of: raw)
        #expect(analysis.nulBytes == 1)
        #expect(analysis.controlBytes == 4) // BS, DEL, and the two bytes of C1 NEL
        #expect(analysis.textBytes == 8)
        // The raw bytes of the line are untouched by rendering.
        let lines = LineHarness.fastLines([raw + [0x0A]])
        #expect(lines.first?.raw == raw)
        #expect(lines.first?.flags == [.nul, .controlBytes])
    }

    @Test func renderAcceptsNonContiguousCollections() {
        let raw = bytes("ab\u{1B}[1mc")
        #expect(LineText.render(raw.lazy.map { $0 }).text == "abc")
        #expect(LineText.render([UInt8]()).text == "")
    }
}
