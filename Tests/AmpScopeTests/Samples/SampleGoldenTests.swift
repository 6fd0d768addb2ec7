import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// Golden tests over samples/: every sample board → session → Timeline → Diagnoser yields exactly
/// the findings its expected.yaml lists (rule ids per boot, no more, no fewer, with severity and
/// the key evidence lines), and the healthy baselines yield nothing at warning or above.
/// The expected files were written by reading the boards, not by running this code.
@Suite struct SampleGoldenTests {
    /// Rules that need the per-console garbage statistics (LaneActivity) the timeline stage has to
    /// provide; without them the diagnoser reports these rules as not checked.
    static let garbageRules: Set<String> = ["wrong-baud", "m4-console-garbage-after-linux"]

    static let samples: [String] = SampleCatalogue.sampleNames()

    @Test func everyRuleOfTheCatalogueHasASampleOrAStatedReason() throws {
        let diagnoser = try Diagnoser.builtin()
        var covered: Set<String> = []
        for name in Self.samples {
            let expectation = try SampleExpectation.load(SampleCatalogue.path(name, "expected.yaml"))
            covered.formUnion(expectation.findings.map(\.rule))
        }
        let readme = try String(contentsOfFile: SampleCatalogue.path("README.md"), encoding: .utf8)
        for rule in diagnoser.rules.map(\.id) where !covered.contains(rule) {
            #expect(readme.contains("`\(rule)`"), "rule \(rule) has no sample and the README does not say why")
        }
        #expect(Self.samples.count >= 30)
    }

    @Test(arguments: samples) func sampleYieldsExactlyItsExpectedFindings(_ name: String) throws {
        let expectation = try SampleExpectation.load(SampleCatalogue.path(name, "expected.yaml"))
        let run = try SampleRun(board: SampleCatalogue.path(name, "board.board"))
        let expectedGarbage = Set(expectation.findings.map(\.rule)).intersection(Self.garbageRules)
        for rule in expectedGarbage.sorted() {
            let skipped = run.diagnoses.flatMap(\.notChecked).filter { $0.rule == rule }
            if let reason = skipped.first?.reason {
                Issue.record("""
                    \(name): \(rule) was not checked (\(reason)). The timeline stage does not yet hand the \
                    diagnoser per-lane garbage statistics (LaneActivity); until it does, this sample cannot pass.
                    """)
            }
        }

        let actual = run.diagnoses.flatMap { diagnosis in diagnosis.findings.map { "\(diagnosis.boot):\($0.rule)" } }.sorted()
        let wanted = expectation.findings.map { "\($0.boot):\($0.rule)" }.sorted()
        #expect(actual == wanted, "\(name): findings (boot:rule) differ\n\(run.report)")
        for expected in expectation.findings {
            guard let diagnosis = run.diagnoses.first(where: { $0.boot == expected.boot }),
                  let finding = diagnosis.findings.first(where: { $0.rule == expected.rule })
            else { continue }
            #expect(finding.severity.rawValue == expected.severity, "\(name): \(expected.rule) severity")
            let texts = finding.evidence.map(\.text)
            for line in expected.evidence {
                #expect(texts.contains(line), "\(name): \(expected.rule) evidence lacks \"\(line)\"; it has \(texts)")
            }
        }
        if !expectation.summary.isEmpty {
            let summary = DiagnosisSummary(run.diagnoses).description
            for line in expectation.summary {
                #expect(summary.split(separator: "\n").contains(Substring(line)), "\(name): summary lacks \"\(line)\"; it is:\n\(summary)")
            }
        }
        #expect(run.timeline.boots.count == expectation.boots, "\(name): boots")
    }

    @Test(arguments: samples.filter { $0.hasSuffix("-healthy") })
    func healthyBaselineHasNothingAtWarningOrAbove(_ name: String) throws {
        let run = try SampleRun(board: SampleCatalogue.path(name, "board.board"))
        let problems = run.diagnoses.flatMap(\.findings).filter { $0.severity >= .warning }
        #expect(problems.isEmpty, "\(name) cries wolf:\n\(run.report)")
        #expect(run.timeline.boots.count == 1)
    }

    /// The bundled demo with the fault `ampscope demo` applies (the M4 halts the moment the A7
    /// prints `clk: Disabling unused clocks`): m4-halted-at-clock-gating naming both lines. The
    /// demo's device tree line is the real Colibri log's `8ffe6000`, inside the M4 window, so
    /// fdt-overlaps-m4-memory (a note, severity info) is true of it with or without the fault.
    /// Read by hand: last M4 line heartbeat 16 at 5.950 s, the gating at 6.0093 s (59 ms later);
    /// the board's last A7 line is the login prompt at 8.053 s, so the session as compiled shows
    /// the M4 silent for 2.1 s, while `ampscope demo` keeps capturing to the end of the script
    /// (9.7 s, plus a 1 s hold): 3.75 s and more of silence, past the rule's 3 s.
    @Test func demoWithItsFaultYieldsTheClockGatingHalt() throws {
        var script = try BoardScript.parse(DemoBoard.script, fileName: DemoBoard.fileName)
        let m4 = try #require(script.consoles.firstIndex { $0.name == "m4" })
        let gating = try #require(script.outputs.first { String(decoding: $0.bytes, as: UTF8.self).contains("clk: Disabling unused clocks") })
        script.outputs.removeAll { $0.console == m4 && $0.time > gating.time }
        let run = try SampleRun(script: script)
        let rules = run.diagnoses.flatMap { $0.findings.map(\.rule) }
        #expect(rules == ["m4-halted-at-clock-gating", "fdt-overlaps-m4-memory"], """
            The demo's headline diagnosis is missing: the M4 stops at 5.95 s and the A7 prints until \
            10.36 s, so its silence lasts over 4 s, more than the rule's 3 s.
            \(run.report)
            """)
        if let finding = run.diagnoses.first?.findings.first(where: { $0.rule == "m4-halted-at-clock-gating" }) {
            #expect(finding.evidence.map(\.text) == ["[m4] heartbeat 16: adc=0x250", "[    2.058899] clk: Disabling unused clocks"])
            #expect(finding.message.hasPrefix("The M-core stopped 59 ms before Linux gated unused clocks"))
        }
        // Without the fault the M4 runs on: only the device-tree warning remains.
        let healthy = try SampleRun(script: try BoardScript.parse(DemoBoard.script, fileName: DemoBoard.fileName))
        #expect(healthy.diagnoses.flatMap { $0.findings.map(\.rule) } == ["fdt-overlaps-m4-memory"], "\(healthy.report)")
    }
}

/// One sample through the real pipeline: the board compiled into a session on disk, analysed into
/// a Timeline from that session, then diagnosed boot by boot.
struct SampleRun {
    let timeline: Timeline
    let diagnoses: [BootDiagnosis]

    init(board path: String) throws {
        try self.init(script: try BoardScript(contentsOf: path))
    }

    init(script: BoardScript) throws {
        let directory = temporaryDirectory("sample")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try script.compile(to: directory)
        timeline = try TimelineAnalyzer.run(.session(directory: directory), classifier: try Classifier())
        diagnoses = try Diagnoser.builtin().diagnose(timeline)
    }

    /// What the diagnosis found, for failure messages.
    var report: String {
        diagnoses.map { diagnosis in
            let findings = diagnosis.findings.map { "  \($0.rule) (\($0.severity.rawValue)): \($0.message) evidence: \($0.evidence.map(\.text))" }
            let skipped = diagnosis.notChecked.map { "  not checked \($0.rule): \($0.reason)" }
            return (["boot \(diagnosis.boot):"] + findings + skipped).joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
