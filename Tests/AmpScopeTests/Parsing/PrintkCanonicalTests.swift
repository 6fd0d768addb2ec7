import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// The fixed-layout shortcut for `[%5lu.%06lu]` answers what the general readers answer, for
/// the kernel's layout, its near misses (collapsed or extra padding, missing digits, spaces
/// among digits, other brackets) and random strings over the prefix's alphabet.
@Suite struct PrintkCanonicalTests {
    static let samples = [
        "[    0.000000] Booting Linux", "[    1.234567]", "[    1.234567]x", "[12345.678901] x", "[99999.999999] ",
        "[ 1234.5678901] x", "[  1 2.345678] x", "[     .123456] x", "[    1.23456] x", "[    1.2345678]", "[    1,234567] x",
        "[    1.234567) x", "(    1.234567] x", "[  0x1.234567] x", "[123456.789012] x", "[1.234567] x", "[ 36.046358] x",
        "[    -1.23456] x", "[    1.234567]\t", "[", "", "[    1.23456", "[\u{0}\u{0}\u{0}\u{0}1.234567] x",
    ]

    static func check(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            let fast = PrintkTime.parse(raw), general = PrintkTime.parseAnyLayout(raw)
            #expect(fast?.microseconds == general?.microseconds && fast?.prefixLength == general?.prefixLength, "\(text)")
            #expect(PrintkTime.logStamp(raw)?.nanoseconds == PrintkTime.logStampAnyLayout(raw)?.nanoseconds && PrintkTime.logStamp(raw)?.end == PrintkTime.logStampAnyLayout(raw)?.end, "\(text)")
        }
    }

    @Test func theShortcutAgreesOnTheLayoutAndItsNearMisses() {
        for sample in Self.samples { Self.check(sample) }
    }

    @Test func theShortcutAgreesOnRandomPrefixes() {
        var generator = TestSeed.generator("PrintkCanonicalTests.theShortcutAgreesOnRandomPrefixes")
        let alphabet = Array("[] .0123456789x".utf8)
        for _ in 0..<100_000 {
            var bytes: [UInt8] = [UInt8(ascii: "[")]
            for _ in 0..<Int.random(in: 0...17, using: &generator) { bytes.append(alphabet.randomElement(using: &generator)!) }
            Self.check(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func readsTheKernelsLayout() {
        Array("[   12.345678] msg".utf8).withUnsafeBytes { raw in
            #expect(PrintkTime.canonicalMicroseconds(raw) == 12_345_678)
            #expect(PrintkTime.parse(raw)?.prefixLength == 15)
            #expect(PrintkTime.logStamp(raw)?.nanoseconds == 12_345_678_000)
        }
    }
}
