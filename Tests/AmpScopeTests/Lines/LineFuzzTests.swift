import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

@Suite struct LineFuzzTests {
    /// Bytes that matter to line assembly and decoding, weighted towards the tricky ones.
    static let alphabet: [UInt8] = [
        0x0A, 0x0A, 0x0D, 0x0D, 0x0D, 0x1B, 0x1B, UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("),
        UInt8(ascii: ";"), UInt8(ascii: "m"), UInt8(ascii: "0"), UInt8(ascii: "\\"), 0x07, 0x00, 0x08, 0x09, 0x7F,
        0x80, 0xBF, 0xC2, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xED, 0xA0, 0xF0, 0x9F, 0x98, 0xF4, 0x90, 0xFF, 0xC0,
        UInt8(ascii: "a"), UInt8(ascii: "Z"), UInt8(ascii: " "), UInt8(ascii: "#"),
    ]

    /// 100,000 cases in four slices, so the slices run side by side instead of one ending the run.
    @Test(arguments: 0..<4)
    func randomChunkingOfByteSoup(slice: Int) throws {
        let base = TestSeed.value("LineFuzzTests.randomChunkingOfByteSoup slice \(slice) (base; the slice uses base + slice)", fixed: 0x5EED_0F_A3_57)
        var random = SeededGenerator(state: base &+ UInt64(slice))
        var linesChecked = 0
        for caseNumber in slice * 25_000..<(slice + 1) * 25_000 {
            let length = Int.random(in: 0...96, using: &random)
            var stream: [UInt8] = []
            stream.reserveCapacity(length)
            for _ in 0..<length {
                let useAny = Int.random(in: 0..<8, using: &random) == 0
                stream.append(useAny ? UInt8.random(in: 0...255, using: &random) : Self.alphabet.randomElement(using: &random)!)
            }
            var chunks: [[UInt8]] = []
            var start = 0
            while start < stream.count {
                let size = Int.random(in: 1...max(1, min(24, stream.count - start)), using: &random)
                chunks.append(Array(stream[start..<start + size]))
                start += size
            }
            if Bool.random(using: &random) { chunks.insert([], at: Int.random(in: 0...chunks.count, using: &random)) }
            let cap = [1, 2, 3, 5, 8, 64].randomElement(using: &random)!
            let useScan = chunks.map { _ in Bool.random(using: &random) }

            let slow = LineHarness.slowLines(chunks, cap: cap)
            let fast = LineHarness.fastLines(chunks, cap: cap)
            let mixed = LineHarness.mixedLines(chunks, cap: cap, useScan: useScan)
            try #require(fast == slow, "case \(caseNumber): scan and append disagree")
            try #require(mixed == slow, "case \(caseNumber): mixing the paths changed the lines")
            try #require(LineHarness.rebuild(slow) == stream, "case \(caseNumber): not lossless")
            try #require(slow.map(LineHarness.expected) == LineHarness.referenceSplit(stream, cap: cap),
                         "case \(caseNumber): differs from the whole-stream split")
            for line in slow {
                try #require(line.raw.count <= cap && !line.raw.contains(0x0A) && !line.raw.contains(0x0D))
                try #require(line.firstByteTime <= line.endTime || line.ending == .none)
                let analysis = line.analysis
                let rendered = LineText.render(line.raw).text
                try #require((0...1).contains(analysis.garbageScore))
                try #require(analysis.textBytes <= line.raw.count)
                // Without escapes or controls, the display text must be exactly what the standard
                // library decodes, and every U+FFFD must be one counted invalid sequence.
                if !line.raw.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
                    let decoded = String(decoding: line.raw, as: UTF8.self)
                    try #require(rendered == decoded, "case \(caseNumber): \(line.raw)")
                    try #require(decoded.unicodeScalars.filter { $0 == "\u{FFFD}" }.count == analysis.invalidUTF8Sequences)
                    try #require(analysis.textBytes == line.raw.count)
                }
                try #require(!rendered.utf8.contains(0x1B))
                linesChecked += 1
            }
        }
        #expect(linesChecked > 50_000)
    }
}
