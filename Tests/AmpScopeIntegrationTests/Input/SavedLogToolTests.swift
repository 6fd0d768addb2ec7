import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import AmpScope

/// One saved-log format as the real tool writes it: the tool reads a PTY (a pipe for `ts`)
/// that the feeder writes a known board log into, and its log is read back by `LogImporter`.
/// (tio 2.5: `-t` after `--timestamp-format` resets it to 24hour, so the formats go without `-t`.)
struct SavedLogTool: Sendable, CustomTestStringConvertible {
    enum Clock: Sendable { case dated, timeOfDay, sinceStart, none }

    var name: String
    var mode = "pty"
    var command: [String]
    var format: LogFormat
    var clock: Clock
    /// The stamp's resolution in seconds.
    var resolution: Double
    /// Interval stamps (tio 24hour-delta, ts -i): each line's error adds to the next.
    var intervals = false
    /// Run under libfaketime with the clock set just before midnight.
    var midnight = false

    var testDescription: String { name }
    var program: String { command[0] }
}

@Suite("Saved logs written by the real tools read back with their host times", .serialized)
struct IntegrationSavedLogToolTests {
    /// A known board log and the pauses before each line: varied, so a stamp read wrong
    /// (zero, a wrong midnight, an interval taken for a clock reading) shows.
    static let board: [(pause: Double, text: String)] = [
        (0.05, "U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)"),
        (0.35, "## Starting auxiliary core at 0x1FFF80BD ..."),
        (0.15, "Starting kernel ..."),
        (0.60, "[    0.000000] Booting Linux on physical CPU 0x0"),
        (0.25, "[    2.058899] clk: Disabling unused clocks"),
        (0.50, "[    3.120044] Run /init as init process"),
        (0.20, "colibri-imx7 login:"),
    ]
    /// Two readings of the realtime clock by two processes: the feeder's and the tool's.
    static let clockEpsilon = 0.002

    static let tools: [SavedLogTool] = [
        SavedLogTool(name: "tio -t (24hour)", command: ["tio", "-t", "-l", "--log-file", "{log}", "{port}"], format: .tio, clock: .timeOfDay, resolution: 0.001),
        SavedLogTool(name: "tio 24hour-start", command: ["tio", "--timestamp-format", "24hour-start", "-l", "--log-file", "{log}", "{port}"], format: .tio, clock: .sinceStart, resolution: 0.001),
        SavedLogTool(name: "tio 24hour-delta", command: ["tio", "--timestamp-format", "24hour-delta", "-l", "--log-file", "{log}", "{port}"], format: .tio, clock: .sinceStart, resolution: 0.001, intervals: true),
        SavedLogTool(name: "tio iso8601", command: ["tio", "--timestamp-format", "iso8601", "-l", "--log-file", "{log}", "{port}"], format: .tio, clock: .dated, resolution: 0.001),
        SavedLogTool(name: "tio -t across midnight", command: ["tio", "-t", "-l", "--log-file", "{log}", "{port}"], format: .tio, clock: .timeOfDay, resolution: 0.001, midnight: true),
        SavedLogTool(name: "grabserial -t", command: ["grabserial", "-S", "-d", "{port}", "-t", "-o", "{log}"], format: .grabserial, clock: .sinceStart, resolution: 0.000001),
        SavedLogTool(name: "grabserial -T", command: ["grabserial", "-S", "-d", "{port}", "-T", "-o", "{log}"], format: .grabserial, clock: .timeOfDay, resolution: 0.000001),
        SavedLogTool(name: "grabserial -T -F ISO date", command: ["grabserial", "-S", "-d", "{port}", "-T", "-F", "%Y-%m-%dT%H:%M:%S.%f", "-o", "{log}"], format: .grabserial, clock: .dated, resolution: 0.000001),
        SavedLogTool(name: "grabserial -T -F date and time", command: ["grabserial", "-S", "-d", "{port}", "-T", "-F", "%Y-%m-%d %H:%M:%S.%f", "-o", "{log}"], format: .grabserial, clock: .dated, resolution: 0.000001),
        SavedLogTool(name: "grabserial -T across midnight", command: ["grabserial", "-S", "-d", "{port}", "-T", "-o", "{log}"], format: .grabserial, clock: .timeOfDay, resolution: 0.000001, midnight: true),
        SavedLogTool(name: "ts (default)", mode: "pipe", command: ["ts"], format: .ts, clock: .timeOfDay, resolution: 1),
        SavedLogTool(name: "ts -s", mode: "pipe", command: ["ts", "-s"], format: .ts, clock: .sinceStart, resolution: 1),
        SavedLogTool(name: "ts -i", mode: "pipe", command: ["ts", "-i"], format: .ts, clock: .sinceStart, resolution: 1, intervals: true),
        SavedLogTool(name: "ts %.s", mode: "pipe", command: ["ts", "%.s"], format: .ts, clock: .dated, resolution: 0.000001),
        SavedLogTool(name: "ts -s %.s", mode: "pipe", command: ["ts", "-s", "%.s"], format: .ts, clock: .sinceStart, resolution: 0.000001),
        SavedLogTool(name: "ts -i %.s", mode: "pipe", command: ["ts", "-i", "%.s"], format: .ts, clock: .sinceStart, resolution: 0.000001, intervals: true),
        SavedLogTool(name: "ts %.S fractions across midnight", mode: "pipe", command: ["ts", "%b %d %H:%M:%.S"], format: .ts, clock: .timeOfDay, resolution: 0.000001, midnight: true),
        SavedLogTool(name: "picocom --logfile", command: ["picocom", "-q", "--logfile", "{log}", "{port}"], format: .plain, clock: .none, resolution: 0),
        SavedLogTool(name: "minicom -C", command: ["minicom", "-D", "{port}", "-C", "{log}"], format: .plain, clock: .none, resolution: 0),
        SavedLogTool(name: "screen -L", command: ["screen", "-D", "-m", "-L", "-Logfile", "{log}", "{port}", "115200"], format: .plain, clock: .none, resolution: 0),
    ]

    @Test("each tool's log reads back with the times the lines were fed", arguments: tools)
    func readsBack(_ tool: SavedLogTool) throws {
        let run = try SavedLogToolRun.feed(tool, lines: Self.board)
        defer { run.remove() }
        let importer = try LogImporter(path: run.logPath, options: LogImportOptions(consoleName: "a7"))
        var chunks: [Chunk] = []
        let summary = try importer.importAll { chunks.append($0) }
        #expect(importer.detection.format == tool.format, "\(tool.name) log detected as \(importer.detection.format)\n\(run.logText)")
        let times = Self.board.map { line in
            chunks.first { String(decoding: $0.bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == line.text }?.time
        }
        #expect(times.allSatisfy { $0 != nil }, "every fed line is a console line of its own\n\(run.logText)")
        #expect(summary.warnings.allSatisfy { !$0.contains("went backwards") }, "\(summary.warnings)")
        guard tool.clock != .none else {
            #expect(!summary.hasHostTimes)
            #expect(summary.warnings.contains { $0.contains("no host times") }, "a log without stamps says so: \(summary.warnings)")
            return
        }
        #expect(summary.hasHostTimes, "\(summary.warnings)")
        // A tool stamps a line between the moment it was fed and the moment the line was seen in
        // its log: the bracket holds on a loaded machine too, where a fixed slack does not.
        for (index, time) in times.enumerated() {
            guard let time, let first = times[0] else { continue }
            let read = Double(time - first) / 1e9
            let tolerance = tool.resolution * Double(tool.intervals ? max(index, 1) : 1) + Self.clockEpsilon
            let earliest = run.fed[index] - run.seen[0] - tolerance
            let latest = run.seen[index] - run.fed[0] + tolerance
            #expect(read >= earliest && read <= latest, "\(tool.name) line \(index): read \(read) s after the first line, fed and seen between \(earliest) and \(latest) s\n\(run.logText)")
        }
        let firstFed = run.fed[0] + run.offset
        let firstSeen = run.seen[0] + run.offset
        let firstTolerance = tool.resolution + Self.clockEpsilon
        switch tool.clock {
        case .dated:
            let wall = try #require(summary.firstWallClock, "a dated stamp places the log in time")
            let stamped = Double(wall) / 1e9
            #expect(stamped >= firstFed - firstTolerance && stamped <= firstSeen + firstTolerance, "first line at \(stamped), fed at \(firstFed), seen at \(firstSeen)")
        case .timeOfDay:
            let stamp = try #require(importer.firstStamp)
            let nanosecondOfDay: Int64
            switch stamp {
            case .timeOfDay(let value), .dateless(_, _, let value): nanosecondOfDay = value
            default: Issue.record("\(tool.name): first stamp \(stamp) is not a time of day"); return
            }
            let fedOfDay = firstFed.truncatingRemainder(dividingBy: 86_400)
            let seenOfDay = fedOfDay + (firstSeen - firstFed)
            let stamped = Double(nanosecondOfDay) / 1e9
            #expect(stamped >= fedOfDay - firstTolerance && stamped <= seenOfDay + firstTolerance, "first line at \(stamped) s of the day, fed at \(fedOfDay), seen at \(seenOfDay)")
        case .sinceStart, .none:
            break
        }
        if tool.midnight {
            #expect(run.logText.contains("23:59:5") && run.logText.contains("00:00:0"), "the feed crossed midnight in the tool's stamps\n\(run.logText)")
        }
    }
}

/// One run of the feeder (Support/SavedLogFeeder.swift) with a real tool.
struct SavedLogToolRun {
    var directory: String
    var logPath: String
    var fed: [Double]
    /// When each line was seen complete in the tool's log (with --seen; else the fed times).
    var seen: [Double]
    /// Seconds the tool's faked clock ran ahead of the host's (midnight runs), else 0.
    var offset: Double
    var logText: String

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    static func feed(_ tool: SavedLogTool, lines: [(pause: Double, text: String)]) throws -> SavedLogToolRun {
        try requireTool(tool.program)
        if tool.midnight { try requireTool("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1", package: "faketime") }
        let directory = NSTemporaryDirectory() + "ampscope-savedlog-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let linesPath = directory + "/lines.json"
        let json = try JSONSerialization.data(withJSONObject: lines.map { [$0.pause, $0.text] as [Any] })
        try json.write(to: URL(fileURLWithPath: linesPath))
        let logPath = directory + "/tool.log"
        var arguments = [try SavedLogFeeder.scriptPath(), "--mode", tool.mode, "--log", logPath, "--lines", linesPath]
        if tool.midnight { arguments += ["--midnight", directory + "/faketime"] }
        // Stamped logs: bracket each stamp by when the line was fed and when the log held it.
        if tool.clock != .none { arguments.append("--seen") }
        let output = try runFeeder(arguments + ["--"] + tool.command, what: tool.name)
        let result = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        let fed = try #require(result["fed"] as? [Double])
        let offset = (result["offset"] as? Double) ?? Double(result["offset"] as? Int ?? 0)
        let seen = (result["seen"] as? [Double]).flatMap { $0.count == fed.count ? $0 : nil } ?? fed
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "(no log)"
        return SavedLogToolRun(directory: directory, logPath: logPath, fed: fed, seen: seen, offset: offset, logText: text)
    }

    /// Runs the feeder in UTC (times of day then compare with the fed epoch times); its stdout.
    static func runFeeder(_ arguments: [String], what: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        environment["TERM"] = environment["TERM"] ?? "xterm"
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FeederFailure(description: "the feeder for \(what) failed (\(process.terminationStatus)): \(errors)")
        }
        return data
    }

    /// A missing tool fails the test and names the `.ci/run` step that installs it.
    static func requireTool(_ name: String, package: String? = nil) throws {
        let found = name.hasPrefix("/") ? FileManager.default.fileExists(atPath: name)
            : (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
        guard found else {
            let step = name == "grabserial" ? "its `pip install grabserial` step" : "its apt-get install list (package \(package ?? debianPackage[name] ?? name))"
            throw FeederFailure(description: "\(name) is not installed: .ci/run installs it in \(step)")
        }
    }

    static let debianPackage = ["ts": "moreutils", "journalctl": "systemd", "dmesg": "util-linux", "rsyslogd": "rsyslog"]
}

struct FeederFailure: Error, CustomStringConvertible {
    var description: String
}
