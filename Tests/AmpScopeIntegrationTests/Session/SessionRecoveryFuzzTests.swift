import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// A fuzzer of session files (issue 17): sessions written by the real SessionWriter (sample
/// boards compiled as the golden tests do) are cut, bit-flipped, given inserted and deleted
/// bytes, a damaged header or first line, a broken session.json. The reader never
/// crashes, reads back every whole record outside the damaged stretch, and reports the damage.
/// AMPSCOPE_TEST_SEED replays a run; AMPSCOPE_FUZZ_CASES sets the number of cases.
@Suite struct SessionRecoveryFuzzTests {
    static let cases = Int(ProcessInfo.processInfo.environment["AMPSCOPE_FUZZ_CASES"] ?? "") ?? 100_000

    /// Where one record of the original file lies.
    struct Placed {
        var start: Int
        var end: Int
    }

    /// The byte ranges of a session file's records, found by walking the framing (sync, type,
    /// length, payload, CRC: 11 bytes around the payload) as docs/session-format.md lays it out.
    static func placed(_ bytes: [UInt8]) throws -> (magicEnd: Int, records: [Placed]) {
        let magicEnd = try #require(bytes.firstIndex(of: 0x0A)) + 1
        var offset = magicEnd
        var ranges: [Placed] = []
        while offset < bytes.count {
            let length = Int(bytes[offset + 3]) | Int(bytes[offset + 4]) << 8 | Int(bytes[offset + 5]) << 16 | Int(bytes[offset + 6]) << 24
            ranges.append(Placed(start: offset, end: offset + 11 + length))
            offset += 11 + length
        }
        return (magicEnd, ranges)
    }

    struct Mutation: CustomStringConvertible {
        enum Kind: String { case truncate, flipBits, insert, delete, damageHeader, damageMagic, futureVersion }
        var kind: Kind
        /// The original bytes touched: records overlapping [from, to) may be lost.
        var from: Int
        var to: Int
        var breakHeaderCopy: Bool
        var description: String { "\(kind.rawValue) [\(from), \(to))\(breakHeaderCopy ? " + broken session.json" : "")" }
    }

    static func mutate(_ bytes: [UInt8], records: [Placed], magicEnd: Int, using random: inout SplitMix) -> ([UInt8], Mutation) {
        var out = bytes
        let breakCopy = random.next() % 8 == 0
        switch random.next() % 7 {
        case 0:
            let cut = Int(random.next() % UInt64(bytes.count))
            out.removeSubrange(cut...)
            return (out, Mutation(kind: .truncate, from: cut, to: bytes.count, breakHeaderCopy: breakCopy))
        case 1:
            let at = Int(random.next() % UInt64(bytes.count))
            let span = 1 + Int(random.next() % 64)
            let end = min(bytes.count, at + span)
            for index in at..<end where random.next() % 4 == 0 { out[index] ^= UInt8(1 << (random.next() % 8)) }
            return (out, Mutation(kind: .flipBits, from: at, to: end, breakHeaderCopy: breakCopy))
        case 2:
            let at = Int(random.next() % UInt64(bytes.count))
            let count = 1 + Int(random.next() % 300)
            out.insert(contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: at)
            return (out, Mutation(kind: .insert, from: at, to: at, breakHeaderCopy: breakCopy))
        case 3:
            let at = Int(random.next() % UInt64(bytes.count))
            let end = min(bytes.count, at + 1 + Int(random.next() % 300))
            out.removeSubrange(at..<end)
            return (out, Mutation(kind: .delete, from: at, to: end, breakHeaderCopy: breakCopy))
        case 4:
            let header = records[0]
            let at = header.start + Int(random.next() % UInt64(header.end - header.start))
            out[at] ^= 0xFF
            return (out, Mutation(kind: .damageHeader, from: at, to: at + 1, breakHeaderCopy: breakCopy))
        case 5:
            let at = Int(random.next() % UInt64(magicEnd))
            out[at] ^= 0x20
            return (out, Mutation(kind: .damageMagic, from: at, to: at + 1, breakHeaderCopy: breakCopy))
        default:
            let digit = magicEnd - 2
            out.replaceSubrange(digit..<(digit + 1), with: Array("9".utf8))
            return (out, Mutation(kind: .futureVersion, from: digit, to: digit + 1, breakHeaderCopy: breakCopy))
        }
    }

    @Test func everyWholeRecordOutsideTheDamageIsReadBack() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["AMPSCOPE_TEST_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64.max)
        print("SessionRecoveryFuzzTests seed \(seed) (AMPSCOPE_TEST_SEED=\(seed) replays it), \(Self.cases) cases")
        var random = SplitMix(seed: seed)
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        var originals: [(bytes: [UInt8], records: [SessionRecord], placed: [Placed], magicEnd: Int, copy: Data)] = []
        for sample in ["legacy-m4-halted-at-clock-gating", "remoteproc-no-name-service-announcement", "legacy-healthy"] {
            let directory = scratch.path + "/" + sample
            // The first 40 lines of each board keep a case cheap enough for 100,000 of them.
            let board = try BoardScript(contentsOf: SampleCatalogue.path(sample, "board.board"))
            try BoardScript(fileName: board.fileName, consoles: board.consoles, outputs: Array(board.outputs.prefix(40))).compile(to: directory)
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/session.amps")))
            let reader = try SessionReader(directory: directory)
            let records = [SessionRecord.header(reader.header)] + Array(reader)
            #expect(reader.damage.isEmpty)
            let (magicEnd, placed) = try Self.placed(bytes)
            try #require(placed.first?.start == magicEnd)
            try #require(placed.count == records.count, "the framing walk and the reader disagree on \(sample)")
            let copy = try Data(contentsOf: URL(fileURLWithPath: directory + "/session.json"))
            originals.append((bytes, records, placed, magicEnd, copy))
        }
        let target = scratch.path + "/fuzzed"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        var failures = 0
        var counts: [String: Int] = [:]
        for caseNumber in 0..<Self.cases where failures < 5 {
            let original = originals[Int(random.next() % UInt64(originals.count))]
            let (bytes, mutation) = Self.mutate(original.bytes, records: original.placed, magicEnd: original.magicEnd, using: &random)
            counts[mutation.kind.rawValue, default: 0] += 1
            try Data(bytes).write(to: URL(fileURLWithPath: target + "/session.amps"))
            var copy = mutation.breakHeaderCopy ? Data("{\"broken\":".utf8) : original.copy
            if mutation.kind == .futureVersion {
                // A real later session says its version in both places.
                let text = String(decoding: original.copy, as: UTF8.self)
                copy = Data(text.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 9").utf8)
                try #require(copy != original.copy, "session.json has no formatVersion 1 to change")
            }
            try copy.write(to: URL(fileURLWithPath: target + "/session.json"))
            let problem = Self.check(target, original: original.records, placed: original.placed, mutation: mutation)
            if let problem {
                failures += 1
                Issue.record("case \(caseNumber) (seed \(seed)), \(mutation): \(problem)")
            }
        }
        print("SessionRecoveryFuzzTests cases by kind: \(counts.sorted { $0.key < $1.key })")
    }

    /// nil when the reader did what it must for this mutation, else what went wrong.
    static func check(_ directory: String, original: [SessionRecord], placed: [Placed], mutation: Mutation) -> String? {
        func touched(_ place: Placed) -> Bool {
            mutation.kind == .insert ? (place.start < mutation.from && mutation.from < place.end)
                : (mutation.from < place.end && mutation.to > place.start)
        }
        let magicEnd = placed[0].start
        let headerTouched = touched(placed[0])
        let magicTouched = mutation.from < magicEnd
        let reader: SessionReader
        do {
            reader = try SessionReader(directory: directory)
        } catch {
            switch (mutation.kind, error) {
            case (.futureVersion, .unsupportedVersion): return nil
            case (.truncate, .notASession) where mutation.from == 0: return nil
            // A version digit flipped to a higher one, with no header copy to show it is damage.
            case (_, .unsupportedVersion) where mutation.breakHeaderCopy && magicTouched: return nil
            case (_, .missingHeader), (_, .notASession):
                if mutation.breakHeaderCopy && (headerTouched || magicTouched) { return nil }
                return "the reader gave up: \(error)"
            default:
                return "the reader gave up: \(error)"
            }
        }
        if mutation.kind == .futureVersion { return "a session of format version 9 was read as if known" }
        guard case .header(let header) = original[0], reader.header == header else {
            return "the header read back differs from the original"
        }
        let read = Array(reader)
        var remaining = read[...]
        for (record, place) in zip(original, placed).dropFirst() where !touched(place) {
            guard let found = remaining.firstIndex(of: record) else {
                return "a whole record outside the damage (bytes \(place.start)..<\(place.end)) was not read back; damage: \(reader.damage)"
            }
            remaining = remaining[(found + 1)...]
        }
        // Bytes removed up to the end of the file are a truncation: at a record boundary nothing
        // can show that records are missing.
        let cutsTheEnd = mutation.kind == .truncate || mutation.kind == .delete && mutation.to == placed.last?.end
        let cutInsideRecord = placed.contains { $0.start < mutation.from && mutation.from < $0.end }
        if read.count < original.count - 1 && reader.damage.isEmpty && (!cutsTheEnd || cutInsideRecord) {
            let near = placed.filter { $0.end >= mutation.from - 200 && $0.start <= mutation.to + 200 }.map { "\($0.start)..<\($0.end)" }
            return "\(original.count - 1 - read.count) records are missing and no damage was reported (records near: \(near), file end \(placed.last?.end ?? 0))"
        }
        return nil
    }
}

/// SplitMix64, the test's own seeded generator (replayable from the printed seed).
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
