import Foundation
import Testing
@testable import AmpScopeTestSupport

/// Two saved logs with times of day from one host, written by the real tools (tio -t on the
/// A-core, grabserial -T on the M-core) on PTYs while one faked clock (libfaketime) crosses
/// midnight: `ampscope` must put both on one axis across the rollover and say it assumed one clock.
@Suite("two time-of-day logs across midnight", .serialized)
struct IntegrationSavedLogMidnightPairTests {
    /// Seconds from the start of the feed; the consoles take turns so an error of one of them shows
    /// as a line out of order, and midnight falls between 1 and 2 s (see `offsetToMidnight`).
    static let a7: [(at: Double, text: String)] = [
        (0.0, "U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)"),
        (1.4, "Starting kernel ..."),
        (2.8, "[    0.000000] Booting Linux on physical CPU 0x0"),
    ]
    static let m4: [(at: Double, text: String)] = [
        (0.7, "RPMSG String Echo FreeRTOS RTOS API Demo..."),
        (2.1, "RPMSG Share Base Addr is 0xb8000000"),
        (3.5, "Link is up!"),
    ]
    /// The tools' stamp resolution (tio: ms; grabserial: µs) and two processes' readings of the clock.
    static let tolerance = 0.001 + IntegrationSavedLogToolTests.clockEpsilon

    @Test("tio -t and grabserial -T across midnight: one axis, lines where they were fed, and the assumption said")
    func tioAndGrabserialAcrossMidnight() throws {
        try SavedLogToolRun.requireTool("tio")
        try SavedLogToolRun.requireTool("grabserial")
        try SavedLogToolRun.requireTool("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1", package: "faketime")
        let directory = NSTemporaryDirectory() + "ampscope-midnight-pair-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = directory + "/faketime"
        try "+0\n".write(toFile: clock, atomically: true, encoding: .utf8)
        let go = directory + "/go"

        let feeders = try [
            ("a7", Self.a7, ["tio", "-t", "-l", "--log-file", "{log}", "{port}"]),
            ("m4", Self.m4, ["grabserial", "-S", "-d", "{port}", "-T", "-o", "{log}"]),
        ].map { name, lines, command in
            try Self.startFeeder(name: name, lines: lines, command: command, directory: directory, clock: clock, go: go)
        }
        try waitUntil("both tools hold their ports and have opened their logs") {
            feeders.allSatisfy { FileManager.default.fileExists(atPath: $0.ready) || !$0.process.isRunning }
        }
        // One faked clock for both tools, set just before the feed starts: midnight comes 1–2 s into it.
        try "+\(Self.offsetToMidnight(now: Date().timeIntervalSince1970))s\n".write(toFile: clock, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: go, contents: nil)
        var fed: [String: Double] = [:]
        var seen: [String: Double] = [:]
        for feeder in feeders {
            let output = feeder.stdout.fileHandleForReading.readDataToEndOfFile()
            feeder.process.waitUntilExit()
            let errors = String(decoding: feeder.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            try #require(feeder.process.terminationStatus == 0, "the \(feeder.name) feeder failed: \(errors)")
            let result = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
            let times = try #require(result["fed"] as? [Double])
            let held = try #require(result["seen"] as? [Double], "the \(feeder.name) feeder reports when each line was in the log")
            try #require(times.count == feeder.lines.count && held.count == feeder.lines.count, "\(result)")
            for (line, (time, inLog)) in zip(feeder.lines, zip(times, held)) {
                fed[line.text] = time
                seen[line.text] = inLog
            }
        }

        let a7Log = directory + "/a7.log", m4Log = directory + "/m4.log"
        for path in [a7Log, m4Log] {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            #expect(text.contains("23:59:5") && text.contains("00:00:0"), "the tool's stamps crossed midnight:\n\(text)")
        }

        let timeline = try ToolProcess.run(["timeline", "--a7", a7Log, "--m4", m4Log, "--json"])
        #expect(timeline.status == 0, "\(timeline.stderr)")
        let placed = Self.placements(in: try JSONSerialization.jsonObject(with: Data(timeline.stdout.utf8)))
        // Each tool stamped its line after it was fed and before its log held it (the feeder's --seen),
        // so each placement lies in that bracket, measured from the first A-core line's own bracket,
        // however loaded the machine.
        let firstFed = try #require(fed[Self.a7[0].text]), firstSeen = try #require(seen[Self.a7[0].text])
        let firstPlaced = try #require(placed[Self.a7[0].text], "the first A-core line is placed: \(timeline.stdout.prefix(600))")
        for line in Self.a7 + Self.m4 {
            let time = try #require(placed[line.text], "\"\(line.text)\" is placed on the axis")
            let read = Double(time - firstPlaced) / 1e9
            let earliest = try #require(fed[line.text]) - firstSeen - Self.tolerance
            let latest = try #require(seen[line.text]) - firstFed + Self.tolerance
            #expect(read >= earliest && read <= latest, "\"\(line.text)\": placed \(read) s after the first A-core line, fed and seen between \(earliest) and \(latest) s after it")
        }

        let analyze = try ToolProcess.run(["analyze", "--a7", a7Log, "--m4", m4Log])
        let said = (analyze.stdout + analyze.stderr).replacingOccurrences(of: "\n  ", with: " ")
        #expect(said.contains("assumed one host's clock"), "the output says the two logs were put on one clock by assumption:\n\(said)")
    }

    /// The faketime offset, in whole seconds, that puts the faked clock 1.0–2.0 s before the next UTC midnight.
    static func offsetToMidnight(now: Double) -> Int {
        Int(((now / 86_400).rounded(.down) + 1) * 86_400 - 1.5 - now)
    }

    struct Feeder {
        var name: String
        var lines: [(at: Double, text: String)]
        var process: Process
        var stdout: Pipe
        var stderr: Pipe
        var ready: String
    }

    static func startFeeder(
        name: String, lines: [(at: Double, text: String)], command: [String], directory: String, clock: String, go: String
    ) throws -> Feeder {
        var previous = 0.0
        let paced = lines.map { line -> [Any] in
            defer { previous = line.at }
            return [line.at - previous, line.text]
        }
        let linesPath = "\(directory)/\(name).json"
        try JSONSerialization.data(withJSONObject: paced).write(to: URL(fileURLWithPath: linesPath))
        let ready = "\(directory)/\(name).ready"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", try SavedLogFeeder.scriptPath(), "--mode", "pty", "--log", "\(directory)/\(name).log",
                             "--lines", linesPath, "--faketime", clock, "--ready", ready, "--go", go, "--seen", "--"] + command
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        environment["TERM"] = environment["TERM"] ?? "xterm"
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Feeder(name: name, lines: lines, process: process, stdout: stdout, stderr: stderr, ready: ready)
    }

    /// Every event's text and its time on the boot's axis, from `timeline --json`.
    static func placements(in node: Any) -> [String: Int64] {
        var found: [String: Int64] = [:]
        func visit(_ node: Any) {
            if let object = node as? [String: Any] {
                if let event = object["event"] as? [String: Any], let text = event["text"] as? String,
                   let placement = object["placement"] as? [String: Any], let time = placement["time"] as? NSNumber {
                    found[text] = found[text] ?? time.int64Value
                }
                object.values.forEach(visit)
            } else if let array = node as? [Any] {
                array.forEach(visit)
            }
        }
        visit(node)
        return found
    }
}
