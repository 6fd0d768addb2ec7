/// `report.json`'s document: boot numbers (a rule's boots, a not-checked reason's boots, a gap's
/// boots) are written as runs, `[[1, 400], [402, 402]]`, so a soak log's thousands of boots cost
/// one pair per stretch instead of one number each (docs/report-json.md).
extension ReportDocument {
    private enum CodingKeys: String, CodingKey {
        case schema, tool, toolVersion, board, consoles, verdict, verdictOutcome, verdictGaps, verdictCaveats, summary, boots, notChecked,
             diagnoses, timeline, excerpts, findingLines, redaction
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schema = try container.decode(String.self, forKey: .schema)
        tool = try container.decode(String.self, forKey: .tool)
        toolVersion = try container.decode(String.self, forKey: .toolVersion)
        board = try container.decodeIfPresent(String.self, forKey: .board)
        consoles = try container.decode([ReportConsole].self, forKey: .consoles)
        verdict = try container.decode(String.self, forKey: .verdict)
        verdictOutcome = try container.decode(VerdictOutcome.self, forKey: .verdictOutcome)
        verdictGaps = try container.decode([GapCoding].self, forKey: .verdictGaps).map(\.gap)
        verdictCaveats = try container.decode([String].self, forKey: .verdictCaveats)
        summary = try container.decode(SummaryCoding.self, forKey: .summary).summary
        boots = try container.decode(ReportBootCounts.self, forKey: .boots)
        notChecked = NotCheckedSummary()
        for entry in try container.decode([NotCheckedCoding].self, forKey: .notChecked) {
            for boot in entry.boots.numbers {
                notChecked.add(BootDiagnosis(boot: boot, findings: [], notChecked: entry.rules.map { NotChecked(rule: $0, reason: entry.reason) }))
            }
        }
        diagnoses = try container.decode([BootDiagnosis].self, forKey: .diagnoses)
        timeline = try container.decode(Timeline.self, forKey: .timeline)
        excerpts = try container.decode([ReportExcerpt].self, forKey: .excerpts)
        findingLines = try container.decodeIfPresent([String: [ReportExcerpt]].self, forKey: .findingLines)
        redaction = try container.decode(ReportRedaction.self, forKey: .redaction)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(tool, forKey: .tool)
        try container.encode(toolVersion, forKey: .toolVersion)
        try container.encodeIfPresent(board, forKey: .board)
        try container.encode(consoles, forKey: .consoles)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(verdictOutcome, forKey: .verdictOutcome)
        try container.encode(verdictGaps.map(GapCoding.init), forKey: .verdictGaps)
        try container.encode(verdictCaveats, forKey: .verdictCaveats)
        try container.encode(SummaryCoding(summary), forKey: .summary)
        try container.encode(boots, forKey: .boots)
        try container.encode(notChecked.entries.map(NotCheckedCoding.init), forKey: .notChecked)
        try container.encode(diagnoses, forKey: .diagnoses)
        try container.encode(timeline, forKey: .timeline)
        try container.encode(excerpts, forKey: .excerpts)
        try container.encodeIfPresent(findingLines, forKey: .findingLines)
        try container.encode(redaction, forKey: .redaction)
    }
}

/// Boot numbers as `[[first, last], ...]`.
private struct BootRunsCoding: Codable {
    var numbers: BootNumbers

    init(_ numbers: BootNumbers) { self.numbers = numbers }

    init(from decoder: any Decoder) throws {
        numbers = BootNumbers()
        for pair in try [[Int]](from: decoder) {
            guard pair.count == 2, pair[0] <= pair[1] else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a run of boots is [first, last]"))
            }
            for boot in pair[0]...pair[1] { numbers.insert(boot) }
        }
    }

    func encode(to encoder: any Encoder) throws {
        try numbers.runs.map { [$0.lowerBound, $0.upperBound] }.encode(to: encoder)
    }
}

private struct GapCoding: Codable {
    var missing: String
    var remedy: String
    var boots: BootRunsCoding

    init(_ gap: VerdictGap) {
        missing = gap.missing
        remedy = gap.remedy
        boots = BootRunsCoding(gap.bootNumbers)
    }

    var gap: VerdictGap {
        var gap = VerdictGap(missing: missing, remedy: remedy, boots: [])
        gap.bootNumbers = boots.numbers
        return gap
    }
}

private struct NotCheckedCoding: Codable {
    var reason: String
    var rules: [String]
    var boots: BootRunsCoding

    init(_ entry: NotCheckedSummary.Entry) {
        reason = entry.reason
        rules = entry.rules
        boots = BootRunsCoding(entry.bootNumbers)
    }
}

private struct SummaryCoding: Codable {
    struct Entry: Codable {
        var rule: String
        var severity: FindingSeverity
        var title: String
        var boots: BootRunsCoding
        var bootCount: Int
        var signatures: [String]
    }

    var totalBoots: Int
    var entries: [Entry]

    init(_ summary: DiagnosisSummary) {
        totalBoots = summary.totalBoots
        entries = summary.entries.map {
            Entry(rule: $0.rule, severity: $0.severity, title: $0.title, boots: BootRunsCoding($0.bootNumbers), bootCount: $0.bootNumbers.count, signatures: $0.signatures)
        }
    }

    var summary: DiagnosisSummary {
        var summary = DiagnosisSummary()
        summary.totalBoots = totalBoots
        summary.entries = entries.map { entry in
            var decoded = DiagnosisSummary.Entry(rule: entry.rule, severity: entry.severity, title: entry.title, boots: [], signatures: entry.signatures, totalBoots: totalBoots)
            decoded.bootNumbers = entry.boots.numbers
            return decoded
        }
        return summary
    }
}
