import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// `ampscope report` on a log of many boots: report.json lists every boot with a finding in
/// full and only counts the others; the report keeps no more boots than it shows. The log is
/// written here, boot by boot: a U-Boot and Linux boot of an i.MX7, healthy or with a kernel
/// WARNING splat (whose boots the test chose, so it knows where the findings must be).
@Suite struct ReportStreamingTests {
    static let healthy = """
        U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)

        CPU:   Freescale i.MX7D rev1.3 996 MHz (running at 792 MHz)
        DRAM:  512 MiB
        Starting kernel ...

        [    0.000000] Booting Linux on physical CPU 0x0
        [    0.000000] Linux version 4.14.159 (builder@buildhost) (gcc version 9.2.0 (GCC)) #1 SMP
        [    0.000000] OF: fdt: Machine model: Toradex Colibri iMX7D on Colibri Evaluation Board V3
        [    0.701000] 30860000.serial: ttymxc0 at MMIO 0x30860000 (irq = 26, base_baud = 5000000) is a IMX
        [    2.058899] clk: Disabling unused clocks
        [    2.343055] Run /sbin/init as init process

        colibri-imx7 login: 

        """

    /// The same boot with a WARNING splat (kernel/panic.c `__warn` prints these lines).
    static let warning = healthy.replacingOccurrences(of: "[    2.343055] Run", with: """
        [    2.100000] ------------[ cut here ]------------
        [    2.100001] WARNING: CPU: 0 PID: 1 at drivers/base/dd.c:12 really_probe+0x10/0x20
        [    2.100002] Modules linked in:
        [    2.100003] ---[ end trace 0000000000000001 ]---
        [    2.343055] Run
        """)

    /// Writes `boots` boots, a splat in those of `warned`, and reports them (unredacted).
    private func report(boots: Int, warned: Set<Int>, label: String) throws -> (json: String, directory: String) {
        let directory = temporaryDirectory(label)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let log = (1...boots).map { warned.contains($0) ? Self.warning : Self.healthy }.joined()
        try log.write(toFile: directory + "/a7.log", atomically: true, encoding: .utf8)
        let source = TimelineSource.logs([LogInput(path: directory + "/a7.log", consoleName: "a7", format: .plain)])
        let written = try ReportWriter(redact: false).write(source, classifier: try Classifier(), diagnoser: try Diagnoser.builtin(), into: directory + "/report")
        return (try String(contentsOfFile: written.json, encoding: .utf8), directory)
    }

    @Test func everyBootWithAFindingIsListedInFullAndTheOthersCounted() throws {
        var random = TestSeed.generator("everyBootWithAFindingIsListedInFullAndTheOthersCounted")
        let boots = 60
        var warned: Set<Int> = []
        while warned.count < 7 { warned.insert(Int.random(in: 1...boots, using: &random)) }
        let (json, directory) = try report(boots: boots, warned: warned, label: "report-stream")
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let (document, listed) = try ReportJSONRenderer.decodeAll(json)
        #expect(document.schema == "ampscope-report/2")
        #expect(document.boots.total == boots)
        #expect(document.boots.withFindings == warned.count)
        #expect(document.boots.withoutFindings == boots - warned.count)
        #expect(Set(listed.map(\.boot.index)) == warned, "listed \(listed.map(\.boot.index)), warned \(warned.sorted())")
        #expect(listed.map(\.boot.index) == listed.map(\.boot.index).sorted())
        for entry in listed {
            #expect(entry.boot.findings == entry.findings.count)
            let warning = try #require(entry.findings.first { $0.rule == "kernel-warning" }, "boot \(entry.boot.index)")
            #expect(warning.boot == entry.boot.index)
            #expect(warning.evidence.contains { $0.text.contains("WARNING: CPU: 0 PID: 1 at drivers/base/dd.c:12") })
        }
        // No healthy boot's timeline: the document's boots are the ones shown, each with a finding.
        #expect(!document.timeline.boots.isEmpty)
        for boot in document.timeline.boots { #expect(warned.contains(boot.index), "boot \(boot.index) has no finding") }
        let entry = try #require(document.summary.entries.first { $0.rule == "kernel-warning" })
        #expect(Set(entry.boots) == warned)
        // The raw text says the same: one line per listed boot, none for the others.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["bootsWithFindings"] as? [Any])?.count == warned.count)
    }

    @Test func healthyBootsAddOnlyTheirCount() throws {
        let few = try report(boots: 12, warned: [3], label: "report-few")
        defer { try? FileManager.default.removeItem(atPath: few.directory) }
        let many = try report(boots: 240, warned: [3], label: "report-many")
        defer { try? FileManager.default.removeItem(atPath: many.directory) }
        // 20 times the healthy boots: only the digits of the counts and of the runs' ends differ.
        let growth = many.json.utf8.count - few.json.utf8.count
        #expect(growth >= 0 && growth < 100, "report.json grew by \(growth) bytes for 228 more healthy boots")
        let document = try ReportJSONRenderer.decode(many.json)
        #expect(document.boots.total == 240)
        #expect(document.timeline.boots.map(\.index) == [3])
    }

    @Test func theCollectorKeepsTheBootsItShowsNotTheBootsItSaw() throws {
        let directory = temporaryDirectory("report-collector")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try String(repeating: Self.warning, count: 150).write(toFile: directory + "/a7.log", atomically: true, encoding: .utf8)
        let source = TimelineSource.logs([LogInput(path: directory + "/a7.log", consoleName: "a7", format: .plain)])
        var collector = ReportCollector()
        var seen = 0
        _ = try BootPipeline(classifier: try Classifier(), diagnoser: try Diagnoser.builtin()).run(source) { boot in
            seen += 1
            collector.add(boot.timeline, diagnosis: boot.diagnosis!)
        }
        #expect(seen == 150 && collector.bootCount == 150 && collector.bootsWithFindings == 150)
        // Every boot has the same findings: the first boot shows them all, no other is kept.
        #expect(collector.boots.map(\.index) == [1])
        #expect(collector.diagnoses.map(\.boot) == [1])
    }
}
