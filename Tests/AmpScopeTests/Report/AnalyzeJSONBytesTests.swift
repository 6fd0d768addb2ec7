import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// `JSONBytes` writes analyze's findings and boot records by hand for speed: it must give exactly
/// the bytes JSONEncoder (sorted keys, slashes unescaped) gives, field by field (the optional
/// ones, a finding's `facts` and a boot's `boardFacts`, present and absent), on awkward values too.
@Suite struct AnalyzeJSONBytesTests {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Every control character, quotes, backslashes, slashes, DEL, non-ASCII and U+2028.
    static let awkwardTexts: [String] = [
        "", "plain", "a \"quoted\" \\ back/slash", "tab\there\r\nnewline", "\u{7F} del", "é ü 漢字 🚀", "\u{2028}\u{2029}",
        String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) }), "\u{FFFD}", "ends with \\",
    ]

    @Test func stringsAndNumbersAreEncodedAsJSONEncoderDoes() throws {
        for text in Self.awkwardTexts {
            var bytes = JSONBytes()
            bytes.string(text)
            #expect(bytes.text == (try Self.encoded(text)), "\(text.debugDescription)")
        }
        let doubles: [Double] = [0, 1, -1, 0.5, 52.16489, 1e-5, 1.5e-7, 123456789.125, 1e16, 1e21, 3.0e15, 0.1 + 0.2, 2.5e-3, 86400]
        for value in doubles {
            var bytes = JSONBytes()
            bytes.double(value)
            #expect(bytes.text == (try Self.encoded(value)), "\(value)")
        }
        for value in [Int64.min, -1, 0, 7, Int64.max] {
            var bytes = JSONBytes()
            bytes.int(value)
            #expect(bytes.text == (try Self.encoded(value)))
        }
    }

    @Test func findingsAreEncodedAsJSONEncoderDoes() throws {
        for (index, text) in Self.awkwardTexts.enumerated() {
            let finding = Finding(
                rule: "rule-\(index)", severity: FindingSeverity.allCases[index % 3], title: "Title \(text)", message: "msg \(text) / end",
                evidence: (0..<(index % 3)).map { line in
                    FindingEvidence(role: "role\(line)", console: "a7 \(text)", consoleID: UInt16(line), lineNumber: line * 1000,
                                    time: line == 1 ? nil : Int64(line) * -2_000_000_000 + 17, text: text)
                },
                fix: "fix: \(text)", references: index % 2 == 0 ? [] : ["https://example.com/a?b=c", text],
                confidence: FindingConfidence.allCases[index % 3], signature: "sig \(text)", boot: index + 1,
                facts: index % 3 == 0 ? nil : (0..<(index % 3)).map { FindingFact(role: "role \(text)", name: "fact.\($0)", value: text) })
            var bytes = JSONBytes()
            bytes.finding(finding)
            #expect(bytes.text == (try Self.encoded(finding)))
        }
    }

    /// Facts with every kind of field set, `placedByUptime` only sometimes.
    static func boardFacts(_ seed: Int) -> BoardFacts {
        var facts = BoardFacts(console: "a7 \(awkwardTexts[seed % awkwardTexts.count])")
        facts.commandLine = "console=ttymxc0,115200 clk_ignore_unused"
        facts.deviceTreeNodes = [DeviceTreeNode(path: "/soc/rpmsg", status: "disabled", compatible: ["fsl,imx7d-rpmsg"])]
        facts.uptime = 12.34
        var merge = DmesgMerge(lines: seed, missedByConsole: 2, recoveredEvents: 1, merged: seed % 2 == 0, missedSamples: ["[    0.000000] x"])
        if seed % 2 == 1 { merge.placedByUptime = true }
        facts.dmesgMerge = merge
        return facts
    }

    @Test func bootRecordsAreEncodedAsJSONEncoderDoes() throws {
        let placements = [
            TimelinePlacement(time: nil, uncertainty: 0, source: .order),
            TimelinePlacement(time: 4_673_499_000, uncertainty: 2_000_000_000, source: .kernelClock),
            TimelinePlacement(time: -5, uncertainty: 1, source: .host),
        ]
        // Console names that sort differently by code point than Foundation sorts them.
        let names = ["a7", "m4", "M4b", "console 10", "console 9", "Zed", "éa", "_x", "A7"]
        for count in 0...names.count {
            let lanes = names.prefix(count).enumerated().map { index, _ in
                ConsoleLane(
                    console: UInt16(index),
                    phases: BootPhase.allCases.prefix(index % 4).enumerated().map { position, phase in
                        PhaseSpan(phase: phase, start: placements[(index + position) % 3], end: nil,
                                  evidence: LineReference(console: UInt16(index), lineNumber: 1, byteOffset: 0, placement: placements[0], text: ""))
                    },
                    events: [], omittedEvents: 0, lineCount: 1, byteCount: 1, firstLine: nil, lastLine: nil, activity: nil)
            }
            let consoles = names.prefix(count).enumerated().map { index, name in
                TimelineConsole(id: UInt16(index), name: name, kind: .application)
            }
            let boot = BootTimeline(
                index: count + 1, boundary: count % 2 == 0 ? .inputStart : .bootloaderBanner, hostStart: nil, wallClockStart: nil,
                duration: count % 3 == 0 ? nil : Int64(count) * 1_234_567_891, lanes: lanes,
                alignment: ConsoleAlignment(method: .none, statement: ""), kernelClock: nil,
                facts: BootFacts(microcontrollerBanners: 0, endsWithInput: count % 2 == 1, lineCount: 1, garbageLineCount: 0, observedUntil: nil))
            var record = BootRecord(boot: boot, consoles: consoles, findings: count)
            record.boardFacts = count % 3 == 1 ? Self.boardFacts(count) : nil
            var bytes = JSONBytes()
            bytes.bootRecord(record, encodedBoardFacts: try record.boardFacts.map(Self.encoded))
            let expected = try Self.encoded(record)
            #expect(bytes.text == expected, "\(bytes.text)\n\(expected)")
        }
    }
}
