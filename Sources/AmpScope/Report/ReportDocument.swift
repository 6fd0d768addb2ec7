/// The report's content, assembled once and shared by the Markdown, HTML and JSON renderers:
/// the input with its log text redacted (when asked), the excerpts around the evidence, and the
/// verdict. Bounded whatever the number of boots: it holds the boots shown in full (the first,
/// the first of each rule, those the probe read facts in) and counts the rest; every boot with a
/// finding goes to `report.json` as it streams past (`ReportJSONWriter`, docs/report-json.md).
public struct ReportDocument: Sendable, Hashable, Codable {
    public static let schema = "ampscope-report/2"

    public var schema: String
    public var tool: String
    public var toolVersion: String
    public var board: String?
    public var consoles: [ReportConsole]
    /// One or two sentences: what the diagnosis concluded over all boots (the verdict's headline).
    public var verdict: String
    /// problems-found, no-problem-found or inconclusive.
    public var verdictOutcome: VerdictOutcome
    /// Why it is inconclusive (or what else could not be checked): what is missing and how to get it.
    public var verdictGaps: [VerdictGap]
    /// Rules left out for a console the input does not have.
    public var verdictCaveats: [String]
    public var summary: DiagnosisSummary
    /// How many boots the input had, and how many of them had a finding.
    public var boots: ReportBootCounts
    /// Not-checked rules over all boots: one entry per reason, with the boots it applied to.
    public var notChecked: NotCheckedSummary
    /// The diagnoses of the boots in `timeline.boots` only.
    public var diagnoses: [BootDiagnosis]
    /// The whole input's consoles, inputs and warnings; `boots`: only the boots shown in full.
    public var timeline: Timeline
    public var excerpts: [ReportExcerpt]
    /// Per rule, the lines shown with its first finding from every console involved
    /// (`ReportFindingLinesPlan`).
    public var findingLines: [String: [ReportExcerpt]]?
    public var redaction: ReportRedaction

    /// Builds the document. `excerpts` nil: no excerpts (the findings' evidence lines still show).
    /// `contextLines` lines either side of each evidence line are fetched; at most
    /// `maximumExcerpts` ranges (the first boots a rule fired in come first), so memory stays bounded.
    /// `redactor`: one that already learned the whole input (`Redactor.learning(from:)`), so the
    /// input is not read again for it; nil: learned here from the excerpt source's input.
    public static func build(
        _ input: ReportInput, excerpts source: (any ExcerptSource)?, redact: Bool = true, contextLines: Int = 8,
        maximumExcerpts: Int = 60, redactor learned: Redactor? = nil
    ) throws(ReportError) -> ReportDocument {
        let planned = ReportExcerptPlan(
            findings: input.collector.excerptQueue(limit: maximumExcerpts * 2), consoles: input.timeline.consoles, contextLines: contextLines,
            limit: maximumExcerpts)
        let findingPlan = ReportFindingLinesPlan(input)
        let fetched = try source?.lines(in: planned.ranges.map(\.range) + findingPlan.ranges.map(\.range)) ?? [:]
        var findingLines: [String: [ReportExcerpt]] = [:]
        for planned in findingPlan.ranges {
            let lines = fetched[planned.range] ?? []
            guard !lines.isEmpty else { continue }
            findingLines[planned.rule, default: []].append(ReportExcerpt(
                console: planned.range.console, consoleName: planned.consoleName, first: planned.range.first, last: planned.range.last,
                evidenceLines: planned.evidenceLines, findings: [planned.rule], lines: lines))
        }
        var excerpts = planned.ranges.map { planned in
            ReportExcerpt(
                console: planned.range.console, consoleName: planned.consoleName, first: planned.range.first, last: planned.range.last,
                evidenceLines: planned.evidenceLines, findings: planned.findings, lines: fetched[planned.range] ?? [])
        }
        excerpts.removeAll { $0.lines.isEmpty }
        let collector = input.collector
        let verdict = collector.judge.verdict(problems: ReportVerdict.sentence(summary: collector.summary, uncheckedRules: collector.uncheckedRules))
        var document = ReportDocument(
            schema: schema, tool: "ampscope", toolVersion: input.toolVersion, board: input.board, consoles: input.consoles,
            verdict: verdict.headline, verdictOutcome: verdict.outcome, verdictGaps: verdict.gaps, verdictCaveats: verdict.caveats,
            summary: collector.summary,
            boots: ReportBootCounts(total: collector.bootCount, withFindings: collector.bootsWithFindings),
            notChecked: collector.notChecked,
            diagnoses: input.diagnoses, timeline: input.timeline, excerpts: excerpts, findingLines: findingLines,
            redaction: ReportRedaction(enabled: redact, counts: []))
        if redact {
            // Two passes: every identifier of the whole input is learned before any text is redacted.
            var redactor: Redactor
            if let learned {
                redactor = learned
            } else if let input = source as? InputExcerptSource {
                redactor = try Redactor.learning(from: input.source)
            } else {
                redactor = Redactor()
            }
            document.redact(with: &redactor)
        }
        return document
    }

    /// Findings of every boot, most severe first, grouped by rule: the first finding shows the
    /// message and evidence, `boots` lists where else it fired.
    public var findingGroups: [ReportFindingGroup] {
        summary.entries.compactMap { entry in
            for diagnosis in diagnoses {
                if let finding = diagnosis.findings.first(where: { $0.rule == entry.rule }) {
                    return ReportFindingGroup(entry: entry, first: finding)
                }
            }
            return nil
        }
    }

    public func console(_ id: UInt16) -> ReportConsole? { consoles.first { $0.id == id } }

    public func consoleName(_ id: UInt16) -> String {
        console(id)?.name ?? timeline.consoles.first { $0.id == id }?.name ?? "#\(id)"
    }
}

/// A rule's findings over all boots, shown once.
public struct ReportFindingGroup: Sendable, Hashable {
    public var entry: DiagnosisSummary.Entry
    public var first: Finding
}

/// The boots of the input: all of them are in the summary; those with a finding are each in
/// `report.json`'s `bootsWithFindings`; the others are only counted here.
public struct ReportBootCounts: Sendable, Hashable, Codable {
    public var total: Int
    public var withFindings: Int
    public var withoutFindings: Int

    public init(total: Int, withFindings: Int) {
        self.total = total
        self.withFindings = withFindings
        withoutFindings = total - withFindings
    }
}

/// Lines of one console around evidence lines.
public struct ReportExcerpt: Sendable, Hashable, Codable {
    public var console: UInt16
    public var consoleName: String
    public var first: Int
    public var last: Int
    /// Line numbers within the excerpt that are some finding's evidence.
    public var evidenceLines: [Int]
    /// Rule ids whose evidence lies in this excerpt.
    public var findings: [String]
    public var lines: [ExcerptLine]

    /// The HTML anchor of a line, shared by findings and excerpts: `a7-L123`.
    public static func anchor(console name: String, line: Int) -> String {
        let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        return "\(safe)-L\(line)"
    }
}

/// Whether the report was redacted, and what was replaced.
public struct ReportRedaction: Sendable, Hashable, Codable {
    public var enabled: Bool
    public var counts: [RedactionCount]

    /// `redacted: 1 serial number, 1 host name`, or why nothing was.
    public var sentence: String {
        guard enabled else { return "Not redacted (--no-redact): addresses, serial numbers and host names appear as captured." }
        if counts.isEmpty {
            return "Redaction on: no MAC, IP or e-mail addresses, serial numbers, host or user names, tokens or passwords found in the whole input."
        }
        let parts = counts.map { "\($0.values) \($0.values == 1 ? $0.kind.singularName : $0.kind.pluralName)" }
        let examples = counts.map { "\($0.kind.rawValue)-1" }.joined(separator: ", ")
        return "Redacted, counted over the whole input: " + parts.joined(separator: ", ")
            + ". Each value has one pseudonym everywhere in this report (\(examples))."
    }
}
