import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// The per-line shortcuts of the analysis must answer exactly what the plain versions answer:
/// the eight-bytes-at-a-time garbage pre-test and the prefilter's memchr path for 4-byte literals.
@Suite struct ScanShortcutTests {
    @Test func garbagePretestAgreesWithTheByteLoop() {
        var generator = TestSeed.generator("ScanShortcutTests.garbagePretestAgreesWithTheByteLoop")
        let interesting: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x7E, 0x7F, 0x80, 0xC3, 0xFF, 0x41, 0x61]
        for length in 0..<40 {
            for _ in 0..<400 {
                // Mostly printable, with one or two interesting bytes at random places.
                var line = (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &generator) }
                if length > 0 {
                    for _ in 0..<Int.random(in: 0...2, using: &generator) {
                        line[Int.random(in: 0..<length, using: &generator)] = interesting.randomElement(using: &generator)!
                    }
                }
                line.withUnsafeBytes { raw in
                    #expect(LaneBuilder.mayBeGarbage(raw) == raw.contains { !(0x20...0x7E).contains($0) && $0 != 0x09 }, "\(line)")
                }
            }
        }
    }

    @Test func fourByteLiteralsAreFoundAtEveryOffsetBesideLongerOnes() {
        // memchr looks for the rarest byte: the last of " iMX", the first of "qcom", the second of "ipu ".
        let literals = [" iMX", "BUG: ", "WARNING:", "cut here", "X7D!", "qcom", "ipu "].map { Array($0.utf8) }
        let prefilter = LiteralPrefilter(literals)
        var generator = TestSeed.generator("ScanShortcutTests.fourByteLiteralsAreFoundAtEveryOffsetBesideLongerOnes")
        // Whole literals and pieces of them, so that occurrences, near misses and overlaps are common.
        let tokens = [
            " iMX", "BUG: ", "WARNING:", "cut here", "X7D!", "qcom", "ipu ", " i", "MX", "X", "BUG", ": ", "7D!", "cut", " here", "a", " ",
            "q", "qco", "com", "ip", "pu ", "p",
        ]
            .map { Array($0.utf8) }
        for _ in 0..<20_000 {
            var line: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) { line += tokens.randomElement(using: &generator)! }
            var expected: [Int] = []
            for (index, literal) in literals.enumerated() where line.count >= literal.count {
                for start in 0...(line.count - literal.count) where Array(line[start..<start + literal.count]) == literal {
                    expected.append(index)
                }
            }
            var found: [Int] = []
            line.withUnsafeBytes { prefilter.scan($0) { found.append($0) } }
            #expect(found.sorted() == expected.sorted(), "\(String(decoding: line, as: UTF8.self))")
        }
    }
}
