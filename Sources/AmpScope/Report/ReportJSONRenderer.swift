import Foundation

/// `report.json` (schema `ampscope-report/2`, docs/report-json.md): the bounded `ReportDocument`
/// with its keys sorted, then `bootsWithFindings`, one line per boot with a finding (its
/// record as `analyze --format json` writes it, its findings in full, what kept it from being
/// checked). Those lines are written as the boots stream past, redacted with the redactor that
/// learned the whole input, into a scratch file, and copied in at the end: no boot is kept.
public struct ReportJSONWriter {
    private var spill: BootSpill?
    private var written = 0
    private var scratch = JSONBytes(capacity: 1 << 14)
    private let encoder: JSONEncoder

    public init() {
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// Takes one boot; only a boot with a finding is written. `redactor` nil: not redacted.
    public mutating func add(_ boot: BootTimeline, diagnosis: BootDiagnosis, consoles: [TimelineConsole], redactor: inout Redactor?) throws(ReportError) {
        guard !diagnosis.findings.isEmpty else { return }
        var findings = diagnosis.findings
        var gaps = diagnosis.gaps
        var record = BootRecord(boot: boot, consoles: consoles, findings: findings.count)
        if redactor != nil {
            for index in findings.indices { findings[index].redact(with: &redactor!) }
            gaps = gaps?.map { $0.redacted(with: &redactor!) }
            record.boardFacts?.redact(with: &redactor!)
        }
        scratch.removeAll()
        scratch.raw(written == 0 ? "\n    " : ",\n    ")
        scratch.raw("{"); scratch.key("boot")
        do {
            scratch.bootRecord(record, encodedBoardFacts: try record.boardFacts.map { String(decoding: try encoder.encode($0), as: UTF8.self) })
            scratch.comma(); scratch.key("findings"); scratch.raw("[")
            for (position, finding) in findings.enumerated() {
                if position > 0 { scratch.comma() }
                scratch.finding(finding)
            }
            scratch.raw("]")
            if let gaps {
                scratch.comma(); scratch.key("gaps"); scratch.raw(String(decoding: try encoder.encode(gaps), as: UTF8.self))
            }
            scratch.raw("}")
            if spill == nil { spill = try BootSpill() }
            try spill?.append(scratch.bytes)
        } catch {
            throw ReportError("could not write a boot of report.json to a scratch file: \(error); set TMPDIR to a folder with free space")
        }
        written += 1
    }

    /// Writes `document` and the boots taken so far to `path` (replaced as a whole: a reader never sees half a report).
    public mutating func finish(_ document: ReportDocument, to path: String) throws(ReportError) {
        let head = try ReportJSONRenderer().render(document)
        // The document ends in "\n}\n": the boots go in as its last key.
        guard let close = head.range(of: "}", options: .backwards) else { throw ReportError("report.json: the document did not end in '}'. This is a bug in ampscope; please report it.") }
        let temporary = path + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw ReportError("cannot write \(temporary): check the folder's permissions and free space")
        }
        do {
            defer { try? handle.close() }
            let body = head[..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
            try handle.write(contentsOf: Data((body + ",\n  \"bootsWithFindings\" : [").utf8))
            if let spill { try spill.copyBytes { try handle.write(contentsOf: $0) } }
            try handle.write(contentsOf: Data((written == 0 ? "]\n}\n" : "\n  ]\n}\n").utf8))
            spill = nil
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ReportError("cannot write \(path): \(error.localizedDescription); check the folder's permissions and free space")
        }
        do {
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            throw ReportError("cannot replace \(path): \(error.localizedDescription); check the folder's permissions")
        }
    }
}

/// One element of `bootsWithFindings`, as read back.
public struct ReportBootEntry: Sendable, Decodable {
    public struct Record: Sendable, Decodable {
        public var index: Int
        public var boundary: BootBoundary
        public var duration: Int64?
        public var findings: Int
        public var endsWithInput: Bool
    }

    public var boot: Record
    public var findings: [Finding]
    public var gaps: [VerdictGap]?
}

/// The bounded document as JSON (pretty, keys sorted so two reports diff cleanly), and reading
/// `report.json` back.
public struct ReportJSONRenderer: Sendable {
    public init() {}

    public func render(_ document: ReportDocument) throws(ReportError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var shown = document
        // Boots kept only to draw or to excerpt are not listed: a boot without a finding is counted.
        shown.timeline.boots.removeAll { boot in
            boot.boardFacts == nil && !document.diagnoses.contains { $0.boot == boot.index && !$0.findings.isEmpty }
        }
        shown.diagnoses.removeAll { $0.findings.isEmpty }
        do {
            return String(decoding: try encoder.encode(shown), as: UTF8.self) + "\n"
        } catch {
            throw ReportError("could not encode the report as JSON: \(error). This is a bug in ampscope; please report it with the input.")
        }
    }

    /// Reads a report back (for tools, and to check a written one): the document and every boot with a finding.
    public static func decode(_ text: String) throws(ReportError) -> ReportDocument {
        try decodeAll(text).document
    }

    public static func decodeAll(_ text: String) throws(ReportError) -> (document: ReportDocument, bootsWithFindings: [ReportBootEntry]) {
        struct Boots: Decodable { var bootsWithFindings: [ReportBootEntry]? }
        struct Schema: Decodable { var schema: String? }
        do {
            let data = Data(text.utf8)
            let schema = try JSONDecoder().decode(Schema.self, from: data).schema
            guard schema == ReportDocument.schema else {
                throw ReportError("the report's schema is \(schema ?? "missing"), this ampscope reads \(ReportDocument.schema); use the ampscope that wrote it.")
            }
            let document = try JSONDecoder().decode(ReportDocument.self, from: data)
            return (document, try JSONDecoder().decode(Boots.self, from: data).bootsWithFindings ?? [])
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError("not an ampscope report: \(error). Pass the report.json that `ampscope report` wrote.")
        }
    }
}
