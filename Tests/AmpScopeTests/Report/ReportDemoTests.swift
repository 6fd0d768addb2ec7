import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// The three reports of the demo capture. What the demo shows, read by hand from the board file:
/// the M4's last line is `[m4] heartbeat 16: adc=0x250` at 5.950 s, the A7 gates clocks at
/// 6.009 s, the U-Boot `Model:` line carries `Serial# 06413914`, the login prompt is
/// `colibri-imx7 login:`.
@Suite struct ReportDemoTests {
    @Test func excerptsAreTheLinesTheEvidenceNames() throws {
        let demo = try DemoReportInput("report-excerpts")
        defer { demo.remove() }
        let document = try demo.document(redact: false)
        let evidence = document.diagnoses.flatMap(\.findings).flatMap(\.evidence)
        #expect(!evidence.isEmpty)
        #expect(!document.excerpts.isEmpty)
        for line in evidence {
            let excerpt = try #require(document.excerpts.first { $0.console == line.consoleID && $0.evidenceLines.contains(line.lineNumber) })
            let reread = try #require(excerpt.lines.first { $0.number == line.lineNumber })
            #expect(reread.text == line.text)
            // Context on both sides (the demo has lines before and after every piece of evidence).
            #expect(excerpt.lines.first!.number < line.lineNumber)
        }
        // The M4's last heartbeat is evidence, and its excerpt ends where the M4 stopped.
        let m4 = try #require(document.excerpts.first { $0.consoleName == "m4" })
        #expect(m4.lines.last?.text == "[m4] heartbeat 16: adc=0x250")
    }

    @Test func markdownHasEverySectionAndFitsOnePost() throws {
        let demo = try DemoReportInput("report-md", adapterSerial: "A50285BI")
        defer { demo.remove() }
        let document = try demo.document()
        let markdown = MarkdownReportRenderer().render(document)
        #expect(markdown.count <= 32_000)
        for heading in ["## ampscope report: ", "### Findings", "### Timeline", "### Console excerpts around the findings", "### Not checked"] {
            #expect(markdown.contains(heading), "missing \(heading)")
        }
        #expect(markdown.contains("| **Verdict** | FAILED"))
        #expect(markdown.contains("115200 baud"))
        #expect(markdown.contains("latency timer 16 ms"))
        #expect(markdown.contains("<details><summary>m4 lines"))
        #expect(markdown.contains("heartbeat 16"))
        #expect(!markdown.contains("Left out to fit"))
        // Redacted: the U-Boot serial (learned first, from the input), the adapter serial (also
        // inside the by-id path). The host name is the Colibri image's default, the same on every unit: it stays.
        #expect(!markdown.contains("06413914"))
        #expect(!markdown.contains("A50285BI"))
        #expect(markdown.contains("colibri-imx7 login:"))
        #expect(markdown.contains(#"usb-FTDI\_FT232R\_USB\_UART\_serial-2-if00-port0"#))
        // A host name is only replaced where it stands alone: the board file's name keeps it.
        #expect(markdown.contains("colibri-imx7-clock-gating.board"))
    }

    @Test func redactionLeavesWhatFindingsSayUnchanged() throws {
        let demo = try DemoReportInput("report-redact", adapterSerial: "A50285BI")
        defer { demo.remove() }
        let plain = try demo.document(redact: false)
        let redacted = try demo.document(redact: true)
        let plainFindings = plain.diagnoses.flatMap(\.findings)
        let redactedFindings = redacted.diagnoses.flatMap(\.findings)
        #expect(plainFindings.count == redactedFindings.count)
        for (before, after) in zip(plainFindings, redactedFindings) {
            #expect(before.rule == after.rule)
            #expect(before.severity == after.severity)
            #expect(before.title == after.title)
            #expect(before.boot == after.boot)
            #expect(before.evidence.map(\.lineNumber) == after.evidence.map(\.lineNumber))
            #expect(before.evidence.map(\.time) == after.evidence.map(\.time))
        }
        #expect(plain.timeline.boots.map(\.lanes).map { $0.map(\.phases.count) } == redacted.timeline.boots.map(\.lanes).map { $0.map(\.phases.count) })
        let kinds = Dictionary(redacted.redaction.counts.map { ($0.kind, $0.values) }, uniquingKeysWith: +)
        // 06413914 (U-Boot, learned in the first pass over the input) and A50285BI (the adapter,
        // known to the report only): two serials. colibri-imx7 is a default host name, kept; the
        // one host is the kernel's builder in `Linux version ... (user@host)`.
        #expect(kinds[.serial] == 2)
        #expect(kinds[.host] == 1)
        #expect(kinds[.user] == 1)
        #expect(redacted.board == "Toradex Colibri iMX7 Dual 512MB V1.1D, Serial# serial-1")
        #expect(plain.board == "Toradex Colibri iMX7 Dual 512MB V1.1D, Serial# 06413914")
        #expect(redacted.consoles[0].adapterSerial == "serial-2")
    }

    @Test func jsonRoundTripsWithItsSchema() throws {
        let demo = try DemoReportInput("report-json")
        defer { demo.remove() }
        let document = try demo.document()
        let json = try ReportJSONRenderer().render(document)
        let back = try ReportJSONRenderer.decode(json)
        #expect(back == document)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "ampscope-report/2")
        #expect(object["tool"] as? String == "ampscope")
        #expect((object["diagnoses"] as? [Any])?.isEmpty == false)
        #expect((object["excerpts"] as? [Any])?.isEmpty == false)
        #expect(throws: ReportError.self) { try ReportJSONRenderer.decode(#"{"schema":"other/9"}"#) }
    }
}
