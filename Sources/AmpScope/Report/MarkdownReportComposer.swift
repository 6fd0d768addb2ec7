/// Writes one Markdown report at one level of detail, noting what that level left out.
struct MarkdownReportComposer {
    let document: ReportDocument
    let detail: MarkdownDetail
    let timelineWidth: Int
    let flavor: ReportFlavor
    let bundle: String?
    private var omitted: [String] = []
    private var links = 0
    private var linksAsCode = 0

    init(document: ReportDocument, detail: MarkdownDetail, timelineWidth: Int, flavor: ReportFlavor = .discourse, bundle: String? = nil) {
        self.document = document
        self.detail = detail
        self.timelineWidth = timelineWidth
        self.flavor = flavor
        self.bundle = bundle
    }

    /// A reference: a link while the flavor's budget lasts, then a code span (no forum turns code into a link).
    private mutating func reference(_ text: String) -> String {
        guard text.hasPrefix("http") else { return MarkdownText.escaped(text) }
        if let limit = flavor.linkLimit, links >= limit {
            linksAsCode += 1
            return MarkdownText.codeSpan(text)
        }
        links += 1
        return "<\(text)>"
    }

    func compose() -> String {
        var composer = self
        var sections = [composer.summary()]
        sections.append(composer.findings())
        sections.append(composer.boardFacts())
        sections.append(composer.timeline())
        sections.append(composer.excerpts())
        sections.append(composer.notChecked())
        sections.append(composer.footer())
        return sections.filter { !$0.isEmpty }.joined(separator: "\n\n") + "\n"
    }

    // MARK: sections

    private func summary() -> String {
        var lines = ["## ampscope report: \(MarkdownText.escaped(document.board ?? "board model not printed"))", ""]
        lines.append("| | |")
        lines.append("|---|---|")
        lines.append("| **Verdict** | \(MarkdownText.escaped(document.verdict)) |")
        for gap in document.verdictGaps {
            lines.append("| Could not check | \(MarkdownText.escaped(gap.missing)). To check it: \(MarkdownText.escaped(gap.remedy)). |")
        }
        for caveat in document.verdictCaveats { lines.append("| Left out | \(MarkdownText.escaped(caveat)). |") }
        lines.append("| Board | \(MarkdownText.escaped(document.board ?? "not known: neither U-Boot `Model:` nor the kernel's `Machine model:` was captured")) |")
        lines.append("| Tool | ampscope \(MarkdownText.escaped(document.toolVersion)) |")
        for console in document.consoles {
            lines.append("| Console `\(MarkdownText.escaped(console.name))` (\(ReportText.kindName(console.kind))) | \(MarkdownText.escaped(ReportText.consoleLine(console))) |")
        }
        var bootText = "\(document.boots.total)"
        if let first = document.timeline.boots.first {
            bootText += "; consoles aligned: \(MarkdownText.escaped(first.alignment.statement))"
        }
        lines.append("| Boots | \(bootText) |")
        return lines.joined(separator: "\n")
    }

    private mutating func findings() -> String {
        let groups = document.findingGroups
        guard !groups.isEmpty else { return "### Findings\n\nNo rule fired in any boot." }
        var parts = ["### Findings"]
        let shown = groups.prefix(detail.findingGroups)
        if shown.count < groups.count {
            let rest = groups.dropFirst(shown.count)
            omitted.append("\(rest.count) less severe findings (\(rest.map(\.entry.rule).joined(separator: ", ")))")
        }
        var cutEvidence = 0
        for group in shown {
            let finding = group.first
            let entry = group.entry
            var text = "#### \(ReportText.severityLabel(finding.severity)): \(MarkdownText.escaped(finding.title))\n"
            text += "`\(finding.rule)` · confidence \(finding.confidence.rawValue) · boot\(entry.boots.count == 1 ? "" : "s") "
            text += "\(ReportText.numberList(entry.boots)) (\(entry.boots.count) of \(entry.totalBoots))\n\n"
            text += MarkdownText.escaped(finding.message)
            if detail.evidenceLines > 0, !finding.evidence.isEmpty {
                let evidence = finding.evidence.prefix(detail.evidenceLines)
                cutEvidence += finding.evidence.count - evidence.count
                let nameWidth = evidence.map(\.console.count).max() ?? 2
                let rows = evidence.map { line in
                    let name = line.console.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                    return "\(name) line \(line.lineNumber) at \(ReportText.time(line)) (\(line.role)): \(line.text)"
                }
                let clock = evidence.contains { $0.captureTime != nil } ? "; times since the capture started" : ""
                text += "\n\nEvidence (boot \(finding.boot)\(ReportText.bootStart(finding.boot, in: document))\(clock)):\n" + MarkdownText.codeBlock(rows)
            }
            if detail.findingLines {
                let rows = document.findingLineRows(finding.rule)
                if !rows.isEmpty {
                    let nameWidth = rows.map(\.console.count).max() ?? 2
                    let numberWidth = rows.compactMap(\.number).map { String($0).count }.max() ?? 1
                    let block = rows.map { row -> String in
                        let name = row.console.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                        guard let number = row.number else { return "\(name)   ⋮" }
                        let digits = String(number)
                        return "\(name) \(row.evidence ? ">" : " ") \(String(repeating: " ", count: numberWidth - digits.count))\(digits) | \(row.text)"
                    }
                    text += "\n\nThe lines around it on every console (`>`: evidence):\n" + MarkdownText.codeBlock(block)
                }
            }
            if let facts = finding.facts {
                text += "\n\nOn the board (probe): " + facts.map { "`\($0.name)` = " + MarkdownText.escaped($0.value) }.joined(separator: "; ")
            }
            if !finding.fix.isEmpty { text += "\n\n**What to do:** " + MarkdownText.escaped(finding.fix) }
            if !finding.references.isEmpty {
                text += "\n\nReferences: " + finding.references.map { reference($0) }.joined(separator: " · ")
            }
            parts.append(text)
        }
        if cutEvidence > 0 { omitted.append("\(cutEvidence) evidence lines beyond the first \(detail.evidenceLines) of each finding") }
        if detail.evidenceLines == 0 { omitted.append("the evidence lines of every finding") }
        if !detail.findingLines, document.findingLines?.isEmpty == false { omitted.append("the lines around each finding's evidence") }
        return parts.joined(separator: "\n\n")
    }

    private mutating func boardFacts() -> String {
        if !detail.probeCommands, !ReportBoardFacts.entries(document).isEmpty { omitted.append("the probe's commands as typed") }
        return ReportBoardFacts.markdown(document, showCommands: detail.probeCommands)
    }

    private mutating func timeline() -> String {
        let boots = timelineBoots()
        if boots.count < document.boots.total {
            let count = document.boots.total - boots.count
            if boots.isEmpty { omitted.append("the timeline drawing") } else if count > 0 { omitted.append("the timeline of \(count) other boot\(count == 1 ? "" : "s")") }
        }
        guard !boots.isEmpty else { return "" }
        var renderer = TimelineSwimlaneRenderer(width: timelineWidth, useColor: false)
        renderer.clipsText = false
        renderer.captureTimes = true
        var parts = ["### Timeline"]
        for boot in boots {
            let drawing = renderer.render(boot, bootCount: document.boots.total, consoles: document.timeline.consoles)
            parts.append(MarkdownText.codeBlock(drawing.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)))
        }
        return parts.joined(separator: "\n\n")
    }

    /// The first boot with the most severe finding, then other boots with findings, then boot 1.
    private func timelineBoots() -> [BootTimeline] {
        guard detail.timelineBoots > 0 else { return [] }
        var indices: [Int] = []
        for entry in document.summary.entries { if let boot = entry.bootNumbers.first, !indices.contains(boot) { indices.append(boot) } }
        if indices.isEmpty, let first = document.timeline.boots.first { indices.append(first.index) }
        return indices.prefix(detail.timelineBoots).compactMap { index in document.timeline.boots.first { $0.index == index } }
    }

    private mutating func excerpts() -> String {
        let all = document.excerpts
        guard !all.isEmpty else { return "" }
        let shown = all.prefix(detail.excerpts)
        if shown.count < all.count { omitted.append("\(all.count - shown.count) of \(all.count) console excerpts") }
        guard !shown.isEmpty else { return "" }
        var parts = ["### Console excerpts around the findings"]
        var trimmed = false
        for excerpt in shown {
            let lines = excerpt.lines.filter { line in
                excerpt.evidenceLines.contains { abs($0 - line.number) <= detail.contextLines }
            }
            if lines.count < excerpt.lines.count { trimmed = true }
            let width = String(lines.last?.number ?? 0).count
            let rows = lines.map { line -> String in
                let marker = excerpt.evidenceLines.contains(line.number) ? ">" : " "
                let number = String(line.number)
                return "\(marker) \(String(repeating: " ", count: max(0, width - number.count)))\(number) | \(line.text)"
            }
            let range = lines.isEmpty ? "\(excerpt.first)–\(excerpt.last)" : "\(lines.first!.number)–\(lines.last!.number)"
            let summary = "\(excerpt.consoleName) lines \(range) (\(excerpt.findings.joined(separator: ", ")))"
            parts.append(MarkdownText.details(summary: summary, body: MarkdownText.codeBlock(rows)))
        }
        if trimmed { omitted.append("excerpt context beyond \(detail.contextLines) lines either side of the evidence") }
        return parts.joined(separator: "\n\n")
    }

    private func notChecked() -> String {
        let items = document.notChecked.entries
        guard !items.isEmpty else { return "### Not checked\n\nEvery rule could be evaluated on every boot." }
        var lines = ["### Not checked", "", "These rules could not be evaluated, so their problems are neither confirmed nor ruled out:", ""]
        for item in items {
            let boots = item.bootNumbers.count == document.boots.total ? "all boots" : "boot\(item.bootNumbers.count == 1 ? "" : "s") \(ReportText.numberList(item.boots, limit: 10))"
            let rules = detail.notCheckedRules ? ": " + item.rules.map { "`\($0)`" }.joined(separator: ", ") : " (\(item.rules.count) rules)"
            lines.append("- \(MarkdownText.escaped(item.reason)) (\(boots))\(rules)")
        }
        return lines.joined(separator: "\n")
    }

    private func footer() -> String {
        var lines = ["---"]
        if !omitted.isEmpty {
            lines.append("**Left out to fit one forum post** (\(MarkdownReportRenderer.forumPostLimit) characters): " + omitted.joined(separator: "; ")
                + ". report.html and report.json hold everything.")
        }
        if linksAsCode > 0, let limit = flavor.linkLimit {
            lines.append("**Links:** \(linksAsCode) reference\(linksAsCode == 1 ? " is" : "s are") written as code, not as links: a new "
                + "Discourse user (trust level 0) may put at most \(limit) links in a post and attach no files "
                + "(`ampscope report --flavor github` keeps every link).")
        }
        lines.append(flavor.sharingAdvice(bundle: bundle))
        lines.append(MarkdownText.escaped(document.redaction.sentence))
        lines.append("<sub>Written by ampscope \(MarkdownText.escaped(document.toolVersion)).</sub>")
        return lines.joined(separator: "\n\n")
    }
}
