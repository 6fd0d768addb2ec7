import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// Which files `analyze DIR...` reads: sessions (not the logs inside them), saved logs, in the
/// order people count, and nothing left out silently.
@Suite struct FarmInputsTests {
    @Test func findsSessionsAndLogsInNaturalOrderAndCountsTheRest() throws {
        let farm = try FarmFixture.make("farm-inputs", healthyRuns: 10, differing: 10)
        defer { farm.remove() }
        let log = RepositoryPaths.root.path + "/samples/real/am57xx-pru-probe-firmware-missing/a-core.log"
        try FileManager.default.createDirectory(atPath: farm.root + "/logs", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: log, toPath: farm.root + "/logs/am57x.night-2.log")
        try "notes".write(toFile: farm.root + "/logs/README.md", atomically: true, encoding: .utf8)
        try "hidden".write(toFile: farm.root + "/.cache.log", atomically: true, encoding: .utf8)

        let found = try FarmInputs.discover([farm.root])
        let relative = found.inputs.map { String($0.path.dropFirst(farm.root.count + 1)) }
        let expected = (1...10).map { "colibri-3/run-\($0)" } + ["logs/am57x.night-2.log", "verdin-1/run-1", "verdin-1/run-2"]
        #expect(relative == expected)
        #expect(found.inputs.filter { $0.kind == .session }.count == 12, "the a7.log and m4.log inside a session are not inputs of their own")
        #expect(found.skippedFiles == [farm.root + "/logs/README.md"])
    }

    @Test func aMissingPathOrAFolderWithNothingIsAnErrorThatSaysWhatToGive() throws {
        let empty = temporaryDirectory("farm-empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(throws: FarmError.nothingIn(empty)) { try FarmInputs.discover([empty]) }
        #expect(throws: FarmError.missing(empty + "/nope")) { try FarmInputs.discover([empty + "/nope"]) }
        #expect(FarmError.nothingIn(empty).description.contains("session.amps"))
    }
}
