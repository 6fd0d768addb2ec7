import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// A 200-boot input: the demo boot 200 times, written out as two real log files (so excerpts are
/// re-read from disk), with the demo's findings in every boot plus 40 more rules firing in many
/// boots with long messages and evidence on both consoles: far more than one forum post holds.
@Suite struct ReportBudgetTests {
    @Test func markdownOf200BootsFitsOnePostAndSaysWhatWasLeftOut() throws {
        let demo = try DemoReportInput("report-budget")
        defer { demo.remove() }
        let bootCount = 200
        let whole = try InputExcerptSource(.session(directory: demo.directory))
            .lines(in: [ExcerptRange(console: 0, first: 1, last: 100_000), ExcerptRange(console: 1, first: 1, last: 100_000)])
        let a7Lines = whole[ExcerptRange(console: 0, first: 1, last: 100_000)]!.map(\.text)
        let m4Lines = whole[ExcerptRange(console: 1, first: 1, last: 100_000)]!.map(\.text)
        let directory = temporaryDirectory("report-budget-logs")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try String(repeating: a7Lines.joined(separator: "\n") + "\n", count: bootCount).write(toFile: directory + "/a7.txt", atomically: true, encoding: .utf8)
        try String(repeating: m4Lines.joined(separator: "\n") + "\n", count: bootCount).write(toFile: directory + "/m4.txt", atomically: true, encoding: .utf8)

        let template = try #require(demo.input.timeline.boots.first)
        let demoDiagnosis = try #require(demo.input.diagnoses.first)
        var boots: [BootTimeline] = []
        var diagnoses: [BootDiagnosis] = []
        for index in 1...bootCount {
            var boot = template
            boot.index = index
            boots.append(boot)
            let shift = (index - 1) * a7Lines.count, m4Shift = (index - 1) * m4Lines.count
            var findings = demoDiagnosis.findings.map { finding in
                var moved = finding
                moved.boot = index
                moved.evidence = finding.evidence.map { evidence in
                    var line = evidence
                    line.lineNumber += evidence.consoleID == 0 ? shift : m4Shift
                    return line
                }
                return moved
            }
            for rule in 0..<40 where index % (rule % 7 + 1) == 0 {
                let a7Line = shift + 1 + (rule * 3) % a7Lines.count, m4Line = m4Shift + 1 + rule % m4Lines.count
                findings.append(Finding(
                    rule: "synthetic-rule-\(rule)", severity: rule % 3 == 0 ? .error : .warning, title: "Synthetic problem number \(rule)",
                    message: String(repeating: "A long explanation of what rule \(rule) saw in this boot, with times and lines. ", count: 6),
                    evidence: [
                        FindingEvidence(role: "first", console: "a7", consoleID: 0, lineNumber: a7Line, time: 1_000_000, text: a7Lines[(a7Line - 1) % a7Lines.count]),
                        FindingEvidence(role: "second", console: "m4", consoleID: 1, lineNumber: m4Line, time: 2_000_000, text: m4Lines[(m4Line - 1) % m4Lines.count]),
                    ],
                    fix: String(repeating: "Do this and that. ", count: 8), references: ["https://example.invalid/rule-\(rule)"],
                    confidence: .medium, signature: "synthetic-rule-\(rule)", boot: index))
            }
            diagnoses.append(BootDiagnosis(boot: index, findings: findings, notChecked: demoDiagnosis.notChecked))
        }
        var timeline = demo.input.timeline
        timeline.boots = boots
        let input = ReportInput(board: demo.input.board, consoles: demo.input.consoles, timeline: timeline, diagnoses: diagnoses)
        let source = InputExcerptSource(.logs([LogInput(path: directory + "/a7.txt", consoleName: "a7", format: .plain), LogInput(path: directory + "/m4.txt", consoleName: "m4", format: .plain)]))
        // Unredacted, so excerpt lines can be compared with the evidence the findings quote.
        let document = try ReportDocument.build(input, excerpts: source, redact: false)

        // Excerpts came from the log files at the shifted line numbers: a later copy's evidence
        // line reads the same text the finding quotes.
        let evidence = diagnoses.flatMap(\.findings).flatMap(\.evidence)
        let later = document.excerpts.filter { $0.console == 0 && $0.evidenceLines.contains { $0 > a7Lines.count } }
        #expect(!later.isEmpty)
        for excerpt in later {
            for number in excerpt.evidenceLines {
                let line = try #require(excerpt.lines.first { $0.number == number })
                #expect(evidence.contains { $0.consoleID == 0 && $0.lineNumber == number && $0.text == line.text }, "\(number): \(line.text) vs \(evidence.filter { $0.consoleID == 0 && $0.lineNumber == number }.map(\.text))")
            }
        }
        #expect(document.excerpts.count <= 60)

        let unlimited = MarkdownReportRenderer(limit: .max).render(document)
        #expect(unlimited.count > 32_000)  // otherwise this test would prove nothing
        let markdown = MarkdownReportRenderer().render(document)
        #expect(markdown.count <= 32_000)
        for heading in ["## ampscope report: ", "### Findings", "### Not checked", "| **Verdict** | FAILED"] {
            #expect(markdown.contains(heading), "missing \(heading)")
        }
        #expect(markdown.contains("**Left out to fit one forum post**"))
        // It says how to share the full logs, not that they are attached (a new forum user cannot attach).
        #expect(markdown.contains("**The full logs:**"))
        #expect(!markdown.contains("attached beside"))
        // The most severe finding survives, with the boots it fired in as ranges.
        #expect(markdown.contains("The M-core stopped when Linux gated unused clocks"))
        #expect(markdown.contains("boots 1–200 (200 of 200)"))
        // Every fenced block is closed: an even number of fences.
        #expect(markdown.components(separatedBy: "\n```").count % 2 == 1)
    }
}
