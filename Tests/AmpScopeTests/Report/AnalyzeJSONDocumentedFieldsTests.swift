import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// docs/analyze-json.md is the contract of `analyze --format json`: every key it documents for a
/// finding and a boot is written when its condition holds. The keys are read from the document,
/// so a field documented later is checked too, and one the writer drops fails here.
@Suite struct AnalyzeJSONDocumentedFieldsTests {
    /// The text under `## \`name\`` up to the next `## ` heading.
    static func section(_ name: String) throws -> String {
        let document = try String(contentsOfFile: RepositoryPaths.path("docs/analyze-json.md"), encoding: .utf8)
        let heading = "## `\(name)`"
        let start = try #require(document.range(of: heading), "docs/analyze-json.md has no \(heading)").upperBound
        let rest = document[start...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// `text` without its parenthesized asides (nested ones too), where the document gives
    /// example values (`gate`, `stop`) rather than keys.
    static func withoutAsides(_ text: String) -> String {
        var depth = 0
        var kept = ""
        for character in text {
            if character == "(" { depth += 1 } else if character == ")" { depth = max(0, depth - 1) } else if depth == 0 { kept.append(character) }
        }
        return kept
    }

    /// The keys a section documents: a table's first column, the keys its prose names outside
    /// asides (`index`, `boundary`…, or the keys of `evidence` in its row), the keys of object
    /// shapes written as `{"a", "b"?}`, and names given a shape (`dmesgMerge: {…}`).
    static func documentedKeys(_ section: String) -> Set<String> {
        let lines = section.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var keys = Set(matches(#"(?m)^\| `([A-Za-z]+)` \|"#, in: section))
        keys.formUnion(matches(#"`([A-Za-z]+)`"#, in: withoutAsides(lines.filter { !$0.hasPrefix("|") }.joined(separator: "\n"))))
        // A table row's meaning names keys only where it lists an object's fields (`evidence`).
        for row in lines where row.hasPrefix("| `") {
            guard let meaning = row.split(separator: "|").dropFirst().first, meaning.contains(": `role`") || meaning.contains("`console`") else { continue }
            keys.formUnion(matches(#"`([A-Za-z]+)`"#, in: withoutAsides(String(meaning))))
        }
        for shape in matches(#"(\{(?:"[A-Za-z]+"\??(?:, )?)+\})"#, in: section) {
            keys.formUnion(matches(#""([A-Za-z]+)""#, in: shape))
        }
        keys.formUnion(matches(#"`([A-Za-z]+): \{"#, in: section))
        return keys
    }

    /// Every key anywhere inside `value`.
    static func keys(in value: Any) -> Set<String> {
        if let object = value as? [String: Any] {
            return object.reduce(into: Set(object.keys)) { $0.formUnion(keys(in: $1.value)) }
        }
        if let array = value as? [Any] { return array.reduce(into: Set<String>()) { $0.formUnion(keys(in: $1)) } }
        return []
    }

    /// analyze's JSON document for one boot that has every optional part: host times, a finding
    /// confirmed by the board's facts, and the probe's facts with a dmesg merge.
    static func document() throws -> [String: Any] {
        let script = ProbeFactsRuleTests.noBootaux
        var boot = script.boot()
        // Host times, as a captured session's lines have them: each line's capture time (the boot started 0.5 s in).
        for lane in boot.lanes.indices {
            for index in boot.lanes[lane].events.indices {
                boot.lanes[lane].events[index].event.captureTime = boot.lanes[lane].events[index].placement.time.map { $0 + 500_000_000 }
            }
        }
        // The script's lanes carry events, not phases: one phase, as the phase tracker records it.
        let start = TimelinePlacement(time: 2_793_000_000, uncertainty: 100_000, source: .host)
        boot.lanes[0].phases = [PhaseSpan(
            phase: .kernel, start: start, end: nil,
            evidence: LineReference(console: 0, lineNumber: 12, byteOffset: 960, placement: start, text: "[    0.000000] Booting Linux"))]
        var facts = ProbeFactsRuleTests.disabledNode
        var merge = DmesgMerge(lines: 120, missedByConsole: 3, recoveredEvents: 1, merged: false, missedSamples: ["[    0.000000] Booting Linux"])
        merge.placedByUptime = true
        facts.dmesgMerge = merge
        boot.boardFacts = facts
        let diagnosis = BootScript.diagnoser.diagnose(boot, consoles: script.consoles)
        let collected = Collected()
        var writer = AnalyzeJSONWriter { collected.text += $0 }
        try writer.write(diagnosis, of: boot, consoles: script.consoles)
        var judge = VerdictJudge()
        judge.add(diagnosis)
        try writer.finish(
            summary: DiagnosisSummary([diagnosis]), notChecked: NotCheckedSummary(), consoles: script.consoles, warnings: [],
            verdict: judge.verdict(problems: "FAILED"))
        let object = try JSONSerialization.jsonObject(with: Data(collected.text.utf8))
        return try #require(object as? [String: Any])
    }

    final class Collected: @unchecked Sendable { var text = "" }

    @Test func everyDocumentedFindingFieldIsWritten() throws {
        let documented = Self.documentedKeys(try Self.section("findings"))
        // The document's own list, read as the parser sees it, so a parsing slip shows here.
        #expect(documented.isSuperset(of: ["rule", "evidence", "consoleID", "facts", "name", "value"]))
        let findings = try #require(try Self.document()["findings"] as? [[String: Any]])
        let confirmed = try #require(findings.first { $0["rule"] as? String == "rpmsg-node-disabled" }, "no finding confirmed by the board's facts")
        let written = Self.keys(in: confirmed)
        #expect(documented.subtracting(written).isEmpty, "documented but not written: \(documented.subtracting(written).sorted())")
    }

    @Test func everyDocumentedBootFieldIsWritten() throws {
        let documented = Self.documentedKeys(try Self.section("boots"))
        #expect(documented.isSuperset(of: ["index", "phases", "boardFacts", "dmesgMerge", "placedByUptime", "uncertainty"]))
        let boots = try #require(try Self.document()["boots"] as? [[String: Any]])
        let written = Self.keys(in: try #require(boots.first))
        #expect(documented.subtracting(written).isEmpty, "documented but not written: \(documented.subtracting(written).sorted())")
    }
}
