import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// The forum report's HTML as a real headless Chromium renders it (Debian's `chromium`, from
/// .ci/run's packages step): an M-core fault's finding shows its register dump and the A-core's
/// lines at that moment, uncollapsed, and the footer reads as text (no Markdown backticks). What
/// the sample prints was read by hand from samples/remoteproc-m4-fault/board.board.
@Suite struct ReportForumHtmlTests {
    @Test func anMCoreFaultReadsWithBothConsolesInTheBrowser() throws {
        let directory = temporaryDirectory("report-forum-html")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try BoardScript(contentsOf: RepositoryPaths.path("samples/remoteproc-m4-fault/board.board")).compile(to: directory + "/session")
        let run = try ToolProcess.run(["report", directory + "/session", "-o", directory + "/report"])
        #expect(run.status == 3, "\(run.stdout) \(run.stderr)")
        let dom = try ReportHtmlTests().runChromium(page: directory + "/report/report.html", ["--dump-dom"])
        #expect(dom.status == 0, "chromium --dump-dom failed: \(dom.error)")
        let section = try #require(dom.output.firstMatch(of: #/<section class="finding error" id="finding-m4-fault">(.*?)</section>/#.dotMatchesNewlines()),
                                   "no m4-fault finding in the rendered page")
        let text = ReportHtmlTests.text(of: #/<pre class="log around">(.*?)</pre>/#, in: String(section.1)) ?? ""
        #expect(text.contains("E:   BFAR Address: 0x30890080"), "\(text)")
        #expect(text.contains("E: Faulting instruction address (r15/pc): 0x1fff9b14"))
        #expect(text.contains("a7 "), "no A-core line beside the fault: \(text)")
        #expect(!section.1.contains("<details"))
        let footer = try #require(ReportHtmlTests.text(of: #/<footer>(.*?)</footer>/#, in: dom.output))
        #expect(!footer.contains("`"), "footer: \(footer)")
        #expect(footer.contains("counted over the whole input") || footer.contains("found in the whole input"), "footer: \(footer)")
    }
}
