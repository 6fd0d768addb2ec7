import Foundation
import Glibc
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// Live findings: the capture's rule run follows the session as it is written, and must say what
/// `ampscope analyze` says of the same session — no more (no finding on a boot in progress that
/// the whole boot does not bear out), no fewer, and the same words.
@Suite struct LiveFindingsTests {
    /// Every sample, written record by record into a new session while the follower reads it, on
    /// a clock that the writer moves to each record's time as it flushes it (the capture's own
    /// clock does the same in real time): the boots it delivers are diagnosed exactly as the
    /// offline run diagnoses the original, and nothing it found on a boot in progress is
    /// contradicted by the whole boot.
    @Test(arguments: SampleGoldenTests.samples)
    func followingASessionWhileItIsWrittenGivesTheOfflineDiagnosis(_ name: String) throws {
        let original = temporaryDirectory("live-original")
        let copy = temporaryDirectory("live-copy")
        defer {
            try? FileManager.default.removeItem(atPath: original)
            try? FileManager.default.removeItem(atPath: copy)
        }
        try BoardScript(contentsOf: SampleCatalogue.path(name, "board.board")).compile(to: original)
        let diagnoser = try Diagnoser.builtin()
        let offline = diagnoser.diagnose(try TimelineAnalyzer.run(.session(directory: original), classifier: try Classifier()))

        let reader = try SessionReader(directory: original)
        var records: [SessionRecord] = []
        while let record = reader.next() { records.append(record) }
        let clock = SimulatedClock(start: records.lazy.compactMap(\.time).first ?? 0)
        let writer = try SessionWriter(directory: copy, header: reader.header)
        let follow = SessionFollow(intervalMilliseconds: 250, clock: { clock.now })
        let followed = FollowedRun(directory: copy, follow: follow, classifier: try Classifier(), diagnoser: diagnoser)
        followed.start()
        // The follower looks at the empty session first; then the records arrive under its eyes.
        followed.waitForFirstLook()
        var lastLook = clock.now
        for (index, record) in records.enumerated() {
            writer.append(record)
            guard index % 5 == 4 || index == records.count - 1 else { continue }
            try writer.flush()
            guard let time = record.time else { continue }
            clock.now = time
            // Each time a look is due on the session's clock, the writer waits for it, as a
            // capture's records wait for nobody but are written far slower than they are read.
            if time >= lastLook + follow.interval {
                try followed.waitForAnotherLook()
                lastLook = time
            }
        }
        try writer.close()
        follow.captureStopping()
        follow.captureEnded()
        let live = try followed.wait()

        #expect(live.diagnoses == offline, "\(name): the followed session's findings differ from analyze's")
        #expect(live.progressCalls > 1, "\(name): the boot in progress was never looked at")
        let final = Set(live.diagnoses.flatMap { $0.findings.map { "\($0.boot) \($0.rule)" } })
        for early in live.earlyFindings where !final.contains("\(early.boot) \(early.rule)") {
            Issue.record("\(name): \(early.rule) held on boot \(early.boot) in progress but not on the whole boot: \(early.message)")
        }
    }

    /// A boot in progress is judged as of now, except what only its end can tell.
    @Test func aBootInProgressWaitsForItsEndOnlyForAbsencesWithoutAWindow() throws {
        let diagnoser = try Diagnoser.builtin()
        for (name, rule) in [("remoteproc-m4-not-started", "m4-not-started"), ("legacy-rpmsg-node-disabled", "rpmsg-node-disabled")] {
            let run = try SampleRun(board: SampleCatalogue.path(name, "board.board"))
            var boot = try #require(run.timeline.boots.first)
            #expect(diagnoser.diagnose(boot, consoles: run.timeline.consoles).findings.contains { $0.rule == rule })
            boot.facts.inProgress = true
            let open = diagnoser.diagnose(boot, consoles: run.timeline.consoles)
            #expect(!open.findings.contains { $0.rule == rule }, "\(name): \(rule) fired before the boot ended")
            #expect(open.notChecked.contains { $0.rule == rule && $0.reason == "the boot is still in progress" })
        }
        // A finding that rests on what was printed holds as soon as it is printed.
        let panic = try SampleRun(board: SampleCatalogue.path("legacy-kernel-panic", "board.board"))
        var boot = try #require(panic.timeline.boots.first)
        boot.facts.inProgress = true
        #expect(diagnoser.diagnose(boot, consoles: panic.timeline.consoles).findings.contains { $0.rule == "kernel-panic" })
    }
}

/// `TimelineAnalyzer.follow` on a thread of its own, diagnosing each boot it delivers.
final class FollowedRun: @unchecked Sendable {
    struct Result {
        var diagnoses: [BootDiagnosis]
        var progressCalls: Int
        /// Findings that held on a boot still in progress (each first sighting).
        var earlyFindings: [Finding]
    }

    private let directory: String
    private let follow: SessionFollow
    private let classifier: Classifier
    private let diagnoser: Diagnoser
    private let done = DispatchSemaphore(value: 0)
    private let firstLook = DispatchSemaphore(value: 0)
    // Written by the thread before `done` is signalled.
    private var result: Swift.Result<Result, Failure>?

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(directory: String, follow: SessionFollow, classifier: Classifier, diagnoser: Diagnoser) {
        self.directory = directory
        self.follow = follow
        self.classifier = classifier
        self.diagnoser = diagnoser
    }

    func waitForFirstLook() { firstLook.wait() }

    /// Until the follower has looked at the boot in progress once more; a follower that stopped
    /// looking fails the test.
    func waitForAnotherLook() throws {
        let before = looks.values.count
        try waitUntil("the follower of \(directory) looks at the session again (look \(before + 1))") { looks.values.count > before }
    }

    private let looks = LockedList<Int>()

    func start() {
        Thread { [self] in
            var diagnoses: [BootDiagnosis] = []
            var progress = 0
            var early: [Finding] = []
            var seen: Set<String> = []
            do {
                _ = try TimelineAnalyzer.follow(
                    session: directory, follow, classifier: classifier,
                    onProgress: { boot, consoles in
                        progress += 1
                        self.looks.append(progress)
                        if progress == 1 { self.firstLook.signal() }
                        for finding in self.diagnoser.diagnose(boot, consoles: consoles).findings
                        where seen.insert("\(finding.boot) \(finding.rule)").inserted {
                            early.append(finding)
                        }
                    },
                    onBoot: { boot, consoles in diagnoses.append(self.diagnoser.diagnose(boot, consoles: consoles)) })
                result = .success(Result(diagnoses: diagnoses, progressCalls: progress, earlyFindings: early))
            } catch {
                result = .failure(Failure(description: "\(error)"))
            }
            if progress == 0 { firstLook.signal() }
            done.signal()
        }.start()
    }

    func wait() throws -> Result {
        done.wait()
        return try result!.get()
    }
}

/// A clock a test moves by hand.
final class SimulatedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: UInt64

    init(start: UInt64) { value = start }

    var now: UInt64 {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
