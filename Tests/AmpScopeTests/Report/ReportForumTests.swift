@testable import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// report.md as a forum takes it. Discourse lets a new user (trust level 0) put at most 2 links
/// in a post and attach no files (its defaults: `newuser_max_links` 2, `newuser_max_attachments`
/// 0); GitHub issues take any number. What each finding must show was read by hand from the
/// sample boards: remoteproc-m4-fault's M4 prints `E: ***** BUS FAULT *****` at line 65 of the
/// board file, then `BFAR Address: 0x30890080` and `Faulting instruction address (r15/pc):
/// 0x1fff9b14`; remoteproc-no-name-service-announcement's M4 prints `Nameservice announce sent.`
/// 2.4 ms after Linux's `rpmsg host is online`.
@Suite struct ReportForumTests {
    /// The sample's report document, redacted, from its board compiled into a session.
    static func document(sample: String) throws -> (ReportDocument, () -> Void) {
        let directory = temporaryDirectory("report-forum-\(sample)")
        try BoardScript(contentsOf: SampleCatalogue.path(sample, "board.board")).compile(to: directory)
        let source = TimelineSource.session(directory: directory)
        let timeline = try TimelineAnalyzer.run(source, classifier: try Classifier())
        let diagnoses = try Diagnoser.builtin().diagnose(timeline)
        let input = ReportInput(timeline: timeline, diagnoses: diagnoses, header: try SessionReader(directory: directory).header)
        let document = try ReportDocument.build(input, excerpts: InputExcerptSource(source))
        return (document, { try? FileManager.default.removeItem(atPath: directory) })
    }

    /// Markdown with fenced blocks and code spans taken out: what a forum could turn into links.
    static func outsideCode(_ markdown: String) -> String {
        var text = markdown.replacing(#/(?s)\n(`{3,})[^\n]*\n.*?\n\1\n/#, with: "\n")
        text = text.replacing(#/`+[^`\n]*`+/#, with: "")
        return text
    }

    @Test func aDiscoursePostHasAtMostTwoLinksAndSaysWhy() throws {
        let demo = try DemoReportInput("report-forum-links")
        defer { demo.remove() }
        let document = try demo.document()
        let references = document.findingGroups.flatMap(\.first.references).filter { $0.hasPrefix("http") }
        #expect(references.count > 2, "the demo must have more references than the limit, or this proves nothing")
        let discourse = MarkdownReportRenderer().render(document)
        let linkable = Self.outsideCode(discourse)
        #expect(linkable.components(separatedBy: "http").count - 1 <= 2, "links outside code:\n\(linkable)")
        // The rest are still there, as code.
        for reference in references { #expect(discourse.contains(reference), "\(reference) dropped") }
        #expect(discourse.contains("at most 2 links in a post and attach no files"))
        #expect(discourse.contains("**The full logs:**"))
        #expect(!discourse.contains("attached beside"))
        let github = MarkdownReportRenderer(flavor: .github).render(document)
        #expect(Self.outsideCode(github).components(separatedBy: "<http").count - 1 == references.count)
        #expect(!github.contains("at most 2 links"))
    }

    @Test func theTimelineIsNotCutAndTheFooterHasNoStrayBackticks() throws {
        let demo = try DemoReportInput("report-forum-width")
        defer { demo.remove() }
        let document = try demo.document()
        let markdown = MarkdownReportRenderer().render(document)
        let cut = markdown.split(separator: "\n").filter { $0.hasSuffix("…") }
        #expect(cut.isEmpty, "lines cut at the width: \(cut)")
        // The alignment statement ("… lines placed by arrival, ± N ms") reads whole in the timeline block.
        #expect(markdown.contains("lines placed by arrival, ± "))
        let html = HtmlReportRenderer().render(document)
        let footer = try #require(html.firstMatch(of: #/<footer>(.*?)</footer>/#.dotMatchesNewlines()))
        #expect(!footer.1.contains("`"), "footer: \(footer.1)")
    }

    @Test func aLongBootListCountsTheRestInBoots() {
        // Every other boot of 200: 100 runs of one, 40 shown, the other 60 counted as boots.
        let text = ReportText.numberList(Array(stride(from: 1, through: 200, by: 2)))
        #expect(text.hasSuffix(", … (+60 more boots)"), "\(text)")
        // Runs of three: 40 runs shown (boots 1–3 … 157–159), the 10 runs left hold 30 boots.
        var runs: [Int] = []
        for run in 0..<50 { runs += [run * 4 + 1, run * 4 + 2, run * 4 + 3] }
        #expect(ReportText.numberList(runs).hasSuffix(", … (+30 more boots)"))
    }

    @Test func anMCoreFaultShowsItsDumpAndTheACoreAroundIt() throws {
        let (document, remove) = try Self.document(sample: "remoteproc-m4-fault")
        defer { remove() }
        let markdown = MarkdownReportRenderer().render(document)
        let section = try #require(markdown.components(separatedBy: "#### ").first { $0.contains("`m4-fault`") }, "no m4-fault finding")
        #expect(section.contains("E: ***** BUS FAULT *****"))
        #expect(section.contains("E:   BFAR Address: 0x30890080"))
        #expect(section.contains("E: Faulting instruction address (r15/pc): 0x1fff9b14"))
        // The A-core's lines at that moment: rows of the other console in the same block.
        let after = try #require(section.components(separatedBy: "The lines around it on every console").dropFirst().first)
        let around = after.components(separatedBy: "**What to do:**")[0]
        #expect(around.split(separator: "\n").contains { $0.hasPrefix("a7 ") }, "no A-core line:\n\(around)")
        #expect(!around.contains("<details>"))
    }

    @Test func theNameServiceFindingShowsTheMCoresAnnouncementAndDoesNotAskForIt() throws {
        let (document, remove) = try Self.document(sample: "remoteproc-no-name-service-announcement")
        defer { remove() }
        let rules = document.findingGroups.map(\.entry.rule)
        #expect(rules.contains("name-service-sent-no-channel"), "\(rules)")
        #expect(!rules.contains("no-name-service-announcement"))
        let markdown = MarkdownReportRenderer().render(document)
        let section = try #require(markdown.components(separatedBy: "#### ").first { $0.contains("`name-service-sent-no-channel`") })
        #expect(section.contains("Nameservice announce sent."))
        #expect(section.contains("rpmsg host is online"))
        #expect(!section.contains("reaches its name-service announcement"))
    }
}
