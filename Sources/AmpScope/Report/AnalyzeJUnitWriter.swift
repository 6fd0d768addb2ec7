/// `analyze --format junit`: one test suite per boot and one test case per rule, as GitLab and
/// Jenkins read JUnit XML. A finding of severity error or warning is a failure carrying its
/// evidence and fix; a rule that could not be checked is skipped with the reason; an info
/// finding passes with its note in system-out; every other rule passes. A last suite holds the
/// verdict, an error when the input was inconclusive. Streams: nothing of a boot is kept.
struct AnalyzeJUnitWriter {
    private let output: (String) throws -> Void
    private let ruleIDs: [String]
    private var started = false

    init(ruleIDs: [String], output: @escaping (String) throws -> Void) {
        self.ruleIDs = ruleIDs
        self.output = output
    }

    mutating func write(_ diagnosis: BootDiagnosis) throws {
        try startIfNeeded()
        try output(Self.suite(diagnosis, ruleIDs: ruleIDs, name: "boot \(diagnosis.boot)", classname: "ampscope.boot\(diagnosis.boot)"))
    }

    /// One boot's suite; `analyze DIR...` names it after its session and board.
    static func suite(_ diagnosis: BootDiagnosis, ruleIDs: [String], name: String, classname: String) -> String {
        let findings = Dictionary(grouping: diagnosis.findings, by: \.rule)
        let skipped = Dictionary(diagnosis.notChecked.map { ($0.rule, $0.reason) }, uniquingKeysWith: { first, _ in first })
        let failing = findings.values.filter { $0.contains { $0.severity != .info } }.count
        var ids = ruleIDs
        for rule in findings.keys.sorted() where !ids.contains(rule) { ids.append(rule) }
        var text = "  <testsuite name=\"\(escape(name))\" tests=\"\(ids.count)\" failures=\"\(failing)\" errors=\"0\""
            + " skipped=\"\(ids.filter { findings[$0] == nil && skipped[$0] != nil }.count)\">\n"
        for rule in ids {
            let head = "    <testcase classname=\"\(escape(classname))\" name=\"\(escape(rule))\""
            if let found = findings[rule] {
                let body = found.map(describe).joined(separator: "\n\n")
                if found.contains(where: { $0.severity != .info }) {
                    let worst = found.map(\.severity).max()!
                    text += head + ">\n      <failure type=\"\(worst.rawValue)\" message=\"\(escape(found[0].title))\">"
                        + escape(body) + "</failure>\n    </testcase>\n"
                } else {
                    text += head + ">\n      <system-out>" + escape(body) + "</system-out>\n    </testcase>\n"
                }
            } else if let reason = skipped[rule] {
                text += head + ">\n      <skipped message=\"\(escape("not checked: " + reason))\"/>\n    </testcase>\n"
            } else {
                text += head + "/>\n"
            }
        }
        return text + "  </testsuite>\n"
    }

    mutating func finish(verdict: Verdict) throws {
        try startIfNeeded()
        try output(Self.verdictSuite(outcome: verdict.outcome, headline: verdict.headline) + Self.footer)
    }

    /// A suite whose one case errs: an input of several that could not be read.
    static func failureSuite(name: String, reason: String) -> String {
        "  <testsuite name=\"\(escape(name))\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
            + "    <testcase classname=\"ampscope\" name=\"read\">\n      <error type=\"unreadable\" message=\"\(escape(reason))\"/>\n"
            + "    </testcase>\n  </testsuite>\n"
    }

    static func verdictSuite(outcome: VerdictOutcome, headline: String) -> String {
        let sentence = escape(headline)
        var text = "  <testsuite name=\"verdict\" tests=\"1\" failures=\"\(outcome == .problemsFound ? 1 : 0)\""
            + " errors=\"\(outcome == .inconclusive ? 1 : 0)\" skipped=\"0\">\n"
            + "    <testcase classname=\"ampscope\" name=\"verdict\""
        switch outcome {
        case .problemsFound: text += ">\n      <failure type=\"problems-found\" message=\"\(sentence)\"/>\n    </testcase>\n"
        case .inconclusive: text += ">\n      <error type=\"inconclusive\" message=\"\(sentence)\"/>\n    </testcase>\n"
        case .noProblemFound: text += "/>\n"
        }
        return text + "  </testsuite>\n"
    }

    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"ampscope analyze\">\n"
    static let footer = "</testsuites>\n"

    private mutating func startIfNeeded() throws {
        guard !started else { return }
        started = true
        try output(Self.header)
    }

    /// The finding as a CI log shows it: the message, each evidence line, the fix.
    private static func describe(_ finding: Finding) -> String {
        var lines = ["\(finding.severity.rawValue.uppercased()) \(finding.rule): \(finding.title)", finding.message]
        for evidence in finding.evidence {
            lines.append("  \(evidence.console) line \(evidence.lineNumber): \(evidence.text)")
        }
        lines.append("fix: \(finding.fix)")
        return lines.joined(separator: "\n")
    }

    /// XML 1.0 text: the five markup characters as entities; control characters XML cannot
    /// carry at all (a garbled console has them) written out as `\xNN`.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) {
                    escaped += "\\x" + String(scalar.value, radix: 16, uppercase: true)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }
}
