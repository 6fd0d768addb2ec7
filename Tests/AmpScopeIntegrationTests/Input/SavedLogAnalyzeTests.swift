import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import AmpScope

/// `ampscope analyze` as a user runs it on the logs they have: a failing board (the M-core
/// halts when Linux gates unused clocks) played by `ampscope replay` onto PTYs, captured by
/// tio and grabserial, or by ampscope itself and exported.
@Suite("analyze on saved logs of a failing board", .serialized)
struct IntegrationSavedLogAnalyzeTests {
    static let repositoryRoot = RepositoryPaths.root
    static let board = repositoryRoot.appendingPathComponent("samples/legacy-m4-halted-at-clock-gating/board.board").path
    static let finding = "m4-halted-at-clock-gating"

    /// Replays the board and, on its two terminals, runs the A-core and M-core tools until the
    /// replay has closed them; returns the scratch directory holding `a7.log` and `m4.log`.
    static func captureWithTools(a7: [String], m4: [String]) throws -> String {
        try SavedLogToolRun.requireTool(a7[0])
        try SavedLogToolRun.requireTool(m4[0])
        let directory = NSTemporaryDirectory() + "ampscope-analyze-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let replay = try ToolProcess(["replay", board, "--hold", "3"])
        let ports = try waitForPorts(replay)
        let stop = directory + "/stop"
        let script = try SavedLogFeeder.scriptPath()
        let feeders = try [("a7", a7), ("m4", m4)].map { name, command in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script, "--mode", "attach", "--port", ports[name]!, "--log", "\(directory)/\(name).log",
                                 "--last", name == "a7" ? "login" : "heartbeat 13", "--stop-file", stop, "--"] + command
            var environment = ProcessInfo.processInfo.environment
            environment["TERM"] = environment["TERM"] ?? "xterm"
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        // The replay ends after its last chunk and the hold: every line has reached the tools.
        #expect(try replay.wait(deadline: 120) == 0, "replay: \(replay.standardError)")
        _ = FileManager.default.createFile(atPath: stop, contents: nil)
        for feeder in feeders {
            feeder.waitUntilExit()
            #expect(feeder.terminationStatus == 0, "a capture tool's feeder failed")
        }
        return directory
    }

    /// The text output wraps warnings at the terminal width.
    static func unwrapped(_ text: String) -> String {
        text.replacingOccurrences(of: "\n  ", with: " ")
    }

    static func waitForPorts(_ replay: ToolProcess) throws -> [String: String] {
        try waitFor("ampscope replay to print its terminals (stderr: \(replay.standardError))") {
            var ports: [String: String] = [:]
            for line in replay.standardOutput.split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 2 { ports[String(parts[0])] = String(parts[1]) }
            }
            return ports["a7"] != nil && ports["m4"] != nil ? ports : nil
        }
    }

    @Test("tio -t (times of day) and grabserial -t (seconds from its first byte): the clock-gating halt is found")
    func tioAndGrabserialSinceStart() throws {
        let directory = try Self.captureWithTools(
            a7: ["tio", "-t", "-l", "--log-file", "{log}", "{port}"],
            m4: ["grabserial", "-S", "-d", "{port}", "-t", "-o", "{log}"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try ToolProcess.run(["analyze", "--a7", directory + "/a7.log", "--m4", directory + "/m4.log"])
        #expect(result.status == 3, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains(Self.finding), "\(result.stdout)")
        #expect(Self.unwrapped(result.stdout + result.stderr).contains("counts from its own first line"), "the placement of the M-core log is said: \(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains("has no times"))
    }

    @Test("tio -t and grabserial -T, both times of day: one clock, said as an assumption, and the finding")
    func tioAndGrabserialTimesOfDay() throws {
        let directory = try Self.captureWithTools(
            a7: ["tio", "-t", "-l", "--log-file", "{log}", "{port}"],
            m4: ["grabserial", "-S", "-d", "{port}", "-T", "-o", "{log}"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try ToolProcess.run(["analyze", "--a7", directory + "/a7.log", "--m4", directory + "/m4.log"])
        #expect(result.status == 3, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains(Self.finding), "\(result.stdout)")
        #expect(Self.unwrapped(result.stdout + result.stderr).contains("assumed one host's clock on one day"), "\(result.stderr)")
    }

    @Test("ampscope's own a7.log/m4.log and every export form read back with host times; markers are not console lines")
    func ampscopeLogsAndExports() throws {
        let directory = NSTemporaryDirectory() + "ampscope-analyze-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let replay = try ToolProcess(["replay", Self.board, "--hold", "3"])
        let ports = try Self.waitForPorts(replay)
        let session = directory + "/session"
        let capture = try ToolProcess(["capture", "--a7", ports["a7"]!, "--m4", ports["m4"]!, "--no-findings", "--idle", "2", "-o", session])
        #expect(try replay.wait(deadline: 120) == 0, "replay: \(replay.standardError)")
        #expect(try capture.wait(deadline: 60) == 0, "capture: \(capture.standardError)")
        var pairs: [(String, String)] = [(session + "/a7.log", session + "/m4.log")]
        for clock in ["relative", "wall", "epoch"] {
            for console in ["a7", "m4"] {
                let result = try ToolProcess.run(["export", session, "--console", console, "--format", "text", "--clock", clock, "-o", "\(directory)/\(console)-\(clock).txt"])
                #expect(result.status == 0, "\(result.stderr)")
            }
            pairs.append(("\(directory)/a7-\(clock).txt", "\(directory)/m4-\(clock).txt"))
        }
        let m4Text = (try? String(contentsOfFile: "\(directory)/m4-epoch.txt", encoding: .utf8)) ?? ""
        #expect(m4Text.contains("--- capture stopped"), "the export ends with ampscope's marker, which must not read as a console line")
        for (a7, m4) in pairs {
            let result = try ToolProcess.run(["analyze", "--a7", a7, "--m4", m4, "--format", "json"])
            #expect(result.status == 3, "\(a7): \(result.stdout)\n\(result.stderr)")
            #expect(result.stdout.contains(Self.finding), "\(a7): \(result.stdout)")
            #expect(!result.stdout.contains("--- capture stopped"), "\(a7): a marker read as console output")
            #expect(!result.stdout.contains("no host times"), "\(a7): \(result.stdout)")
        }
        let raw = try ToolProcess.run(["export", session, "--console", "m4", "--format", "raw", "-o", directory + "/m4.raw"])
        #expect(raw.status == 0)
        let plain = try ToolProcess.run(["analyze", "--m4", directory + "/m4.raw", "--console", "m4"])
        #expect(Self.unwrapped(plain.stdout + plain.stderr).contains("no host times"), "an export --raw has no stamps, and says so: \(plain.stderr)")
    }

    @Test(".board scripts are refused with a pointer to replay")
    func boardRefused() throws {
        let result = try ToolProcess.run(["analyze", Self.board])
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("ampscope replay"), "\(result.stderr)")
    }
}
