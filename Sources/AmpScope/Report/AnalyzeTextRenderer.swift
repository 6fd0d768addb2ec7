/// `ampscope analyze` for people: per boot its findings, most severe first, each with what
/// happened, the lines that show it (console, line, time, text), the fix and where to read
/// more; then which rules fired in how many boots, and what could not be checked and why.
/// Plain text that fits a forum post; long evidence lines are cut to `width`.
public struct AnalyzeTextRenderer: Sendable {
    public var width: Int

    public init(width: Int = 100) {
        self.width = max(width, 40)
    }

    /// One boot's block: a header line, then its findings or "no findings".
    public func render(_ diagnosis: BootDiagnosis, of boot: BootTimeline, consoles: [TimelineConsole]) -> String {
        var parts = ["Boot \(boot.index)", TimelineSwimlaneRenderer.boundaryText(boot.boundary)]
        // Its start once, in capture time: the evidence's times below are on the same clock.
        if let start = boot.captureStart { parts.append("starts at \(TimelineTimeText.seconds(start))") }
        parts.append(boot.duration.map(TimelineTimeText.seconds) ?? "duration unknown")
        var title = "── " + parts.joined(separator: " · ") + " "
        if title.count < width { title += String(repeating: "─", count: width - title.count) }
        var lines = [title]
        if diagnosis.findings.isEmpty {
            lines.append("no findings")
        }
        for finding in diagnosis.findings {
            lines.append("")
            lines += render(finding)
        }
        return lines.map { $0 + "\n" }.joined()
    }

    func render(_ finding: Finding) -> [String] {
        var lines = ["\(finding.severity.rawValue.uppercased()) \(finding.rule): \(finding.title) (confidence \(finding.confidence.rawValue))"]
        lines += Self.wrapped(finding.message, indent: "  ", width: width)
        if !finding.evidence.isEmpty {
            lines.append("  evidence:")
            let consoleWidth = finding.evidence.map(\.console.count).max() ?? 0
            let places = finding.evidence.map { "line \($0.lineNumber)" }
            let placeWidth = places.map(\.count).max() ?? 0
            let times = finding.evidence.map { ($0.captureTime ?? $0.time).map(TimelineTimeText.seconds) ?? "no time" }
            let timeWidth = times.map(\.count).max() ?? 0
            for (index, line) in finding.evidence.enumerated() {
                let row = "    " + Self.padded(line.console, consoleWidth) + "  " + Self.padded(places[index], placeWidth) + "  "
                    + String(repeating: " ", count: timeWidth - times[index].count) + times[index] + "  " + line.text
                lines.append(Self.cut(row, width))
            }
        }
        for fact in finding.facts ?? [] { lines.append(Self.cut("  on the board: \(fact.name) = \(fact.value)", width)) }
        lines += Self.wrapped("fix: " + finding.fix, indent: "  ", width: width)
        for reference in finding.references { lines.append("  see: " + reference) }
        return lines
    }

    /// "Summary of N boots" with one line per rule that fired, then the not-checked reasons.
    public func renderSummary(_ summary: DiagnosisSummary, notChecked: NotCheckedSummary, warnings: [String]) -> String {
        var lines = ["", "Summary of \(summary.totalBoots) boot\(summary.totalBoots == 1 ? "" : "s")"]
        if summary.entries.isEmpty {
            lines.append("  no findings in any boot")
        }
        for entry in summary.entries {
            lines.append(Self.cut("  \(entry.severity.rawValue): \(entry)", width))
        }
        if !notChecked.entries.isEmpty {
            lines += ["", "Not checked"]
            for entry in notChecked.entries {
                let boots = entry.boots.count == summary.totalBoots ? "" : " (boot\(entry.boots.count == 1 ? "" : "s") \(Self.ranges(entry.boots)))"
                lines += Self.wrapped("\(entry.reason)\(boots): \(entry.rules.joined(separator: ", "))", indent: "  ", width: width)
            }
        }
        for warning in warnings { lines += Self.wrapped("warning: " + warning, indent: "", width: width) }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The last block: the verdict's headline, then each gap with how to close it.
    public func render(_ verdict: Verdict) -> String {
        var lines = [""]
        lines += Self.wrapped("Verdict: " + verdict.headline, indent: "", width: width)
        // An inconclusive headline already says the first gap.
        for gap in verdict.gaps.dropFirst(verdict.outcome == .inconclusive ? 1 : 0) {
            lines += Self.wrapped("could not check: \(gap.missing)", indent: "  ", width: width)
            lines += Self.wrapped("to check it: \(gap.remedy)", indent: "    ", width: width)
        }
        for caveat in verdict.caveats.dropFirst(verdict.outcome == .noProblemFound ? 1 : 0) {
            lines += Self.wrapped("left out: \(caveat)", indent: "  ", width: width)
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// "1–3, 7, 9–10".
    static func ranges(_ boots: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        while index < boots.count {
            var end = index
            while end + 1 < boots.count, boots[end + 1] == boots[end] + 1 { end += 1 }
            parts.append(end > index ? "\(boots[index])–\(boots[end])" : "\(boots[index])")
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }

    static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    static func cut(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    /// Words filled into lines of at most `width` (a word longer than a line gets its own line).
    static func wrapped(_ text: String, indent: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = indent
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.count > indent.count, current.count + 1 + word.count > width {
                lines.append(current)
                current = indent + "  "
            }
            current += (current.count > indent.count && !current.hasSuffix("  ") ? " " : "") + word
        }
        if current.count > indent.count { lines.append(current) }
        return lines
    }
}
