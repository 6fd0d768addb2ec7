import Foundation

/// A sample's expected.yaml: the findings a reader of the board expects, per boot. The files use
/// a fixed subset of YAML (the test target has no YAML library), read line by line:
///
///     boots: 1
///     findings:
///       - rule: m4-not-started
///         severity: error
///         boot: 1
///         evidence:
///           - "[    0.094612] imx rpmsg driver is registered."
///     summary:
///       - "no-name-service-announcement in 1 of 5 boots: 3"
///
/// `findings: []` for none. Strings are double-quoted with \" and \\ escapes.
struct SampleExpectation: Equatable {
    struct Expected: Equatable {
        var rule = ""
        var severity = ""
        var boot = 0
        var evidence: [String] = []
    }

    var boots = 1
    var findings: [Expected] = []
    var summary: [String] = []

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    static func load(_ path: String) throws -> SampleExpectation {
        try parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
    }

    static func parse(_ text: String, file: String = "<expected>") throws -> SampleExpectation {
        var result = SampleExpectation()
        var section = ""
        var inEvidence = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            func fail(_ why: String) -> FormatError { FormatError(description: "\(file):\(index + 1): \(why): \(raw)") }
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if !raw.hasPrefix(" ") {
                let (key, value) = try keyValue(line, fail)
                section = key
                switch key {
                case "boots": result.boots = try integer(value, fail)
                case "findings": guard value.isEmpty || value == "[]" else { throw fail("findings is a list") }
                case "summary": guard value.isEmpty else { throw fail("summary is a list") }
                default: throw fail("unknown key \(key)")
                }
                continue
            }
            if section == "summary" {
                guard line.hasPrefix("- ") else { throw fail("expected a list item") }
                result.summary.append(try quoted(String(line.dropFirst(2)), fail))
                continue
            }
            guard section == "findings" else { throw fail("indented line outside findings or summary") }
            if line.hasPrefix("- rule:") {
                result.findings.append(Expected())
                inEvidence = false
            }
            guard !result.findings.isEmpty else { throw fail("a finding starts with '- rule:'") }
            if inEvidence, line.hasPrefix("- ") {
                result.findings[result.findings.count - 1].evidence.append(try quoted(String(line.dropFirst(2)), fail))
                continue
            }
            let (key, value) = try keyValue(line.hasPrefix("- ") ? String(line.dropFirst(2)) : line, fail)
            switch key {
            case "rule": result.findings[result.findings.count - 1].rule = value
            case "severity": result.findings[result.findings.count - 1].severity = value
            case "boot": result.findings[result.findings.count - 1].boot = try integer(value, fail)
            case "evidence": inEvidence = true
            default: throw fail("unknown finding key \(key)")
            }
        }
        for finding in result.findings where finding.rule.isEmpty || finding.severity.isEmpty || finding.boot == 0 {
            throw FormatError(description: "\(file): every finding needs rule, severity and boot (got \(finding))")
        }
        return result
    }

    private static func keyValue(_ line: String, _ fail: (String) -> FormatError) throws -> (String, String) {
        guard let colon = line.firstIndex(of: ":") else { throw fail("expected key: value") }
        return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    private static func integer(_ value: String, _ fail: (String) -> FormatError) throws -> Int {
        guard let number = Int(value) else { throw fail("expected a number") }
        return number
    }

    private static func quoted(_ value: String, _ fail: (String) -> FormatError) throws -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { throw fail("expected a double-quoted string") }
        var result = ""
        var escaped = false
        for character in value.dropFirst().dropLast() {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        guard !escaped else { throw fail("a string ends in a lone backslash") }
        return result
    }
}
