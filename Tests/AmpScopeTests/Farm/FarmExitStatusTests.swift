import Foundation
import Testing
@testable import AmpScopeTestSupport

/// What a lab's pipeline sees from `analyze DIR...`: exit statuses as for one input, a quiet
/// mode, a session that cannot be read reported without losing the others, and no question
/// asked when there is no terminal.
@Suite struct FarmExitStatusTests {
    /// A session folder whose record file is not one (a copy cut short to nothing useful).
    static func unreadable(at directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("this is not a session\n".utf8).write(to: URL(fileURLWithPath: directory + "/session.amps"))
    }

    @Test func healthyFarmIsZeroAndQuietPrintsNothing() throws {
        let root = temporaryDirectory("farm-healthy")
        defer { try? FileManager.default.removeItem(atPath: root) }
        for run in 1...3 { try FarmFixture.compile("remoteproc-healthy", to: "\(root)/colibri-3/run-\(run)") }
        let alone = try ToolProcess.run(["analyze", "\(root)/colibri-3/run-1"])
        try #require(alone.status == 0, "the healthy sample analyzed alone: \(alone.stdout)")
        let text = try ToolProcess.run(["analyze", root])
        #expect(text.status == 0, "\(text.stdout)\(text.stderr)")
        #expect(text.stdout.contains("No problem found in 3 sessions"))
        let quiet = try ToolProcess.run(["analyze", root, "--quiet"])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet.stdout)")
    }

    @Test func problemsAreThreeAndQuietPrintsTheVerdictLineAlone() throws {
        let farm = try FarmFixture.make("farm-quiet", healthyRuns: 2, differing: 2)
        defer { farm.remove() }
        let quiet = try ToolProcess.run(["analyze", farm.root, "-q"])
        #expect(quiet.status == 3)
        let document = try FarmAnalyzeTests.json(try ToolProcess.run(["analyze", farm.root, "--format", "json"]).stdout)
        let headline = try #require((document["verdict"] as? [String: Any])?["headline"] as? String)
        #expect(quiet.stdout == headline + "\n")
        #expect(headline.hasPrefix("FAILED"))
        // One input, quiet: the same contract.
        let single = try ToolProcess.run(["analyze", "\(farm.root)/colibri-3/run-2", "--quiet"])
        #expect(single.status == 3 && single.stdout.split(separator: "\n").count == 1 && single.stdout.hasPrefix("FAILED"), "\(single.stdout)")
    }

    @Test func anUnreadableSessionIsReportedTheOthersGoOnAndNothingReadableIsOne() throws {
        let root = temporaryDirectory("farm-unreadable")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FarmFixture.compile("remoteproc-healthy", to: "\(root)/colibri-3/run-1")
        try Self.unreadable(at: "\(root)/colibri-3/run-2")
        try FarmFixture.compile("remoteproc-healthy", to: "\(root)/colibri-3/run-3")
        let run = try ToolProcess.run(["analyze", root, "--format", "json"])
        #expect(run.status == 2, "one session unread: not checked, so inconclusive")
        #expect(run.stderr.contains("\(root)/colibri-3/run-2: "), "\(run.stderr)")
        let sessions = try #require(try FarmAnalyzeTests.json(run.stdout)["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["error"] != nil } == [false, true, false])
        #expect(sessions.map { $0["boots"] as? Int } == [1, 0, 1])

        let broken = temporaryDirectory("farm-all-unreadable")
        defer { try? FileManager.default.removeItem(atPath: broken) }
        try Self.unreadable(at: broken + "/a/run-1")
        #expect(try ToolProcess.run(["analyze", broken]).status == 1)
        #expect(try ToolProcess.run(["analyze", root + "/nothing-here", root]).status == 1)
    }

    @Test func wrongCommandLinesAre64() throws {
        let farm = try FarmFixture.make("farm-usage", healthyRuns: 1, differing: 1)
        defer { farm.remove() }
        let boot = try ToolProcess.run(["analyze", farm.root, "--boot", "1"])
        #expect(boot.status == 64 && boot.stderr.contains("--boot"))
        let quietJSON = try ToolProcess.run(["analyze", farm.root, "--quiet", "--format", "json"])
        #expect(quietJSON.status == 64 && quietJSON.stderr.contains("--quiet"))
        let mixed = try ToolProcess.run(["analyze", farm.root, farm.root, "--a7", "x.log"])
        #expect(mixed.status == 64)
    }

    /// stdin is a pipe that stays open and never carries a byte: a command that waited for an
    /// answer would hang here until the deadline.
    @Test func neverWaitsForAnswerWithoutATerminal() throws {
        let farm = try FarmFixture.make("farm-no-tty", healthyRuns: 1, differing: 1)
        defer { farm.remove() }
        let process = Process()
        process.executableURL = ToolProcess.executable
        process.arguments = ["analyze", farm.root]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { try? input.fileHandleForWriting.close() }
        try waitUntil("analyze exits with its stdin open and silent") { !process.isRunning }
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
    }
}
