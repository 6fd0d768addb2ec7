import Foundation

/// Writes `ampscope analyze --format json` as one document while boots are diagnosed, keeping
/// neither boots nor findings: each finding goes out at once inside `findings`; each boot's
/// short record (index, boundary, duration, phases per console) goes to a scratch file and is
/// copied into `boots` at the end, then come `not_checked`, `summary`, `consoles`, `warnings`.
/// Layout in docs/analyze-json.md. Keys within every object are sorted.
public struct AnalyzeJSONWriter {
    private let output: (String) throws -> Void
    private let encoder: JSONEncoder
    private var started = false
    private var findingsWritten = 0
    private var bootsSpilled = 0
    private var spill: BootSpill?
    /// Reused for each boot's findings and record, and for the summaries at the end.
    private var scratch = JSONBytes(capacity: 1 << 16)

    public init(output: @escaping (String) throws -> Void) {
        self.output = output
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    public mutating func write(_ diagnosis: BootDiagnosis, of boot: BootTimeline, consoles: [TimelineConsole]) throws {
        try startIfNeeded()
        // The boot's findings in one piece, then its record: one write each per boot.
        if !diagnosis.findings.isEmpty {
            scratch.removeAll()
            for finding in diagnosis.findings {
                scratch.raw(findingsWritten == 0 ? "\n" : ",\n")
                scratch.finding(finding)
                findingsWritten += 1
            }
            try output(scratch.text)
        }
        if spill == nil { spill = try BootSpill() }
        scratch.removeAll()
        scratch.raw(bootsSpilled == 0 ? "\n" : ",\n")
        let record = BootRecord(boot: boot, consoles: consoles, findings: diagnosis.findings.count)
        scratch.bootRecord(record, encodedBoardFacts: try record.boardFacts.map(encoded))
        try spill?.append(scratch.bytes)
        bootsSpilled += 1
    }

    public mutating func finish(
        summary: DiagnosisSummary, notChecked: NotCheckedSummary, consoles: [TimelineConsole], warnings: [String], verdict: Verdict
    ) throws {
        try startIfNeeded()
        try output("\n],\"boots\":[")
        if let spill { try spill.copy(to: output) }
        spill = nil
        // The summaries by hand, the same bytes as JSONEncoder gave: their boot lists (and each
        // rule's text, which lists the boots again) go out in pieces from the runs, so the end
        // of a soak log's document costs no memory that grows with the number of boots.
        scratch.removeAll()
        scratch.raw("\n],\"not_checked\":[")
        for (index, entry) in notChecked.entries.enumerated() {
            if index > 0 { scratch.comma() }
            scratch.raw("{"); scratch.key("boots")
            try writeNumbers(entry.bootNumbers, separator: ",", bracketed: true); scratch.comma()
            scratch.key("reason"); scratch.string(entry.reason); scratch.comma()
            scratch.key("rules"); scratch.strings(entry.rules); scratch.raw("}")
        }
        scratch.raw("],\"summary\":{\"boots\":"); scratch.int(summary.totalBoots); scratch.raw(",\"rules\":[")
        for (index, entry) in summary.entries.enumerated() {
            if index > 0 { scratch.comma() }
            scratch.raw("{"); scratch.key("boots")
            try writeNumbers(entry.bootNumbers, separator: ",", bracketed: true); scratch.comma()
            scratch.key("rule"); scratch.string(entry.rule); scratch.comma()
            scratch.key("severity"); scratch.string(entry.severity.rawValue); scratch.comma()
            scratch.key("signatures"); scratch.strings(entry.signatures); scratch.comma()
            scratch.key("text"); scratch.raw("\""); scratch.escaped(entry.descriptionPrefix)
            try writeNumbers(entry.bootNumbers, separator: ", ", bracketed: false); scratch.raw("\""); scratch.comma()
            scratch.key("title"); scratch.string(entry.title); scratch.raw("}")
        }
        scratch.raw("]}")
        try output(scratch.text)
        try output(",\"consoles\":\(try encoded(consoles)),\"warnings\":\(try encoded(warnings)),\"verdict\":\(try encoded(verdict))}\n")
    }

    /// `numbers` into `scratch` (in `[...]` when `bracketed`), handing `scratch` to the output
    /// whenever it holds 64 KiB, so a list of 40,000 boots never sits whole in memory.
    private mutating func writeNumbers(_ numbers: BootNumbers, separator: StaticString, bracketed: Bool) throws {
        if bracketed { scratch.raw("[") }
        var first = true
        for number in numbers {
            if !first { scratch.raw(separator) }
            first = false
            scratch.int(number)
            if scratch.bytes.count >= 1 << 16 {
                try output(scratch.text)
                scratch.removeAll()
            }
        }
        if bracketed { scratch.raw("]") }
    }

    private mutating func startIfNeeded() throws {
        guard !started else { return }
        started = true
        try output("{\"tool\":\"ampscope\",\"version\":\(try encoded(AmpScopeVersion.string)),\"findings\":[")
    }

    private func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// A boot in `boots`: what the findings refer to, without its events. Written by
/// `JSONBytes.bootRecord`; Encodable so tests can check that against JSONEncoder.
struct BootRecord: Codable {
    struct Phase: Codable {
        var phase: BootPhase
        var start: TimelinePlacement
    }

    var index: Int
    var boundary: BootBoundary
    var duration: Int64?
    var durationSeconds: Double?
    var endsWithInput: Bool
    var findings: Int
    var phases: [String: [Phase]]
    /// What the probe read from the board in this boot; absent when nothing asked it.
    var boardFacts: BoardFacts?

    init(boot: BootTimeline, consoles: [TimelineConsole], findings: Int) {
        boardFacts = boot.boardFacts
        index = boot.index
        boundary = boot.boundary
        duration = boot.duration
        durationSeconds = boot.duration.map { Double($0) / 1e9 }
        endsWithInput = boot.facts.endsWithInput
        self.findings = findings
        var phases: [String: [Phase]] = [:]
        for lane in boot.lanes {
            let name = consoles.first { $0.id == lane.console }?.name ?? "console \(lane.console)"
            phases[name] = lane.phases.map { Phase(phase: $0.phase, start: $0.start) }
        }
        self.phases = phases
    }
}

/// An unlinked scratch file: the boots' records wait there, not in memory, until `boots` is written
/// (and `analyze DIR...`'s session records until `sessions` is).
final class BootSpill {
    private let handle: FileHandle

    init() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ampscope-analyze-\(UUID().uuidString).json").path
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forUpdatingAtPath: path) else {
            throw AnalyzeOutputError(description: "cannot create a scratch file in \(FileManager.default.temporaryDirectory.path): set TMPDIR to a writable folder")
        }
        try? FileManager.default.removeItem(atPath: path)
        self.handle = handle
    }

    /// Records not yet written: one write per MiB rather than per boot.
    private var pending: [UInt8] = []

    func append(_ bytes: [UInt8]) throws {
        pending += bytes
        if pending.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        try handle.write(contentsOf: Data(pending))
        pending.removeAll(keepingCapacity: true)
    }

    /// The records as written, block by block (a file copy: no text decoding).
    func copyBytes(to output: (Data) throws -> Void) throws {
        try flush()
        try handle.seek(toOffset: 0)
        while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty { try output(data) }
    }

    func copy(to output: (String) throws -> Void) throws {
        try flush()
        try handle.seek(toOffset: 0)
        var carried: [UInt8] = []
        while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
            var bytes = carried + data
            // Cut before a character that straddles the block's end, so it is decoded whole.
            var cut = bytes.count
            while cut > 0, bytes[cut - 1] & 0xC0 == 0x80 { cut -= 1 }
            if cut > 0, bytes[cut - 1] >= 0xC0 { cut -= 1 } else { cut = bytes.count }
            carried = Array(bytes[cut...])
            bytes.removeSubrange(cut...)
            try output(String(decoding: bytes, as: UTF8.self))
        }
        if !carried.isEmpty { try output(String(decoding: carried, as: UTF8.self)) }
    }

    deinit { try? handle.close() }
}

public struct AnalyzeOutputError: Error, CustomStringConvertible {
    public var description: String
}
