/// The output of `ampscope analyze`, fed one diagnosed boot at a time: text (each boot's block
/// at once, then the summary), JSON (`AnalyzeJSONWriter`), JUnit XML (`AnalyzeJUnitWriter`) or
/// TAP (`AnalyzeTAPWriter`). Keeps only the summaries, never a boot or its findings, and the
/// verdict's counts (for the exit status). Quiet text is the verdict's line alone, and nothing
/// when no problem was found.
public struct AnalysisResultWriter {
    public enum Format: String, Sendable, CaseIterable {
        case text, json, junit, tap
    }

    private let format: Format
    private let output: (String) throws -> Void
    private let text: AnalyzeTextRenderer
    private var json: AnalyzeJSONWriter
    private var junit: AnalyzeJUnitWriter
    private var tap: AnalyzeTAPWriter
    private let quiet: Bool
    private var summary = DiagnosisSummary()
    private var notChecked = NotCheckedSummary()
    public private(set) var worst: FindingSeverity?
    private var judge = VerdictJudge()
    /// Set by `finish`: problems found, no problem found or inconclusive, and why.
    public private(set) var verdict: Verdict?
    public private(set) var consoles: [TimelineConsole] = []

    /// `ruleIDs`: every rule of the catalogue, in order (JUnit lists the rules that passed too).
    public init(format: Format, width: Int = 100, ruleIDs: [String] = [], quiet: Bool = false, output: @escaping (String) throws -> Void) {
        self.format = format
        self.quiet = quiet
        self.output = output
        text = AnalyzeTextRenderer(width: width)
        json = AnalyzeJSONWriter(output: output)
        junit = AnalyzeJUnitWriter(ruleIDs: ruleIDs, output: output)
        tap = AnalyzeTAPWriter(ruleIDs: ruleIDs, output: output)
    }

    /// Writes the part of `boot`, diagnosed as `diagnosis` (consoles as known when it ended).
    public mutating func add(_ boot: BootTimeline, diagnosis: BootDiagnosis, consoles: [TimelineConsole]) throws {
        self.consoles = consoles
        summary.add(diagnosis)
        notChecked.add(diagnosis)
        judge.add(diagnosis)
        for finding in diagnosis.findings { worst = max(worst ?? finding.severity, finding.severity) }
        switch format {
        case .text: if !quiet { try output((summary.totalBoots > 1 ? "\n" : "") + text.render(diagnosis, of: boot, consoles: consoles)) }
        case .json: try json.write(diagnosis, of: boot, consoles: consoles)
        case .junit: try junit.write(diagnosis)
        case .tap: try tap.write(diagnosis)
        }
    }

    /// The summary across boots and what was not checked; `consoles` as the input ended.
    public mutating func finish(consoles: [TimelineConsole], warnings: [String]) throws {
        let verdict = judge.verdict(problems: ReportVerdict.sentence(summary: summary, uncheckedRules: 0))
        self.verdict = verdict
        switch format {
        case .text where quiet:
            if verdict.outcome != .noProblemFound { try output(verdict.headline + "\n") }
        case .text:
            if summary.totalBoots == 0 { try output("no boot found in the input: no console printed a line\n") }
            try output(text.renderSummary(summary, notChecked: notChecked, warnings: warnings))
            try output(text.render(verdict))
        case .json:
            try json.finish(summary: summary, notChecked: notChecked, consoles: consoles, warnings: warnings, verdict: verdict)
        case .junit:
            try junit.finish(verdict: verdict)
        case .tap:
            try tap.finish(outcome: verdict.outcome, headline: verdict.headline)
        }
    }
}
