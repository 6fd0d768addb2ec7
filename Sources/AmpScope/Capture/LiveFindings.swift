import Foundation

/// The rule catalogue run during a capture: a thread of its own follows the session file the
/// capture writes, through the same timeline and rules as `ampscope analyze`, so what it says
/// live is what analyze says afterwards. Each finding is reported once, the moment it holds on
/// the boot so far (a silence rule once the silence has lasted long enough); rules that need
/// the boot's end (an absence "by the end of the boot") report when the boot ends.
final class LiveFindings: @unchecked Sendable {
    /// How a finding reached the capture: while its boot went on, or when the boot ended.
    enum Moment: Sendable { case duringBoot, atBootEnd }

    private let directory: String
    private let follow: SessionFollow
    /// `bootStart`: the boot's host start with its first finding, nil with the others.
    private let report: @Sendable (Finding, Moment, _ bootStart: UInt64?) -> Void
    private let problem: @Sendable (String) -> Void
    private let done = DispatchSemaphore(value: 0)
    private var started = false
    // Written only on the analysis thread; read after `finish()` has waited for it.
    private var reported: Set<String> = []
    private var bootsStarted: Set<Int> = []
    private var diagnoses: [BootDiagnosis] = []
    private var failure: String?
    private var result: Result<[BootDiagnosis], LiveFindingsFailure>?

    /// `problem` hears why live findings stopped, when they do; the capture goes on regardless.
    init(
        directory: String, intervalMilliseconds: Int = 200,
        report: @escaping @Sendable (Finding, Moment, _ bootStart: UInt64?) -> Void,
        problem: @escaping @Sendable (String) -> Void
    ) {
        self.directory = directory
        follow = SessionFollow(intervalMilliseconds: intervalMilliseconds)
        self.report = report
        self.problem = problem
    }

    /// Starts following; the session's header must already be on disk. The definitions and
    /// rules are compiled on the analysis thread, so the capture reads its ports at once.
    func start() {
        started = true
        let thread = Thread { [self] in
            do {
                let pipeline = BootPipeline(classifier: try Classifier(), diagnoser: try Diagnoser.builtin(), jobs: 1)
                _ = try pipeline.follow(
                    session: directory, follow,
                    onProgress: { [self] boot in
                        announce(boot.diagnosis!, .duringBoot, bootStart: boot.timeline.hostStart)
                    },
                    onBoot: { [self] boot in
                        diagnoses.append(boot.diagnosis!)
                        announce(boot.diagnosis!, .atBootEnd, bootStart: boot.timeline.hostStart)
                    })
            } catch {
                failure = "\(error)"
                problem("live findings stopped: \(error) (the capture goes on; run ampscope analyze afterwards)")
            }
            done.signal()
        }
        thread.name = "ampscope live findings"
        thread.start()
    }

    /// The capture stops listening now: from here on only its remaining records count.
    func captureStopping() {
        follow.captureStopping()
    }

    /// Call once the session is closed: the rest is read, the last boot diagnosed as analyze
    /// would, and every boot's diagnosis returned (or why live findings failed).
    /// Calling it again returns the same result. Not thread-safe: the capture thread calls it.
    func finish() -> Result<[BootDiagnosis], LiveFindingsFailure> {
        if let result { return result }
        guard started else { return .success([]) }
        follow.captureEnded()
        done.wait()
        let ended: Result<[BootDiagnosis], LiveFindingsFailure> = failure.map { .failure(LiveFindingsFailure(reason: $0)) } ?? .success(diagnoses)
        result = ended
        return ended
    }

    private func announce(_ diagnosis: BootDiagnosis, _ moment: Moment, bootStart: UInt64?) {
        // A rule gives at most one finding per boot; while the boot goes on, the evidence it
        // rests on may still change (an `any` whose first alternative shows later), not the fact.
        for finding in diagnosis.findings where reported.insert("\(finding.boot) \(finding.rule)").inserted {
            // The boot's start goes with its first finding only: the view shows it once.
            report(finding, moment, bootsStarted.insert(finding.boot).inserted ? bootStart : nil)
        }
    }
}

/// Live findings stopped (the session could not be read back); the capture itself goes on.
struct LiveFindingsFailure: Error, Sendable {
    var reason: String
}
