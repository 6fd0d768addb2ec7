import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// Random bytes and mutated real-format lines through the built-in classifier, checked against a
/// plain reference (memmem for every literal, definitions tried in order): no crash, and the
/// definition that wins really has its literal in the line and is the first that applies.
@Suite struct ClassifierFuzzTests {
    static let classifier = try! Classifier()
    static let literals = classifier.definitions.map { Array($0.literal.utf8) }
    static let regexes = classifier.definitions.map { $0.regex.flatMap { try? NSRegularExpression(pattern: $0) } }
    static let examples = classifier.definitions.flatMap { definition in definition.examples.map { Array($0.utf8) } }

    /// Two-byte prefix of each literal, for a quick first cut before the byte comparison.
    static let literalHeads = literals.map { Int($0[0]) << 8 | Int($0[1]) }

    /// The first definition whose literal occurs, whose console applies and whose regex matches
    /// the message — what the classifier promises, written the slow, obvious way. The message is
    /// the displayed text after the printk prefix as read from the raw bytes (Classifier's rule),
    /// and the whole displayed line too when other text comes before the printk time.
    static func reference(_ line: [UInt8], _ kind: ConsoleKind) -> Int? {
        var heads = Set<Int>()
        if line.count >= 2 { for index in 0..<line.count - 1 { heads.insert(Int(line[index]) << 8 | Int(line[index + 1])) } }
        var subjects: [String]?
        for (index, definition) in classifier.definitions.enumerated() where definition.console.applies(to: kind) {
            guard heads.contains(literalHeads[index]), occurs(literals[index], in: line) else { continue }
            guard let regex = regexes[index] else { return index }
            let tried = subjects ?? line.withUnsafeBytes { raw in PrintkTime.subjects(of: LineText.render(raw).text) }
            subjects = tried
            if tried.contains(where: { regex.firstMatch(in: $0, range: NSRange(location: 0, length: $0.utf16.count)) != nil }) {
                return index
            }
        }
        return nil
    }

    /// Plain byte search, independent of the classifier's hashed prefilter.
    static func occurs(_ literal: [UInt8], in line: [UInt8]) -> Bool {
        guard literal.count <= line.count else { return false }
        for start in 0...line.count - literal.count where line[start] == literal[0] {
            var index = 1
            while index < literal.count && line[start + index] == literal[index] { index += 1 }
            if index == literal.count { return true }
        }
        return false
    }

    @Test("an escape inside the printk prefix hides neither the time nor the message from the classifier")
    func escapeInsidePrintkPrefix() throws {
        // The displayed line is `[    5.000000] INFO: possible ...`, and the loader checks
        // examples against the text after the printk prefix of the displayed line; the classifier
        // reads the prefix from the raw bytes, finds none (the escape breaks it) and runs the
        // anchored regex on the whole line, so the line is not classified and loses its time.
        let line = Array("[   \u{1B}[0;36m 5.000000] INFO: possible irq lock inversion dependency detected".utf8)
        let match = line.withUnsafeBytes { Self.classifier.classify($0, consoleKind: .application) }
        #expect(match.map { Self.classifier.definitions[$0.definitionIndex].id } == "kernel.lockdep-info")
        #expect(match?.targetTime == 5_000_000)
    }

    static func check(_ line: [UInt8], _ kind: ConsoleKind, caseNumber: Int) throws {
        let match = line.withUnsafeBytes { classifier.classify($0, consoleKind: kind) }
        let context = Comment(rawValue: "case \(caseNumber): \(String(decoding: line, as: UTF8.self).debugDescription) as \(kind)")
        try #require(match?.definitionIndex == reference(line, kind), context)
        guard let match else { return }
        let definition = classifier.definitions[match.definitionIndex]
        #expect(occurs(literals[match.definitionIndex], in: line), context)
        try #require(definition.console.applies(to: kind), context)
        try #require(match.fields.keys.allSatisfy(definition.captureNames.contains), context)
        let displayed = line.withUnsafeBytes { LineText.render($0).text }
        try #require(match.targetTime == PrintkTime.parse(displayed: displayed)?.microseconds, context)
    }

    static let kinds: [ConsoleKind] = [.application, .microcontroller, .unknown]

    /// Pieces that make literals and regexes half-match: literal fragments, printk prefixes,
    /// escapes, forum ellipses and invalid UTF-8.
    static let fragments: [[UInt8]] = literals.map { Array($0.prefix(3)) } + literals.map { Array($0.suffix(3)) }
        + ["[    1.234567] ", "[ 36.046358] ", "[1.2] ", "<3>", "[ T123] ", "[    C0] ", "login: ", "\u{1B}[0;32m", "\u{1B}[", "…", "...", "## ", " ", "0x1e", ": ", "\t", "\r"]
        .map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x80], [0x00], [0xED, 0xA0, 0x80]]

    /// 100,000 cases in four slices, so the slices run side by side instead of one ending the run.
    @Test(arguments: 0..<4)
    func randomBytesAndFragments(slice: Int) throws {
        let base = TestSeed.value("ClassifierFuzzTests.randomBytesAndFragments slice \(slice) (base; the slice uses base + slice)", fixed: 0xC1A5_51F1)
        var random = SeededGenerator(state: base &+ UInt64(slice))
        var matched = 0
        for caseNumber in slice * 25_000..<(slice + 1) * 25_000 {
            var line: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                if Int.random(in: 0..<4, using: &random) == 0 {
                    line += (0..<Int.random(in: 1...8, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                } else if Int.random(in: 0..<8, using: &random) == 0 {
                    line += Self.literals.randomElement(using: &random)!
                } else {
                    line += Self.fragments.randomElement(using: &random)!
                }
            }
            let kind = Self.kinds.randomElement(using: &random)!
            if line.withUnsafeBytes({ Self.classifier.classify($0, consoleKind: kind) }) != nil { matched += 1 }
            try Self.check(line, kind, caseNumber: caseNumber)
        }
        #expect(matched > 250, "the generator rarely reaches a definition (\(matched) of 25,000)")
    }

    static func mutate(_ line: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        var bytes = line
        let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<9, using: &random) {
        case 0 where !bytes.isEmpty: bytes[at] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random)
        case 1: bytes.insert(UInt8.random(in: 0...255, using: &random), at: at)
        case 2 where !bytes.isEmpty: bytes.remove(at: at)
        case 3: bytes.removeSubrange(at...)
        case 4: bytes = Array(bytes[at...]) + examples.randomElement(using: &random)!
        case 5: bytes.insert(contentsOf: Array("\u{1B}[0;3\(Int.random(in: 0...7, using: &random))m".utf8), at: at)
        case 6:
            // Forum mangling: padding collapsed, `...` → `…`, `## ` dropped, smart quotes.
            let text = String(decoding: bytes, as: UTF8.self)
            bytes = Array(text.replacingOccurrences(of: "[    ", with: "[ ").replacingOccurrences(of: "...", with: "…")
                .replacingOccurrences(of: "## ", with: "").replacingOccurrences(of: "\"", with: "“").utf8)
        case 7: bytes.insert(contentsOf: [[0xFF, 0xFE], [0xC3], [0x00], [0xE2, 0x80]].randomElement(using: &random)!, at: at)
        default: bytes.insert(contentsOf: Array("[\(String(repeating: " ", count: Int.random(in: 0...5, using: &random)))12.345678] ".utf8), at: 0)
        }
        return bytes
    }

    /// 100,000 cases in four slices, as above.
    @Test(arguments: 0..<4)
    func mutatedExampleLines(slice: Int) throws {
        let base = TestSeed.value("ClassifierFuzzTests.mutated slice \(slice) (base; the slice uses base + slice)", fixed: 0xE7A3_9E55)
        var random = SeededGenerator(state: base &+ UInt64(slice))
        var stillTheirOwn = 0
        for caseNumber in slice * 25_000..<(slice + 1) * 25_000 {
            var line = Self.examples.randomElement(using: &random)!
            for _ in 0..<Int.random(in: 1...3, using: &random) { line = Self.mutate(line, &random) }
            let kind = Self.kinds.randomElement(using: &random)!
            if line.withUnsafeBytes({ Self.classifier.classify($0, consoleKind: kind) }) != nil { stillTheirOwn += 1 }
            try Self.check(line, kind, caseNumber: caseNumber)
        }
        #expect(stillTheirOwn > 2_500, "mutations destroyed nearly every line (\(stillTheirOwn) of 25,000 still matched)")
    }
}
