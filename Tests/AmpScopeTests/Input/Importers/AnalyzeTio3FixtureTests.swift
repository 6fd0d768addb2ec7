import Foundation
import Testing
@testable import AmpScopeTestSupport

/// The real tio 3 log pairs (Tests/Fixtures/tio-3) through `ampscope analyze`: the feed stopped
/// the M-core heartbeat just before `clk: Disabling unused clocks` and ran the A-core console on
/// for about 4 s, so the finding shows only if both logs are read on the host's clock.
@Suite struct AnalyzeTio3FixtureTests {
    /// The formats whose stamps put both consoles on one host clock (a date, or a time of day);
    /// 24hour-start and 24hour-delta count from each tio's own start, so two files do not align.
    static let hostClockFixtures = Tio3Fixture.all.filter { $0.clock != .sinceStart }

    @Test("a pair of tio 3 logs shows the M-core halted at clock gating", arguments: hostClockFixtures)
    func analyzeFindsTheHaltAtClockGating(_ fixture: Tio3Fixture) throws {
        let folder = RepositoryPaths.fixtures.appendingPathComponent("tio-3").path
        let run = try RealSampleRun(logs: [("a7", "\(folder)/\(fixture.name)-a7.log"), ("m4", "\(folder)/\(fixture.name)-m4.log")])
        let found = run.findings.filter { $0.rule == "m4-halted-at-clock-gating" }
        #expect(!found.isEmpty, "\(fixture.name): raised \(run.findings.map(\.rule)); \(run.headline)")
        #expect(found.contains { $0.evidence.contains("[m4] heartbeat 4: adc=0x094") && $0.evidence.contains { $0.hasSuffix("clk: Disabling unused clocks") } },
                "\(fixture.name): cites \(found.map(\.evidence))")
    }
}
