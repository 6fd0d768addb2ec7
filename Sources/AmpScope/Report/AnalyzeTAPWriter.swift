/// `analyze --format tap`: TAP version 14, one test point per rule per boot (`boot 2: RULE`),
/// as `prove`-style harnesses and CI plugins read it. A finding of severity error or warning is
/// `not ok` with a YAML block (severity, message, evidence, fix); a rule that could not be
/// checked is `ok … # SKIP` with the reason; a note passes with its message in YAML. A last
/// point holds the verdict, `not ok` when problems were found or the input was inconclusive.
/// The plan comes last (allowed by TAP), as the number of boots is known only at the end.
struct AnalyzeTAPWriter {
    private let output: (String) throws -> Void
    private let ruleIDs: [String]
    private var started = false
    private var points = 0

    init(ruleIDs: [String], output: @escaping (String) throws -> Void) {
        self.ruleIDs = ruleIDs
        self.output = output
    }

    mutating func write(_ diagnosis: BootDiagnosis, prefix: String = "") throws {
        try startIfNeeded()
        try output(Self.points(diagnosis, ruleIDs: ruleIDs, prefix: prefix, numbered: &points))
    }

    /// A point of its own that failed: an input of several that could not be read.
    mutating func writeFailure(_ description: String, reason: String) throws {
        try startIfNeeded()
        points += 1
        try output("not ok \(points) - \(Self.description(description))\n" + Self.yaml([("error", reason)]))
    }

    mutating func finish(outcome: VerdictOutcome, headline: String) throws {
        try startIfNeeded()
        points += 1
        let ok = outcome == .noProblemFound
        try output("\(ok ? "ok" : "not ok") \(points) - verdict: \(Self.description(outcome.rawValue))\n"
            + Self.yaml([("outcome", outcome.rawValue), ("headline", headline)]) + "1..\(points)\n")
    }

    private mutating func startIfNeeded() throws {
        guard !started else { return }
        started = true
        try output("TAP version 14\n")
    }

    static func points(_ diagnosis: BootDiagnosis, ruleIDs: [String], prefix: String, numbered points: inout Int) -> String {
        let findings = Dictionary(grouping: diagnosis.findings, by: \.rule)
        let skipped = Dictionary(diagnosis.notChecked.map { ($0.rule, $0.reason) }, uniquingKeysWith: { first, _ in first })
        var ids = ruleIDs
        for rule in findings.keys.sorted() where !ids.contains(rule) { ids.append(rule) }
        var text = ""
        for rule in ids {
            points += 1
            let name = description(prefix + "boot \(diagnosis.boot): " + rule)
            if let found = findings[rule] {
                let failed = found.contains { $0.severity != .info }
                text += "\(failed ? "not ok" : "ok") \(points) - \(name)\n" + yaml(found.flatMap(fields))
            } else if let reason = skipped[rule] {
                text += "ok \(points) - \(name) # SKIP not checked: \(directive(reason))\n"
            } else {
                text += "ok \(points) - \(name)\n"
            }
        }
        return text
    }

    private static func fields(_ finding: Finding) -> [(String, String)] {
        var fields = [("severity", finding.severity.rawValue), ("title", finding.title), ("message", finding.message)]
        for evidence in finding.evidence {
            fields.append(("evidence", "\(evidence.console) line \(evidence.lineNumber): \(evidence.text)"))
        }
        fields.append(("fix", finding.fix))
        return fields
    }

    /// A YAML block of the point above: keys in order, a repeated key (several findings) and
    /// `evidence` always become a list, every value a double-quoted scalar.
    static func yaml(_ fields: [(String, String)]) -> String {
        var keys: [String] = []
        var values: [String: [String]] = [:]
        for (key, value) in fields {
            if values[key] == nil { keys.append(key) }
            values[key, default: []].append(value)
        }
        var text = "  ---\n"
        for key in keys {
            let list = values[key]!
            if list.count == 1 && key != "evidence" {
                text += "  \(key): \(quoted(list[0]))\n"
            } else {
                text += "  \(key):\n" + list.map { "    - \(quoted($0))\n" }.joined()
            }
        }
        return text + "  ...\n"
    }

    /// A YAML double-quoted scalar: characters YAML may not carry raw (controls, C1, surrogates'
    /// neighbours U+FFFE/U+FFFF) escaped, so any console text parses.
    static func quoted(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": quoted += "\\\\"
            case "\"": quoted += "\\\""
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF {
                    quoted += "\\x" + (value < 0x10 ? "0" : "") + String(value, radix: 16, uppercase: true)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }

    /// A test point's description: one line, `#` and `\` escaped as TAP 14 asks.
    static func description(_ text: String) -> String {
        directive(text).replacingOccurrences(of: "#", with: "\\#")
    }

    /// Text after a directive: one line, backslashes escaped.
    private static func directive(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }
}
