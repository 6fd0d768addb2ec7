import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// Mutated parser definition files (slices of the real parsers/*.yaml): the loader must return
/// usable definitions or a DefinitionError whose every problem is located in the file, and must
/// never crash or hang. Seeded: a failure names its case, which replays alone.
@Suite struct DefinitionLoaderFuzzTests {
    /// Each built-in file cut into its entries (the text from one `  - id:` to the next).
    static let entries: [String] = BuiltinDefinitions.files.flatMap { file in
        file.text.components(separatedBy: "\n  - id:").dropFirst().map { "  - id:" + $0 + "\n" }
    }

    static let keys = ["id", "console", "literal", "regex", "phase", "event", "severity", "key", "examples",
                       "counterexamples", "parsers", "description", "- ", "[", "{", "&a", "*a", "!!str", "?"]

    enum Mutation: CaseIterable { case flip, truncate, swapKeyValue, nest, hugeScalar, invalidUTF8, tabs, insertKey, duplicate }

    static func mutate(_ text: [UInt8], _ mutation: Mutation, _ random: inout SeededGenerator) -> [UInt8] {
        var bytes = text
        guard !bytes.isEmpty else { return bytes }
        let at = Int.random(in: 0..<bytes.count, using: &random)
        switch mutation {
        case .flip:
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random)
            }
        case .truncate:
            bytes.removeSubrange(at...)
        case .swapKeyValue:
            // `key: value` → `value: key` on one line: the loader must name the unknown key.
            let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
            let index = Int.random(in: 0..<lines.count, using: &random)
            var swapped = lines
            if let colon = lines[index].range(of: ": ") {
                let indent = String(lines[index].prefix { $0 == " " || $0 == "-" })
                let key = lines[index][lines[index].startIndex..<colon.lowerBound].dropFirst(indent.count)
                swapped[index] = indent + lines[index][colon.upperBound...] + ": " + key
            }
            bytes = Array(swapped.joined(separator: "\n").utf8)
        case .nest:
            let depth = Int.random(in: 1...200, using: &random)
            let opener = ["[", "{a: ", "- "].randomElement(using: &random)!
            let nested = Array(String(repeating: opener, count: depth).utf8)
            bytes.insert(contentsOf: nested, at: at)
        case .hugeScalar:
            let length = [200, 1_000, 4_000].randomElement(using: &random)!
            let filler = UInt8.random(in: 0x21...0x7E, using: &random)
            bytes.insert(contentsOf: Array("\n    literal: \"".utf8) + Array(repeating: filler, count: length) + [UInt8(ascii: "\"")], at: at)
        case .invalidUTF8:
            bytes.insert(contentsOf: [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90], [0x00], [0x80, 0x80]].randomElement(using: &random)!, at: at)
        case .tabs:
            bytes = bytes.map { $0 == UInt8(ascii: " ") && Int.random(in: 0..<4, using: &random) == 0 ? 0x09 : $0 }
        case .insertKey:
            bytes.insert(contentsOf: Array((keys.randomElement(using: &random)! + ": ").utf8), at: at)
        case .duplicate:
            let end = min(bytes.count, at + Int.random(in: 1...200, using: &random))
            bytes.insert(contentsOf: bytes[at..<end], at: Int.random(in: 0...bytes.count, using: &random))
        }
        return bytes
    }

    static func document(_ random: inout SeededGenerator) -> [UInt8] {
        let start = Int.random(in: 0..<entries.count, using: &random)
        let count = Int.random(in: 1...2, using: &random)
        let body = entries[start..<min(entries.count, start + count)].joined()
        var bytes = Array(("parsers:\n" + body).utf8)
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            bytes = mutate(bytes, Mutation.allCases.randomElement(using: &random)!, &random)
        }
        return bytes
    }

    static let probeLines: [[UInt8]] = [
        "Starting kernel ...", "[    2.058899] clk: Disabling unused clocks", "RPMSG String Echo Demo...", "",
        "\u{1B}[31m\u{FF}xxxx",
    ].map { Array($0.utf8) }

    /// Parses one document; returns whether definitions came back. Records an issue for anything
    /// that breaks the loader's contract.
    static func check(_ bytes: [UInt8], caseNumber: Int) -> Bool {
        let name = "fuzz-\(caseNumber).yaml"
        // The loader reads user files this way (invalid UTF-8 becomes U+FFFD).
        let text = String(decoding: bytes, as: UTF8.self)
        let lineCount = text.utf8.count { $0 == UInt8(ascii: "\n") } + 1
        do {
            let definitions = try DefinitionLoader.parse(files: [(name, text)])
            for definition in definitions {
                #expect(definition.literal.utf8.count >= 4, "case \(caseNumber): literal shorter than 4 bytes slipped through")
                #expect(definition.examples.allSatisfy { $0.contains(definition.literal) }, "case \(caseNumber)")
                #expect(definition.location.file == name, "case \(caseNumber)")
            }
            // What the loader accepts must be safe to build a classifier from and to run. (Building
            // one costs milliseconds in debug builds, so only every 100th accepted case does.)
            guard caseNumber % 100 == 0 else { return true }
            let classifier = Classifier(definitions: definitions)
            for line in probeLines + definitions.flatMap({ $0.examples.map { Array($0.utf8) } }) {
                _ = line.withUnsafeBytes { classifier.classify($0, consoleKind: .unknown) }
            }
            return true
        } catch {
            #expect(!error.problems.isEmpty, "case \(caseNumber): an error without problems")
            for problem in error.problems {
                #expect(problem.location.file == name, "case \(caseNumber): \(problem)")
                #expect((1...lineCount + 1).contains(problem.location.line), "case \(caseNumber): unlocated \(problem)")
                #expect(!problem.message.isEmpty, "case \(caseNumber)")
            }
            return false
        }
    }

    /// Yams and ICU cost about 1 ms per document in a debug build, so the default run is
    /// 4 × 5,000 cases (about 10 s on 2 cores); AMPSCOPE_FUZZ_SCALE=5 gives the 100,000-case run.
    static let scale = Int(ProcessInfo.processInfo.environment["AMPSCOPE_FUZZ_SCALE"] ?? "") ?? 1

    @Test(arguments: 0..<4)
    func mutatedDefinitionFilesLoadOrFailWithALocation(slice: Int) {
        var accepted = 0
        let cases = 5_000 * Self.scale
        // Case n uses seed base + n: a failing case is replayed from the base and its number.
        let base = TestSeed.value("DefinitionLoaderFuzzTests slice \(slice) (base; case n uses base + n)", fixed: 0xDEF1_0000)
        for caseNumber in slice * cases..<(slice + 1) * cases {
            var random = SeededGenerator(state: base &+ UInt64(caseNumber))
            if Self.check(Self.document(&random), caseNumber: caseNumber) { accepted += 1 }
        }
        // Unmutated documents and harmless mutations must still load: the generator is not
        // only producing garbage the loader rejects at the first byte.
        #expect(accepted > cases / 10, "only \(accepted) of \(cases) documents loaded")
        #expect(accepted < cases, "every document loaded: the mutations did nothing")
    }

    @Test func deepNestingAndHugeDocumentsAreRejectedWithALocation() {
        for (caseNumber, text) in [
            String(repeating: "[", count: 5_000), String(repeating: "{a: ", count: 2_000),
            String(repeating: "- ", count: 5_000) + "x", "parsers:\n" + String(repeating: "  - id: a\n", count: 2_000),
            "parsers: " + String(repeating: "x", count: 1_000_000), "\t parsers:\n\t- id: a",
        ].enumerated() {
            let name = "hostile-\(caseNumber).yaml"
            do {
                let definitions = try DefinitionLoader.parse(files: [(name, text)])
                Issue.record("case \(caseNumber): loaded \(definitions.count) definitions instead of being rejected")
            } catch {
                #expect(!error.problems.isEmpty, "case \(caseNumber): rejected without a problem")
                for problem in error.problems {
                    // Where it is, as a user's editor counts: a file, a line and a column from 1.
                    #expect(problem.location.file == name, "case \(caseNumber): \(problem)")
                    #expect(problem.location.line >= 1 && problem.location.column >= 1, "case \(caseNumber): no line and column: \(problem)")
                    #expect(problem.description.contains("\(name):\(problem.location.line):\(problem.location.column)"), "case \(caseNumber): \(problem)")
                }
            }
        }
    }
}
