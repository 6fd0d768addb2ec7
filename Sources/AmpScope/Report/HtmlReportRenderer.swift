/// `report.html`: one self-contained page (inline CSS and SVG; no script, no network): the
/// summary, a swimlane timeline per boot with findings, the findings linked to their lines in
/// the excerpts, the excerpts with evidence highlighted, and what could not be checked.
public struct HtmlReportRenderer: Sendable {
    /// Boots drawn: those with findings first; past this many the rest are listed, not drawn.
    public var maximumTimelines: Int

    public init(maximumTimelines: Int = 10) {
        self.maximumTimelines = maximumTimelines
    }

    public func render(_ document: ReportDocument) -> String {
        var html = ["<!DOCTYPE html>", #"<html lang="en"><head><meta charset="utf-8">"#,
                    #"<meta name="viewport" content="width=device-width, initial-scale=1">"#,
                    "<title>ampscope report: \(e(document.board ?? "board"))</title>",
                    "<style>\n\(HtmlReportStyle.css)\n</style></head><body><main>"]
        html.append(#"<header class="top"><h1>\#(e(document.board ?? "Board model not printed"))</h1><span class="tool">ampscope \#(e(document.toolVersion)) report</span></header>"#)
        html.append(summary(document))
        html.append(findings(document))
        html.append(ReportBoardFacts.html(document))
        html.append(timelines(document))
        html.append(excerpts(document))
        html.append(notChecked(document))
        html.append("<footer>\(e(document.redaction.sentence)) Written by ampscope \(e(document.toolVersion)); schema \(e(document.schema)) in report.json.</footer>")
        html.append("</main></body></html>")
        return html.joined(separator: "\n") + "\n"
    }

    private func e(_ text: String) -> String { HTMLText.escaped(text) }

    private func summary(_ document: ReportDocument) -> String {
        let worst = document.summary.entries.first?.severity
        let verdictClass: String
        switch document.verdictOutcome {
        case .problemsFound: verdictClass = worst.map(\.rawValue) ?? "error"
        case .inconclusive: verdictClass = "inconclusive"
        case .noProblemFound: verdictClass = "ok"
        }
        var rows = [#"<div class="verdict \#(verdictClass)" data-outcome="\#(document.verdictOutcome.rawValue)">\#(e(document.verdict))</div>"#]
        if !document.verdictGaps.isEmpty || !document.verdictCaveats.isEmpty {
            rows.append(#"<ul class="gaps">"#)
            for gap in document.verdictGaps { rows.append("<li>Could not check: \(e(gap.missing)). To check it: \(e(gap.remedy)).</li>") }
            for caveat in document.verdictCaveats { rows.append("<li>Left out: \(e(caveat)).</li>") }
            rows.append("</ul>")
        }
        rows.append(#"<table class="facts">"#)
        rows.append("<tr><th>Board</th><td>\(e(document.board ?? "not known: neither U-Boot's Model: nor the kernel's Machine model: was captured"))</td></tr>")
        for console in document.consoles {
            rows.append("<tr><th>Console <code>\(e(console.name))</code> (\(e(ReportText.kindName(console.kind))))</th><td>\(e(ReportText.consoleLine(console)))</td></tr>")
        }
        rows.append("<tr><th>Boots</th><td>\(document.boots.total)</td></tr>")
        if let first = document.timeline.boots.first {
            rows.append("<tr><th>Alignment</th><td>\(e(first.alignment.statement))</td></tr>")
        }
        for warning in document.timeline.warnings { rows.append("<tr><th>Warning</th><td>\(e(warning))</td></tr>") }
        rows.append("</table>")
        return rows.joined(separator: "\n")
    }

    private func findings(_ document: ReportDocument) -> String {
        let groups = document.findingGroups
        guard !groups.isEmpty else { return "<h2>Findings</h2><p>No rule fired in any boot.</p>" }
        let excerpted = Set(document.excerpts.flatMap { excerpt in excerpt.lines.map { ReportExcerpt.anchor(console: excerpt.consoleName, line: $0.number) } })
        var parts = ["<h2>Findings</h2>"]
        for group in groups {
            let finding = group.first
            let severity = finding.severity.rawValue
            var card = [#"<section class="finding \#(severity)" id="finding-\#(e(finding.rule))">"#]
            card.append(#"<h3><span class="badge \#(severity)">\#(e(ReportText.severityLabel(finding.severity)))</span>\#(e(finding.title))</h3>"#)
            card.append(#"<div class="meta"><code>\#(e(finding.rule))</code> · confidence \#(e(finding.confidence.rawValue)) · boots \#(e(ReportText.numberList(group.entry.boots))) (\#(group.entry.boots.count) of \#(group.entry.totalBoots))\#(e(ReportText.bootStart(finding.boot, in: document).replacingOccurrences(of: ", which", with: " · boot \(finding.boot)")))</div>"#)
            card.append("<p>\(e(finding.message))</p>")
            if !finding.evidence.isEmpty {
                card.append(#"<table class="evidence">"#)
                for line in finding.evidence {
                    let anchor = ReportExcerpt.anchor(console: line.console, line: line.lineNumber)
                    let place = "\(line.console) line \(line.lineNumber) · \(ReportText.time(line)) · \(line.role)"
                    let linked = excerpted.contains(anchor) ? "<a href=\"#\(anchor)\">\(e(place))</a>" : e(place)
                    card.append(#"<tr><td class="where">\#(linked)</td><td>\#(e(line.text))</td></tr>"#)
                }
                card.append("</table>")
            }
            let rows = document.findingLineRows(finding.rule)
            if !rows.isEmpty {
                card.append(#"<div class="meta">The lines around it on every console (highlighted: evidence):</div>"#)
                let spans = rows.map { row -> String in
                    let place = row.number.map { "\(row.console) \($0)" } ?? row.console
                    return #"<span class="l\#(row.evidence ? " hit" : "")"><span class="n">\#(e(place))</span>\#(e(row.text))</span>"#
                }
                card.append(#"<pre class="log around">"# + spans.joined() + "</pre>")
            }
            if let facts = finding.facts {
                let text = facts.map { "<code>\(e($0.name))</code> = \(e($0.value))" }.joined(separator: "; ")
                card.append(##"<div class="meta">On the board (probe, <a href="#board-facts">facts</a>): \##(text)</div>"##)
            }
            if !finding.fix.isEmpty { card.append(#"<div class="fix"><strong>What to do:</strong> \#(e(finding.fix))</div>"#) }
            if !finding.references.isEmpty {
                let links = finding.references.map { $0.hasPrefix("http") ? #"<a href="\#(e($0))">\#(e($0))</a>"# : e($0) }
                card.append(#"<div class="meta">References: \#(links.joined(separator: " · "))</div>"#)
            }
            card.append("</section>")
            parts.append(card.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n")
    }

    private func timelines(_ document: ReportDocument) -> String {
        let boots = document.timeline.boots
        guard !boots.isEmpty else { return "<h2>Timeline</h2><p>No boot found in the input.</p>" }
        // The first boot of each rule, most severe first, then the other boots kept in full.
        var order = document.summary.entries.compactMap(\.bootNumbers.first)
        order += boots.map(\.index)
        var seen = Set<Int>()
        let drawn = order.filter { seen.insert($0).inserted }.prefix(maximumTimelines).sorted()
        var parts = ["<h2>Timeline</h2>"]
        for index in drawn {
            guard let boot = boots.first(where: { $0.index == index }) else { continue }
            let findings = document.diagnoses.first { $0.boot == index }?.findings ?? []
            parts.append("<h3>Boot \(index) of \(document.boots.total)</h3>")
            parts.append(SVGTimelineDrawing(boot: boot, consoles: document.timeline.consoles, findings: findings).render())
            let duration = boot.duration.map { "; lasted \(TimelineTimeText.duration($0))" } ?? ""
            parts.append(#"<p class="caption">\#(e(boot.alignment.statement))\#(e(duration)). Red: lines that findings rest on; dot: a console's last line.</p>"#)
        }
        if drawn.count < document.boots.total {
            let rest = document.boots.total - drawn.count
            parts.append(#"<p class="caption">\#(rest) more boot\#(rest == 1 ? " is" : "s are") not drawn here: each boot with a finding is in report.json, with its findings.</p>"#)
        }
        return parts.joined(separator: "\n")
    }

    private func excerpts(_ document: ReportDocument) -> String {
        guard !document.excerpts.isEmpty else { return "" }
        var parts = ["<h2>Console excerpts</h2>"]
        for excerpt in document.excerpts {
            var block = [#"<div class="excerpt"><h3>\#(e(excerpt.consoleName)), lines \#(excerpt.lines.first?.number ?? excerpt.first)–\#(excerpt.lines.last?.number ?? excerpt.last) <span class="meta">(\#(e(excerpt.findings.joined(separator: ", "))))</span></h3><pre class="log">"#]
            for line in excerpt.lines {
                let hit = excerpt.evidenceLines.contains(line.number)
                let anchor = ReportExcerpt.anchor(console: excerpt.consoleName, line: line.number)
                block.append(#"<span class="l\#(hit ? " hit" : "")" id="\#(e(anchor))"><span class="n">\#(line.number)</span>\#(e(line.text))</span>"#)
            }
            block.append("</pre></div>")
            parts.append(block.joined())
        }
        return parts.joined(separator: "\n")
    }

    private func notChecked(_ document: ReportDocument) -> String {
        let items = document.notChecked.entries
        guard !items.isEmpty else { return "<h2>Not checked</h2><p>Every rule could be evaluated on every boot.</p>" }
        var parts = ["<h2>Not checked</h2>", "<p>These rules could not be evaluated, so their problems are neither confirmed nor ruled out:</p>", #"<ul class="notchecked">"#]
        for item in items {
            let boots = item.bootNumbers.count == document.boots.total ? "all boots" : "boots " + ReportText.numberList(item.boots, limit: 10)
            parts.append("<li>\(e(item.reason)) (\(e(boots))): \(item.rules.map { "<code>\(e($0))</code>" }.joined(separator: ", "))</li>")
        }
        parts.append("</ul>")
        return parts.joined(separator: "\n")
    }
}
