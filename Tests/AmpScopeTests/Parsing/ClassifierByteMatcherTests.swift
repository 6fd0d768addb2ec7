import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// The byte-level matcher against NSRegularExpression: same match, same captures.
@Suite("Classifier byte matcher")
struct ClassifierByteMatcherTests {
    /// A small deterministic generator (SplitMix64), so every run tests the same lines.
    struct SeededRandom: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Byte ranges of the whole match and each group as NSRegularExpression reports them
    /// (nil for no match; -1 start for a group that did not take part).
    static func reference(_ regex: NSRegularExpression, groups: Int, _ subject: String) -> [Range<Int>?]? {
        guard let result = regex.firstMatch(in: subject, range: NSRange(location: 0, length: subject.utf16.count)) else { return nil }
        return (0...groups).map { group in
            let range = result.range(at: group)
            return range.location == NSNotFound ? nil : range.location..<(range.location + range.length)
        }
    }

    static func fast(_ matcher: ByteRegex, _ subject: String) -> [Range<Int>?]?? {
        Array(subject.utf8).withUnsafeBytes { raw in
            var slots = [Int](repeating: -2, count: matcher.slotCount)
            let outcome = slots.withUnsafeMutableBufferPointer { matcher.firstMatch(in: raw, slots: $0) }
            switch outcome {
            case .gaveUp: return .none
            case .noMatch: return .some(nil)
            case .matched:
                return .some((0...matcher.groupCount).map { group in
                    slots[2 * group] < 0 ? nil : slots[2 * group]..<slots[2 * group + 1]
                })
            }
        }
    }

    static func mutate(_ line: String, _ random: inout SeededRandom, allowNonASCII: Bool) -> String {
        var bytes = Array(line.utf8)
        let alphabet = Array(" \t0123456789abcdefxAFMX_-.:,;\"'()[]!#/<>=*?^$|\\{}@".utf8)
        let foreign: [[UInt8]] = [Array("é".utf8), Array("…".utf8), [0x1B, 0x5B, 0x30, 0x6D], Array("\u{00A0}".utf8), [0x00], [0x07], [0xFF]]
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<7, using: &random) {
            case 0 where !bytes.isEmpty: bytes.remove(at: position)
            case 1: bytes.insert(alphabet.randomElement(using: &random)!, at: position)
            case 2 where !bytes.isEmpty: bytes[position] = alphabet.randomElement(using: &random)!
            case 3 where bytes.count > 2:
                let end = Int.random(in: position...bytes.count, using: &random)
                bytes.insert(contentsOf: bytes[position..<end], at: end)
            case 4: bytes.removeSubrange(position...)
            case 5 where !bytes.isEmpty && ByteSet.digits.contains(bytes[position]):
                bytes.insert(contentsOf: Array(String(Int.random(in: 0...99999, using: &random)).utf8), at: position)
            case 6 where allowNonASCII: bytes.insert(contentsOf: foreign.randomElement(using: &random)!, at: position)
            default: bytes.append(alphabet.randomElement(using: &random)!)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func builtins() throws -> [ParserDefinition] { try DefinitionLoader.load(userFolders: []) }

    @Test("every built-in regex compiles to the byte matcher")
    func builtinRegexesAreSupported() throws {
        let unsupported = try Self.builtins().compactMap(\.regex).filter { ByteRegex($0) == nil }
        #expect(unsupported.isEmpty, "falls back to NSRegularExpression: \(unsupported)")
    }

    @Test("same match and captures as NSRegularExpression: every example, counterexample and 12k mutated lines")
    func differentialAgainstNSRegularExpression() throws {
        let definitions = try Self.builtins().filter { $0.regex != nil }
        let compiled = try definitions.map { definition in
            (definition, try NSRegularExpression(pattern: definition.regex!), ByteRegex(definition.regex!)!)
        }
        var random = SeededRandom(state: TestSeed.value("ClassifierByteMatcherTests.mutatedPrintk", fixed: 20_261_125))
        var compared = 0
        var matched = 0
        var gaveUp = 0
        func check(_ subject: String, against entry: (ParserDefinition, NSRegularExpression, ByteRegex)) {
            guard subject.utf8.allSatisfy({ $0 < 0x80 }) else { return }  // the matcher only sees ASCII
            let expected = Self.reference(entry.1, groups: entry.2.groupCount, subject)
            guard let got = Self.fast(entry.2, subject) else { gaveUp += 1; return }
            compared += 1
            if expected != nil { matched += 1 }
            #expect(got == expected, "\(entry.0.id) on \(subject.debugDescription)")
        }
        let messages = definitions.flatMap { ($0.examples + $0.counterexamples).map(PrintkTime.message(of:)) }
        for entry in compiled {
            for line in entry.0.examples + entry.0.counterexamples { check(PrintkTime.message(of: line), against: entry) }
        }
        for _ in 0..<12_000 {
            let source = compiled.randomElement(using: &random)!
            let base = (source.0.examples + source.0.counterexamples).randomElement(using: &random) ?? messages.randomElement(using: &random)!
            let line = Self.mutate(PrintkTime.message(of: base), &random, allowNonASCII: false)
            check(line, against: source)
            check(line, against: compiled.randomElement(using: &random)!)
        }
        #expect(compared > 20_000)
        #expect(matched > 4_000, "the mutated lines must still match often enough to compare captures")
        #expect(gaveUp == 0)
    }

    @Test("the classifier gives the same events with and without the byte matcher, on ASCII, UTF-8, escapes and control bytes")
    func classifierDifferential() throws {
        let definitions = try Self.builtins()
        let fast = Classifier(definitions: definitions, usesByteMatcher: true)
        let reference = Classifier(definitions: definitions, usesByteMatcher: false)
        var random = SeededRandom(state: TestSeed.value("ClassifierByteMatcherTests.mutatedLines", fixed: 7))
        let samples = definitions.flatMap { $0.examples + $0.counterexamples }
        var events = 0
        for round in 0..<6_000 {
            var line = samples.randomElement(using: &random)!
            if round % 3 != 0 { line = Self.mutate(line, &random, allowNonASCII: true) }
            if round % 4 == 1 { line = "[   \(Int.random(in: 0...999, using: &random)).\(100_000 + Int.random(in: 0...899_999, using: &random))] " + line }
            for kind in [ConsoleKind.application, .microcontroller] {
                let bytes = Array(line.utf8)
                let got = bytes.withUnsafeBytes { fast.classify($0, consoleKind: kind) }
                let expected = bytes.withUnsafeBytes { reference.classify($0, consoleKind: kind) }
                if expected != nil { events += 1 }
                #expect(got == expected, "\(kind) \(line.debugDescription)")
            }
        }
        #expect(events > 3_000)
    }

    @Test("hand-checked matches: anchors, lazy and greedy repeats, optional groups, alternation order")
    func handChecked() throws {
        func ranges(_ pattern: String, _ subject: String) -> [Range<Int>?]? { Self.fast(ByteRegex(pattern)!, subject)! }
        #expect(ranges("^(?<n>\\d+) bytes", "296504 bytes read") == [0..<12, 0..<6])
        #expect(ranges("^(?<n>\\d+) bytes", " 296504 bytes") == nil)
        #expect(ranges("\\((?<v>\\d+)\\)$", "size (42)") == [5..<9, 6..<8])
        #expect(ranges("\\((?<v>\\d+)\\)$", "size (42) ") == nil)
        #expect(ranges("OpenAMP (?<d>.+?) demo", "OpenAMP remote echo demo started demo") == [0..<24, 8..<19])
        #expect(ranges("OpenAMP (?<d>.+) demo", "OpenAMP remote echo demo started demo") == [0..<37, 8..<32])
        #expect(ranges("a(?<x> b)?c", "ac") == [0..<2, nil])
        #expect(ranges("(?<w>up|upper)case", "uppercase") == [0..<9, 0..<5])
        #expect(ranges("\\*{5} (?<f>HARD|BUS) FAULT", "***** BUS FAULT *****") == [0..<15, 6..<9])
        #expect(ranges("\\*{5} (?<f>HARD|BUS) FAULT", "**** BUS FAULT") == nil)
        #expect(ranges("[^,\\s]+", "  node,x") == [2..<6])
        #expect(ranges("[\\w.-]+", "@ab-c.d_e!") == [1..<9])
    }

    @Test("outside the subset: refused, so NSRegularExpression handles it")
    func unsupportedPatterns() {
        for pattern in ["(?i)abc", "a(?=b)", "a(?!b)", "(?<=a)b", "\\bword", "(a*)*", "a*+", "a++", "[[a]]", "\\p{L}", "\\Qa.b\\E", "(a)\\1", "[a&&b]", "x{2,1}", "(?>a)", "[ab"] {
            #expect(ByteRegex(pattern) == nil, "\(pattern)")
        }
    }
}
