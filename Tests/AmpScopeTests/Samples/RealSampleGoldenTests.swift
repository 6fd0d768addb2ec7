import Foundation
import Testing
@testable import AmpScopeTestSupport

/// Every real public console log in samples/real/ through `ampscope analyze --a7 X --m4 Y --format json`,
/// compared with the findings labelled by hand in its expected.yaml: each labelled finding is raised
/// (with its severity, citing a labelled line), nothing else at warning or above is raised (no false
/// alarm), and each known gap is still a gap, so the day a rule fixes one this test fails and asks
/// for the gap entry to be dropped.
@Suite struct RealSampleGoldenTests {
    static let samples = RealSampleCatalogue.sampleNames()

    @Test func theCorpusHoldsRealSamplesEachWithItsSource() throws {
        #expect(Self.samples.count >= 70, "samples/real has \(Self.samples.count) samples (the bar: 40 i.MX, 30 other platforms)")
        let sources = try String(contentsOfFile: RealSampleCatalogue.path("SOURCES.md"), encoding: .utf8)
        let rows = Set(sources.split(separator: "\n").compactMap { $0.split(separator: "`").dropFirst().first.map(String.init) })
        for name in Self.samples {
            #expect(rows.contains(name), "SOURCES.md has no row for \(name)")
            #expect(!RealSampleCatalogue.logs(name).isEmpty, "\(name) has neither a-core.log nor m-core.log")
        }
    }

    @Test(arguments: samples) func sampleMatchesItsHandLabels(_ name: String) throws {
        let expectation = try RealSampleExpectation.load(RealSampleCatalogue.path(name, "expected.yaml"))
        let logs = RealSampleCatalogue.logs(name)
        let fileLines = try logs.flatMap { try RealSampleCatalogue.lines(of: $0.path) }
        let logLines = Set(fileLines)
        // Labels cite the log itself: every evidence line and every no-rule line is a line of one of the logs,
        // or a kernel record a forum joined with others into one line (it starts with its stamp, and a space and
        // the next record's stamp, or the line's end, follow it).
        for line in expectation.findings.flatMap(\.evidence) + expectation.gaps.map(\.line).filter({ !$0.isEmpty }) {
            let joinedRecord = line.hasPrefix("[") && fileLines.contains {
                $0.hasPrefix(line + " [") || $0.contains(" " + line + " [") || $0.hasSuffix(" " + line)
            }
            #expect(logLines.contains(line) || joinedRecord, "\(name): the label cites \"\(line)\", which is no line of its logs")
        }

        let run = try RealSampleRun(logs: logs)
        let raised = run.findings
        // Where the label fixes the verdict (a log that cannot show how the boot went), it is that verdict, naming why.
        if let verdict = expectation.verdict {
            #expect(run.outcome == verdict, "\(name): the verdict is \(run.outcome), labelled \(verdict): \(run.headline)")
        }
        if let says = expectation.verdictSays {
            #expect(run.headline.contains(says), "\(name): the verdict does not say \"\(says)\": \(run.headline)")
        }
        let report = raised.map { "\($0.rule) (\($0.severity)) citing \($0.evidence)" }.joined(separator: "\n  ")
        let missed = Set(expectation.gaps.filter { $0.kind == .missed }.map(\.rule))
        let falseAlarms = Set(expectation.gaps.filter { $0.kind == .falseAlarm }.map(\.rule))

        for label in expectation.findings {
            let found = raised.filter { $0.rule == label.rule }
            if missed.contains(label.rule) {
                #expect(found.isEmpty, "\(name): ampscope now raises \(label.rule); drop its known-gap entry (raised:\n  \(report))")
                continue
            }
            #expect(!found.isEmpty, "\(name): labelled \(label.rule) (\(label.comment)) is not raised; raised:\n  \(report)")
            guard !found.isEmpty else { continue }
            #expect(found.contains { $0.severity == label.severity }, "\(name): \(label.rule) raised as \(found.map(\.severity)), labelled \(label.severity)")
            if !label.evidence.isEmpty {
                let labelled = Set(label.evidence.map(RealSampleCatalogue.withoutPrintkTime))
                #expect(found.contains { !Set($0.evidence.map(RealSampleCatalogue.withoutPrintkTime)).isDisjoint(with: labelled) },
                        "\(name): \(label.rule) cites \(found.map(\.evidence)), none of the labelled lines \(label.evidence)")
            }
        }

        let labelled = Set(expectation.findings.map(\.rule))
        for finding in raised where finding.severity != "info" && !labelled.contains(finding.rule) && !falseAlarms.contains(finding.rule) {
            Issue.record("\(name): false alarm \(finding.rule) (\(finding.severity)) citing \(finding.evidence); if the log shows it, label it")
        }
        for rule in falseAlarms {
            #expect(raised.contains { $0.rule == rule && $0.severity != "info" },
                    "\(name): the false alarm \(rule) is no longer raised; drop its known-gap entry")
        }
        for gap in expectation.gaps where gap.kind == .noRule {
            let line = RealSampleCatalogue.withoutPrintkTime(gap.line)
            let reporting = raised.filter { $0.severity != "info" && $0.evidence.map(RealSampleCatalogue.withoutPrintkTime).contains(line) }
            #expect(reporting.isEmpty, "\(name): \(reporting.map(\.rule)) now reports \"\(gap.line)\"; label it and drop the no-rule gap")
        }
    }
}

/// One finding of `analyze --format json`, as the test compares it.
struct RealSampleFinding {
    var rule: String
    var severity: String
    var evidence: [String]
}

/// A sample's logs through the built ampscope binary, as a user would run it.
struct RealSampleRun {
    let findings: [RealSampleFinding]
    /// The verdict's outcome and headline.
    let outcome: String
    let headline: String

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(logs: [(console: String, path: String)]) throws {
        var arguments = ["analyze"]
        for log in logs { arguments += ["--\(log.console)", log.path] }
        arguments += ["--format", "json"]
        let run = try ToolProcess.run(arguments, deadline: 120)
        // The exit status says the verdict (0, 3, and whatever an inconclusive verdict gets); 1 and 64 mean
        // the logs could not be read or the command line is wrong, and then there is no document.
        guard run.status != 1, run.status != 64,
              let document = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
              let list = document["findings"] as? [[String: Any]] else {
            throw Failure(description: "ampscope \(arguments.joined(separator: " ")) exited \(run.status) without a findings list: \(run.stderr) \(run.stdout.prefix(400))")
        }
        let verdict = document["verdict"] as? [String: Any] ?? [:]
        outcome = verdict["outcome"] as? String ?? ""
        headline = verdict["headline"] as? String ?? ""
        findings = list.map { finding in
            RealSampleFinding(
                rule: finding["rule"] as? String ?? "",
                severity: finding["severity"] as? String ?? "",
                evidence: (finding["evidence"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String })
        }
    }
}

/// samples/real/: one folder per real log, found from this file's path.
enum RealSampleCatalogue {
    static let directory = RepositoryPaths.path("samples/real")

    static func path(_ parts: String...) -> String {
        ([directory] + parts).joined(separator: "/")
    }

    /// Every folder holding an expected.yaml.
    static func sampleNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: path($0, "expected.yaml")) }.sorted()
    }

    /// The sample's consoles: a-core.log is the application core's (--a7), m-core.log the M-core's (--m4).
    static func logs(_ name: String) -> [(console: String, path: String)] {
        [("a7", path(name, "a-core.log")), ("m4", path(name, "m-core.log"))]
            .filter { FileManager.default.fileExists(atPath: $0.1) }
    }

    /// A line without its leading printk stamp: evidence carries the line's text, with or without the stamp.
    static func withoutPrintkTime(_ line: String) -> String {
        line.replacing(/^\s*\[\s*\d+\.\d+\]\s*/, with: "")
    }

    /// The log's lines as ampscope's evidence gives them: split at LF, a trailing CR dropped.
    static func lines(of path: String) throws -> [String] {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
    }
}
