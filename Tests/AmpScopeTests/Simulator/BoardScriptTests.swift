import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

@Suite struct BoardScriptTests {
    static let script = """
        # a Colibri iMX7 boot, shortened
        console a7 kind=application
        console m4 kind=microcontroller baud=115200   # the M4's UART_B
        0.000 a7 U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)
        +0.012 a7 CPU:   Freescale i.MX7D rev1.3 996 MHz (running at 792 MHz)
        1.250 m4 RPMSG PingPong Demo...
        +0.001 m4 \\r\\nRPMSG Init as Remote
        @eol m4 \\n
        1.5 m4 tab\\there \\x1b[0m\\0 # not a comment
        2.000 a7 Colibri iMX7 # \\c
        raw +0.25 m4 ff 00 0d
        """

    @Test func compiledSessionReadsBackAsWritten() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let script = try BoardScript.parse(Self.script, fileName: "boot.board")
        try script.compile(to: scratch.path, monotonicAnchor: 1_000_000_000_000)

        let reader = try SessionReader(directory: scratch.path)
        #expect(reader.header.consoles.map(\.name) == ["a7", "m4"])
        #expect(reader.header.consoles.map(\.kind) == [.application, .microcontroller])
        #expect(reader.header.monotonicAnchor == 1_000_000_000_000)
        var chunks: [Chunk] = []
        var opened = 0
        for record in reader {
            switch record {
            case .chunk(let chunk): chunks.append(chunk)
            case .control(let control): if control.kind == .opened { opened += 1 }
            case .header: Issue.record("a second header")
            }
        }
        #expect(opened == 2)
        #expect(reader.damage.isEmpty)
        // Expected values written out by hand from the script above.
        let expected: [(UInt16, UInt64, [UInt8])] = [
            (0, 0, Array("U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)\r\n".utf8)),
            (0, 12_000_000, Array("CPU:   Freescale i.MX7D rev1.3 996 MHz (running at 792 MHz)\r\n".utf8)),
            (1, 1_250_000_000, Array("RPMSG PingPong Demo...\r\n".utf8)),
            (1, 1_251_000_000, Array("\r\nRPMSG Init as Remote\r\n".utf8)),
            (1, 1_500_000_000, Array("tab\there ".utf8) + [0x1B] + Array("[0m".utf8) + [0x00] + Array(" # not a comment\n".utf8)),
            (0, 2_000_000_000, Array("Colibri iMX7 # ".utf8)),
            (1, 2_250_000_000, [0xFF, 0x00, 0x0D]),
        ]
        try #require(chunks.count == expected.count)
        for (chunk, want) in zip(chunks, expected) {
            #expect(chunk.console == want.0)
            #expect(chunk.time == 1_000_000_000_000 + want.1)
            #expect(chunk.bytes == want.2)
        }
        #expect(chunks.map(\.sequence) == [2, 3, 4, 5, 6, 7, 8])
    }

    @Test(arguments: [
        ("console a7\n0.0 m4 hello", 2, 5, "console m4 is not declared"),
        ("console a7\n1.0 a7 x\n0.5 a7 y", 3, 1, "times must not go back"),
        ("console a7\n0.0 a7 bad \\q escape", 2, 12, "unknown escape \\q"),
        ("console a7\n0.0 a7 \\x4", 2, 8, "two hex digits"),
        ("console a7\nraw 0.0 a7 0d zz", 2, 15, "not a byte"),
        ("console a7\nsoon a7 text", 2, 1, "is not a time"),
        ("console a7 kind=gpu", 1, 12, "kind must be"),
        ("console a7\n0.0 a7 half\\c line", 2, 12, "only allowed at the very end"),
        ("# nothing", 0, 0, "no consoles declared"),
    ])
    func errorsSayWhereAndWhat(text: String, line: Int, column: Int, message: String) {
        #expect {
            _ = try BoardScript.parse(text, fileName: "t.board")
        } throws: { error in
            guard let error = error as? BoardScriptError else { return false }
            return error.line == line && error.column == column && error.message.contains(message)
                && error.description.hasPrefix(line == 0 ? "t.board: " : "t.board:\(line):\(column): ")
        }
    }

    @Test func escapesDecodeToExactBytes() throws {
        let decoded = try EscapedText.decode("a\\r\\n\\t\\0\\e\\\\\\xfF\\c")
        #expect(decoded.bytes == [0x61, 0x0D, 0x0A, 0x09, 0x00, 0x1B, 0x5C, 0xFF])
        #expect(decoded.suppressesLineEnding)
    }
}
