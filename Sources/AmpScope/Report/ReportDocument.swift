/// The report's content, assembled once and shared by the Markdown, HTML and JSON renderers:
/// the input with its log text redacted (when asked), the excerpts around the evidence, and the
/// verdict. `report.json` is this value encoded (see docs/report-json.md).
public struct ReportDocument: Sendable, Hashable, Codable {
    public static let schema = "ampscope-report/1"

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
    public var diagnoses: [BootDiagnosis]
    public var timeline: Timeline
    public var excerpts: [ReportExcerpt]
    /// Per rule, the lines shown with its first finding from every console involved
    /// (`ReportFindingLinesPlan`); nil in reports written before it existed.
    public var findingLines: [String: [ReportExcerpt]]?
    public var redaction: ReportRedaction

    /// Builds the document. `excerpts` nil: no excerpts (the findings' evidence lines still show).
    /// `contextLines` lines either side of each evidence line are fetched; at most
    /// `maximumExcerpts` ranges (the first boots a rule fired in come first), so memory stays bounded.
    public static func build(
        _ input: ReportInput, excerpts source: (any ExcerptSource)?, redact: Bool = true, contextLines: Int = 8,
        maximumExcerpts: Int = 60
    ) throws(ReportError) -> ReportDocument {
        let planned = ReportExcerptPlan(diagnoses: input.diagnoses, consoles: input.timeline.consoles, contextLines: contextLines, limit: maximumExcerpts)
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
        let verdict = ReportVerdict.verdict(summary: input.summary, diagnoses: input.diagnoses)
        var document = ReportDocument(
            schema: schema, tool: "ampscope", toolVersion: input.toolVersion, board: input.board, consoles: input.consoles,
            verdict: verdict.headline, verdictOutcome: verdict.outcome, verdictGaps: verdict.gaps, verdictCaveats: verdict.caveats,
            summary: input.summary,
            diagnoses: input.diagnoses, timeline: input.timeline, excerpts: excerpts, findingLines: findingLines,
            redaction: ReportRedaction(enabled: redact, counts: []))
        if redact {
            // Two passes: every identifier of the whole input is learned before any text is redacted.
            var redactor = try (source as? InputExcerptSource).map { source throws(ReportError) in try Redactor.learning(from: source.source) } ?? Redactor()
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

    /// Not-checked rules over all boots: one entry per reason, with the boots it applied to.
    public var notChecked: [ReportNotChecked] {
        var order: [String] = []
        var byReason: [String: ReportNotChecked] = [:]
        for diagnosis in diagnoses {
            for (reason, rules) in diagnosis.notCheckedByReason {
                if byReason[reason] == nil {
                    order.append(reason)
                    byReason[reason] = ReportNotChecked(reason: reason, rules: [], boots: [])
                }
                for rule in rules where !byReason[reason]!.rules.contains(rule) { byReason[reason]!.rules.append(rule) }
                if byReason[reason]!.boots.last != diagnosis.boot { byReason[reason]!.boots.append(diagnosis.boot) }
            }
        }
        return order.map { byReason[$0]! }
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

public struct ReportNotChecked: Sendable, Hashable, Codable {
    public var reason: String
    public var rules: [String]
    public var boots: [Int]
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
