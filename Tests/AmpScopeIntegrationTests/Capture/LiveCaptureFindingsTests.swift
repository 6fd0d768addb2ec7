import Foundation
import Glibc
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// Live findings on the true live path: pseudo-terminals played in real time by the simulator.
@Suite struct LiveCaptureFindingsTests {
    /// The true live path: the board simulator plays a sample on two pseudo-terminals in real
    /// time and the capture engine captures them with live findings on.
    @Test(.timeLimit(.minutes(15)), arguments: [
        LiveCase(sample: "legacy-m4-halted-at-clock-gating", duringBoot: ["m4-halted-at-clock-gating"]),
        LiveCase(sample: "legacy-kernel-panic", duringBoot: ["kernel-panic"]),
        // Its second absence has no window ("never online"): only the boot's end can tell.
        LiveCase(sample: "legacy-rpmsg-node-disabled", duringBoot: []),
        LiveCase(sample: "legacy-healthy", duringBoot: []),
        LiveCase(sample: "legacy-wrong-baud", duringBoot: ["wrong-baud"]),
    ])
    func liveCaptureOfAPlayedBoardFindsWhatAnalyzeFinds(_ live: LiveCase) throws {
        let run = try LiveCaptureRun(board: SampleCatalogue.path(live.sample, "board.board"))
        defer { run.remove() }
        let expectation = try SampleExpectation.load(SampleCatalogue.path(live.sample, "expected.yaml"))

        let final = try #require(run.summary.findings, "\(live.sample): live findings did not run: \(run.summary.liveFindingsProblem ?? "?")")
        #expect(final == run.offline, "\(live.sample): the capture's own diagnosis differs from analyze of its session")
        let finalRules = final.flatMap { $0.findings.map { "\($0.boot):\($0.rule)" } }.sorted()
        #expect(finalRules == expectation.findings.map { "\($0.boot):\($0.rule)" }.sorted(), "\(live.sample): not the sample's expected findings")

        // Each finding shown once; what showed while the boot went on is borne out by the whole boot.
        let shown = run.shown.map { "\($0.finding.boot):\($0.finding.rule)" }
        #expect(shown.sorted() == finalRules, "\(live.sample): shown live \(shown), final \(finalRules)")
        let early = run.shown.filter { !$0.atBootEnd }.map(\.finding.rule)
        #expect(Set(early) == Set(live.duringBoot), "\(live.sample): found during the boot: \(early)")
        for finding in run.shown.filter({ !$0.atBootEnd }).map(\.finding) {
            #expect(final.flatMap(\.findings).contains { $0.rule == finding.rule && $0.boot == finding.boot })
        }
    }
}

/// A sample board played by the simulator on two pseudo-terminals, captured by the real engine
/// with live findings, then analyzed offline.
struct LiveCaptureRun {
    struct Shown: Sendable {
        var finding: Finding
        var atBootEnd: Bool
    }

    let directory: String
    let summary: CaptureSummary
    let shown: [Shown]
    let offline: [BootDiagnosis]

    init(board path: String) throws {
        let boardSession = temporaryDirectory("live-board")
        defer { try? FileManager.default.removeItem(atPath: boardSession) }
        try BoardScript(contentsOf: path).compile(to: boardSession)
        // Held open after the last line as a real board's ports would be: silences outlast 3 s.
        let replayer = try Replayer(reader: try SessionReader(directory: boardSession), options: ReplayOptions(holdSeconds: 4))
        let board = Handover(replayer)
        let boardDone = DispatchSemaphore(value: 0)
        Thread {
            _ = try? board.value.run()
            boardDone.signal()
        }.start()

        directory = temporaryDirectory("live-capture")
        let engine = CaptureEngine(options: CaptureOptions(
            directory: directory,
            consoles: replayer.consoles.map { ConsoleRequest(name: $0.name, port: $0.path, settings: SerialSettings()) },
            liveView: false, color: false, keyboard: false, reopen: false))
        let collected = LockedList<Shown>()
        engine.onFinding = { finding, atBootEnd in collected.append(Shown(finding: finding, atBootEnd: atBootEnd)) }
        summary = try engine.run()
        boardDone.wait()
        shown = collected.values
        offline = try Diagnoser.builtin().diagnose(try TimelineAnalyzer.run(.session(directory: directory), classifier: try Classifier()))
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

struct LiveCase: Sendable, CustomTestStringConvertible {
    var sample: String
    /// Rules that must show while the boot is still going on (the rest show at its end).
    var duringBoot: [String]
    var testDescription: String { sample }
}
