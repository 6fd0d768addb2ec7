/// What a finished capture did, for the closing summary.
public struct CaptureSummary: Sendable {
    public struct Console: Sendable {
        public var name: String
        public var port: String
        public var bytes: UInt64
        public var chunks: Int
        public var hangups: Int
        public var textLog: String
    }

    public var directory: String
    public var seconds: Double
    public var stopReason: String
    public var consoles: [Console]
    /// Every boot's diagnosis from the live findings (the same as `ampscope analyze` gives the
    /// session); nil when they were off or failed.
    public var findings: [BootDiagnosis]?
    /// Why live findings stopped, when they did.
    public var liveFindingsProblem: String?

    public var text: String {
        var lines = ["capture ended: \(stopReason) after \(String(format2(seconds))) s; session in \(directory)"]
        for console in consoles {
            var line = "  \(console.name) (\(console.port)): \(console.bytes) bytes in \(console.chunks) reads"
            if console.hangups > 0 { line += ", \(console.hangups) hangup(s)" }
            line += "; text log \(console.textLog)"
            lines.append(line)
        }
        if let findingsLine { lines.append("  \(findingsLine)") }
        // No findings is not yet an all-clear: a capture cut short, or one without what the rules
        // need, says so.
        if let findings, !findings.contains(where: { $0.findings.contains { $0.severity >= .warning } }) {
            var judge = VerdictJudge()
            for diagnosis in findings { judge.add(diagnosis) }
            lines.append("  verdict: \(judge.verdict(problems: "").headline)")
        }
        if let liveFindingsProblem { lines.append("  live findings stopped: \(liveFindingsProblem)") }
        if findings?.contains(where: { !$0.findings.isEmpty }) == true {
            lines.append("  next: ampscope analyze \(directory)    (evidence and fixes)")
            lines.append("        ampscope report \(directory) -o \(directory)-report    (for the forum thread)")
        } else {
            lines.append("  next: ampscope export \(directory) --console \(consoles.first?.name ?? "a7") --text")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "findings: 1 error, 1 warning — m4-halted-at-clock-gating (boot 1), ..."
    var findingsLine: String? {
        guard let findings else { return nil }
        let all = findings.flatMap(\.findings)
        let boots = findings.count == 1 ? "1 boot" : "\(findings.count) boots"
        guard !all.isEmpty else { return "findings: none in \(boots)" }
        let counts = FindingSeverity.allCases.reversed().compactMap { severity -> String? in
            let count = all.filter { $0.severity == severity }.count
            guard count > 0 else { return nil }
            return "\(count) \(severity.rawValue)\(count == 1 || severity == .info ? "" : "s")"
        }
        var rules: [String] = []
        for finding in all {
            let boots = all.filter { $0.rule == finding.rule }.map(\.boot)
            let named = "\(finding.rule) (boot\(boots.count == 1 ? "" : "s") \(AnalyzeTextRenderer.ranges(Array(Set(boots)).sorted())))"
            if !rules.contains(named) { rules.append(named) }
        }
        return "findings in \(boots): \(counts.joined(separator: ", ")) — \(rules.joined(separator: ", "))"
    }
}
