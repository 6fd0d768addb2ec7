import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// `JSONBytes` writes the end of analyze's document (the summaries, whose boot lists go out in
/// pieces) by hand: it must give exactly the bytes JSONEncoder (sorted keys, slashes unescaped)
/// gives for the findings and boots before it, on awkward values too.
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
        for value in [Int64.min, -1, 0, 7, Int64.max] {
            var bytes = JSONBytes()
            bytes.int(value)
            #expect(bytes.text == (try Self.encoded(value)))
        }
    }
}
