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

        // What the browser made of the page: the verdict and the first finding's title, worked
        // out by hand from the demo (one error, the fdt note; the halt is the most severe).
        let dom = try runChromium(page: page, ["--dump-dom"])
        #expect(dom.status == 0, "chromium --dump-dom failed: \(dom.error)")
        let verdict = try #require(Self.text(of: #/<div class="verdict error"[^>]*>(.*?)</div>/#, in: dom.output), "no error verdict in the rendered page")
        #expect(verdict.hasPrefix("FAILED: 1 error"), "verdict: \(verdict)")
        #expect(verdict.hasSuffix("most severe: The M-core stopped when Linux gated unused clocks (m4-halted-at-clock-gating, 1 of 1 boot)."), "verdict: \(verdict)")
        let firstFinding = try #require(Self.text(of: #/<section class="finding error"[^>]*>\s*<h3>(.*?)</h3>/#, in: dom.output), "no finding in the rendered page")
        #expect(firstFinding.hasSuffix("The M-core stopped when Linux gated unused clocks"), "first finding: \(firstFinding)")

        // The swimlanes were drawn: the screenshot has pixels of the A7's and the M4's phase
        // colours (the stylesheet's bootloader, kernel, userspace, login; running, name service;
        // the M4's "started" span is too short to show at this width).
        let screenshot = directory + "/report.png"
        let shot = try runChromium(page: page, ["--screenshot=\(screenshot)", "--window-size=1280,2000"])
        #expect(shot.status == 0, "chromium --screenshot failed: \(shot.error)")
        let lanes = ["bootloader": "6d4c9f", "kernel": "1f6fb2", "userspace": "2b8a6e", "login": "3c9a3c", "running": "b0822a", "name-service": "1f8a87"]
        let pixels = try ScreenshotPixels.count(screenshot, colours: lanes)
        #expect(pixels.width == 1280 && pixels.height == 2000, "screenshot is \(pixels.width)x\(pixels.height)")
        for (phase, count) in pixels.counts.sorted(by: { $0.key < $1.key }) {
            #expect(count >= 50, "\(phase) (#\(lanes[phase]!)): \(count) pixels drawn")
        }
        if let keep = ProcessInfo.processInfo.environment["AMPSCOPE_TEST_ARTIFACTS"] {
            try? FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
            for name in ["report.html", "report.png"] { try? FileManager.default.copyItem(atPath: directory + "/" + name, toPath: keep + "/" + name) }
        }
    }

    /// The text inside the first match, tags removed and entities of the renderer undone.
    static func text(of pattern: Regex<(Substring, Substring)>, in dom: String) -> String? {
        guard let match = dom.firstMatch(of: pattern.dotMatchesNewlines()) else { return nil }
        let plain = String(match.1).replacing(#/<[^>]*>/#, with: "")
        return plain.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
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

    func runChromium(page: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TestFailure("chromium is not installed: the packages step of .ci/run installs it (the HTML report test needs a real browser)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        let profile = temporaryDirectory("report-chromium-profile")
        defer { try? FileManager.default.removeItem(atPath: profile) }
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(profile)",
        ] + arguments + [URL(fileURLWithPath: page).absoluteString]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Errors are drained on another thread so neither pipe can fill and block chromium.
        let errorText = LockedList<String>()
        let drained = DispatchSemaphore(value: 0)
        Thread {
            errorText.append(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
            drained.signal()
        }.start()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        drained.wait()
        process.waitUntilExit()
        return (process.terminationStatus, text, errorText.values.joined())
    }
}
