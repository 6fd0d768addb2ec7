import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// The byte-level number and address readers give what the Foundation-based ones they replaced
/// gave (copied here as the reference), on the edge cases of sign, prefix, case, blanks, overflow
/// and non-ASCII text.
@Suite struct FieldPredicateNumberTests {
    static func referenceNumber(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let decimal = Int64(trimmed) { return decimal }
        return trimmed.lowercased().hasPrefix("0x") ? referenceAddress(trimmed) : nil
    }

    static func referenceAddress(_ text: String) -> Int64? {
        let lower = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = lower.hasPrefix("0x") ? String(lower.dropFirst(2)) : lower
        return digits.isEmpty ? nil : Int64(digits, radix: 16)
    }

    static let cases = [
        "", " ", "\t", "0", "42", " 42 ", "\t-7\t", "+3", "-", "+", "0x", "0X", "0x1F", "0X1f", " 0x30890000",
        "30890000", "8fff1000", "ff", "FF", "0x-5", "0x+5", "-0x5", "12a", "1 2", "0x 12", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "0x7fffffffffffffff", "0x8000000000000000", "007", "0b101",
        "\u{00A0}42\u{00A0}", "42\u{2003}", "0x1F\u{00A0}", "٤٢", "0xé", "é",
    ]

    @Test(arguments: cases)
    func numberMatchesTheReference(_ text: String) {
        #expect(FieldPredicate.number(text) == Self.referenceNumber(text))
    }

    @Test(arguments: cases)
    func addressMatchesTheReference(_ text: String) {
        #expect(FieldPredicate.address(text) == Self.referenceAddress(text))
    }

    @Test func readsTheValuesRulesCompare() {
        #expect(FieldPredicate.number("0x30890000") == 0x3089_0000)
        #expect(FieldPredicate.address("8fff1000") == 0x8FFF_1000)
        #expect(FieldPredicate.number(" -12 ") == -12)
        #expect(FieldPredicate.number("12a") == nil)
    }
}
