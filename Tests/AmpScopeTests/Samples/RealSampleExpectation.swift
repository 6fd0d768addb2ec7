import Foundation

/// A real sample's expected.yaml (samples/real/README.md): the findings labelled by hand from the
/// log text, and the known gaps where ampscope today disagrees with the label. The test target has
/// no YAML library, so the files use a fixed subset read line by line:
///
///     findings:
///       - rule: mailbox-kick-failed
///         severity: error
///         comment: "what in the log shows it"
///         evidence:
///           - "[ 5.007869] imx-rproc imx8mm-cm4: imx_rproc_kick: failed (0, err:-62)"
///     known-gaps:
///       - rule: remoteproc-firmware-missing
///         issue: 15
///         kind: false-alarm
///         why: "..."
///
/// `findings: []` for a healthy log. Strings are double-quoted with \" and \\ escapes. Where the right
/// answer is the verdict itself (a log that cannot show whether the boot went well), two more top-level keys
/// say it: `verdict: inconclusive` (or problems-found, no-problem-found) and `verdict-says: "..."`, a part
/// of the verdict's headline that names why.
struct RealSampleExpectation: Equatable {
    struct Label: Equatable {
        var rule = ""
        var severity = ""
        var comment = ""
        var evidence: [String] = []
    }

    /// How ampscope disagrees with the labels today.
    enum GapKind: String, Equatable {
        /// A labelled finding ampscope does not raise.
        case missed
        /// A finding at warning or above ampscope raises though the log does not show it.
        case falseAlarm = "false-alarm"
        /// A failure the log shows that no rule of the catalogue covers (`rule: none`, `line` cites it).
        case noRule = "no-rule"
    }

    struct Gap: Equatable {
        var rule = ""
        var issue = 0
        var kind = GapKind.missed
        var line = ""
        var why = ""
    }

    var findings: [Label] = []
    var gaps: [Gap] = []
    /// The verdict's outcome as analyze's JSON gives it, when the label fixes it.
    var verdict: String?
    /// Text the verdict's headline must contain.
    var verdictSays: String?

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    static func load(_ path: String) throws -> RealSampleExpectation {
        try parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
    }

    static func parse(_ text: String, file: String = "<expected>") throws -> RealSampleExpectation {
        var result = RealSampleExpectation()
        var section = ""
        var inEvidence = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            func fail(_ why: String) -> FormatError { FormatError(description: "\(file):\(index + 1): \(why): \(raw)") }
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if !raw.hasPrefix(" ") {
                let (key, value) = try keyValue(line, fail)
                if key == "verdict" {
                    guard ["problems-found", "no-problem-found", "inconclusive"].contains(value) else {
                        throw fail("verdict is problems-found, no-problem-found or inconclusive")
                    }
                    result.verdict = value
                    section = ""
                    continue
                }
                if key == "verdict-says" {
                    result.verdictSays = try quoted(value, fail)
                    section = ""
                    continue
                }
                guard key == "findings" || key == "known-gaps" else { throw fail("unknown key \(key)") }
                guard value.isEmpty || value == "[]" else { throw fail("\(key) is a list") }
                section = key
                continue
            }
            if line.hasPrefix("- rule:") {
                inEvidence = false
                switch section {
                case "findings": result.findings.append(Label())
                case "known-gaps": result.gaps.append(Gap())
                default: throw fail("a list item outside findings or known-gaps")
                }
            }
            if section == "findings" {
                guard !result.findings.isEmpty else { throw fail("a finding starts with '- rule:'") }
                let last = result.findings.count - 1
                if inEvidence, line.hasPrefix("- ") {
                    result.findings[last].evidence.append(try quoted(String(line.dropFirst(2)), fail))
                    continue
                }
                let (key, value) = try keyValue(line.hasPrefix("- ") ? String(line.dropFirst(2)) : line, fail)
                switch key {
                case "rule": result.findings[last].rule = value
                case "severity": result.findings[last].severity = value
                case "comment": result.findings[last].comment = try quoted(value, fail)
                case "evidence": inEvidence = true
                default: throw fail("unknown finding key \(key)")
                }
            } else if section == "known-gaps" {
                guard !result.gaps.isEmpty else { throw fail("a gap starts with '- rule:'") }
                let last = result.gaps.count - 1
                let (key, value) = try keyValue(line.hasPrefix("- ") ? String(line.dropFirst(2)) : line, fail)
                switch key {
                case "rule": result.gaps[last].rule = value
                case "issue":
                    guard let issue = Int(value), issue == 15 || issue == 16 else { throw fail("issue is 15 or 16") }
                    result.gaps[last].issue = issue
                case "kind":
                    guard let kind = GapKind(rawValue: value) else { throw fail("kind is missed, false-alarm or no-rule") }
                    result.gaps[last].kind = kind
                case "line": result.gaps[last].line = try quoted(value, fail)
                case "why": result.gaps[last].why = try quoted(value, fail)
                default: throw fail("unknown gap key \(key)")
                }
            } else {
                throw fail("indented line outside findings or known-gaps")
            }
        }
        try result.validate(file: file)
        return result
    }

    /// Every label has a rule, a severity and a comment; every gap says why, and names what it is about.
    private func validate(file: String) throws {
        for label in findings where label.rule.isEmpty || label.severity.isEmpty || label.comment.isEmpty {
            throw FormatError(description: "\(file): finding '\(label.rule)' needs rule, severity and comment")
        }
        for gap in gaps {
            guard !gap.why.isEmpty, gap.issue != 0 else {
                throw FormatError(description: "\(file): gap '\(gap.rule)' needs issue and why")
            }
            switch gap.kind {
            case .missed:
                guard findings.contains(where: { $0.rule == gap.rule }) else {
                    throw FormatError(description: "\(file): missed gap '\(gap.rule)' names no labelled finding")
                }
            case .falseAlarm:
                guard !findings.contains(where: { $0.rule == gap.rule }) else {
                    throw FormatError(description: "\(file): false-alarm gap '\(gap.rule)' is also labelled")
                }
            case .noRule:
                guard gap.rule == "none", !gap.line.isEmpty else {
                    throw FormatError(description: "\(file): a no-rule gap has 'rule: none' and the line that shows the failure")
                }
            }
        }
    }

    private static func keyValue(_ line: String, _ fail: (String) -> FormatError) throws -> (String, String) {
        guard let colon = line.firstIndex(of: ":") else { throw fail("expected key: value") }
        let key = line[..<colon].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return (key, value)
    }

    private static func quoted(_ value: String, _ fail: (String) -> FormatError) throws -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { throw fail("expected a double-quoted string") }
        var result = ""
        var escaped = false
        for character in value.dropFirst().dropLast() {
            if escaped {
                guard character == "\"" || character == "\\" else { throw fail("unknown escape \\\(character)") }
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                throw fail("unescaped quote inside a string")
            } else {
                result.append(character)
            }
        }
        guard !escaped else { throw fail("a string ends in a backslash") }
        return result
    }
}
