import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// report.html opened by a real headless Chromium (Debian's `chromium`; .ci/run installs it).
/// Without it these tests fail: an HTML report nobody rendered is not tested.
@Suite struct ReportHtmlTests {
    @Test func demoReportRendersInHeadlessChromium() throws {
        let demo = try DemoReportInput("report-html", adapterSerial: "A50285BI")
        defer { demo.remove() }
        let html = HtmlReportRenderer().render(try demo.document())
        let directory = temporaryDirectory("report-html-out")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let page = directory + "/report.html"
        try html.write(toFile: page, atomically: true, encoding: .utf8)
        try? FileManager.default.createDirectory(atPath: "/tmp/ampscope-report-demo", withIntermediateDirectories: true)
        try? html.write(toFile: "/tmp/ampscope-report-demo/report.html", atomically: true, encoding: .utf8)

        // Self-contained: no script, nothing fetched.
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=\"http"))
        #expect(!html.contains("<link"))
        // The SVG timeline is there and has lanes, phases and event marks.
        let svgStart = try #require(html.range(of: "<svg class=\"timeline\""))
        let svgEnd = try #require(html.range(of: "</svg>", range: svgStart.upperBound..<html.endIndex))
        let svg = String(html[svgStart.lowerBound..<svgEnd.upperBound])
        #expect(svg.components(separatedBy: "class=\"phase ").count - 1 >= 7)  // 4 A7 phases + 3 M4 phases
        #expect(svg.contains(">a7</text>") && svg.contains(">m4</text>"))
        #expect(svg.contains("class=\"mark evidence\""))
        // Findings link to their lines in the excerpts, and those lines are highlighted.
        #expect(html.contains("href=\"#m4-L20\""))
        #expect(html.contains("<span class=\"l hit\" id=\"m4-L20\">"))

        let screenshot = directory + "/report.png"
        let result = try runChromium(page: page, screenshot: screenshot)
        #expect(result.status == 0, "chromium failed: \(result.output)")
        let size = (try? FileManager.default.attributesOfItem(atPath: screenshot)[.size] as? Int) ?? 0
        #expect(size > 10_000, "screenshot is \(size) bytes")
        try? FileManager.default.removeItem(atPath: "/tmp/ampscope-report-demo/report.png")
        try? FileManager.default.copyItem(atPath: screenshot, toPath: "/tmp/ampscope-report-demo/report.png")
    }

    @Test func hostileLogTextIsEscaped() throws {
        let demo = try DemoReportInput("report-hostile")
        defer { demo.remove() }
        var document = try demo.document(redact: false)
        let hostile = #"<script>alert("x")</script> & <img src=x onerror=y> ]]> "#
        document.excerpts[0].lines[0].text = hostile
        document.diagnoses[0].findings[0].evidence[0].text = hostile
        document.diagnoses[0].findings[0].message = hostile
        let html = HtmlReportRenderer().render(document)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=y&gt;"))
        let markdown = MarkdownReportRenderer().render(document)
        // Outside code blocks the text is escaped; inside the fenced evidence it is shown verbatim.
        #expect(markdown.contains(#"&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;img"#))
        #expect(!markdown.contains("\n<script>"))
    }

    private func runChromium(page: String, screenshot: String) throws -> (status: Int32, output: String) {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            Issue.record("chromium is not installed: `apt-get install -y chromium` (the HTML report test needs a real browser)")
            return (-1, "")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        let profile = temporaryDirectory("report-chromium-profile")
        defer { try? FileManager.default.removeItem(atPath: profile) }
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(profile)",
            "--screenshot=\(screenshot)", "--window-size=1280,2000", URL(fileURLWithPath: page).absoluteString,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
