import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// Never cry wolf: healthy boots of both flows yield no warning or error, and the two fixtures
/// really are what they claim (their key events classified as expected).
@Suite struct DiagnosisHealthyBootTests {
    @Test func healthyLegacyFlowHasNoProblems() {
        let diagnosis = BootScript.healthyLegacy.diagnose()
        #expect(diagnosis.findings.filter { $0.severity >= .warning }.map(\.rule) == [], "\(diagnosis.findings.map(\.message))")
        #expect(diagnosis.notChecked.filter { !$0.reason.contains("garbage statistics") } == [])
    }

    @Test func healthyRemoteprocFlowHasNoProblems() {
        let diagnosis = BootScript.healthyRemoteproc.diagnose()
        #expect(diagnosis.findings.filter { $0.severity >= .warning }.map(\.rule) == [], "\(diagnosis.findings.map(\.message))")
        #expect(diagnosis.notChecked.filter { !$0.reason.contains("garbage statistics") } == [])
    }

    @Test func fixturesCarryTheEventsTheyClaim() {
        let legacy = BootScript.healthyLegacy.boot()
        let legacyNames = Set(legacy.lanes.flatMap(\.events).map(\.event.name))
        for name in ["bootloader-start", "mcore-started", "kernel-handover", "kernel-start", "mu-ready", "rpmsg-host-online",
                     "rpmsg-channel", "clocks-gated", "rpmsg-client-probed", "firmware-start", "rpmsg-waiting-for-link",
                     "rpmsg-linked", "rpmsg-message", "login-prompt"] {
            #expect(legacyNames.contains(name), "legacy fixture lacks \(name)")
        }
        let remoteproc = BootScript.healthyRemoteproc.boot()
        let remoteprocNames = Set(remoteproc.lanes.flatMap(\.events).map(\.event.name))
        for name in ["mcore-starting", "mcore-started", "rpmsg-host-online", "rpmsg-channel", "firmware-start", "linux.rproc-available"] {
            #expect(remoteprocNames.contains(name), "remoteproc fixture lacks \(name)")
        }
        #expect(legacy.duration == 21_121_000_000)
    }

    @Test func healthyBootsWithCleanConsolesHaveNoGarbageFindingsEither() {
        let clean = [LaneActivity(console: 0, firstGarbageLine: nil, cleanLinesBeforeGarbage: 31, linesFromFirstGarbage: 0, garbageLinesFromFirstGarbage: 0),
                     LaneActivity(console: 1, firstGarbageLine: nil, cleanLinesBeforeGarbage: 5, linesFromFirstGarbage: 0, garbageLinesFromFirstGarbage: 0)]
        let diagnosis = BootScript.healthyLegacy.with { $0.activity = clean }.diagnose()
        #expect(diagnosis.findings.isEmpty)
        #expect(diagnosis.notChecked.isEmpty)
    }
}
