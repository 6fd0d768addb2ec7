/// Which lines a report excerpts: the context around every evidence line of the findings, the
/// first boots of each rule first, overlapping ranges on one console merged, at most `limit` ranges.
struct ReportExcerptPlan {
    struct Planned {
        var range: ExcerptRange
        var consoleName: String
        var evidenceLines: [Int]
        var findings: [String]
    }

    private(set) var ranges: [Planned] = []

    /// `queue`: the findings to excerpt, in order of importance (`ReportCollector.excerptQueue`).
    init(findings queue: [Finding], consoles: [TimelineConsole], contextLines: Int, limit: Int) {
        let names = Dictionary(consoles.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        for finding in queue {
            for evidence in finding.evidence {
                let wanted = ExcerptRange(console: evidence.consoleID, around: evidence.lineNumber, context: contextLines)
                if let index = ranges.firstIndex(where: { $0.range.console == wanted.console && $0.range.first <= wanted.last + 1 && wanted.first <= $0.range.last + 1 }) {
                    ranges[index].range.first = min(ranges[index].range.first, wanted.first)
                    ranges[index].range.last = max(ranges[index].range.last, wanted.last)
                    if !ranges[index].evidenceLines.contains(evidence.lineNumber) { ranges[index].evidenceLines.append(evidence.lineNumber) }
                    if !ranges[index].findings.contains(finding.rule) { ranges[index].findings.append(finding.rule) }
                } else if ranges.count < limit {
                    ranges.append(Planned(
                        range: wanted, consoleName: names[evidence.consoleID] ?? evidence.console, evidenceLines: [evidence.lineNumber],
                        findings: [finding.rule]))
                }
            }
        }
        for index in ranges.indices { ranges[index].evidenceLines.sort() }
        ranges.sort { ($0.range.console, $0.range.first) < ($1.range.console, $1.range.first) }
    }
}
