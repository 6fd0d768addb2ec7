import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import AmpScope

/// The target's own logs, written by the real tools: `dmesg` (util-linux, reading a kernel
/// buffer file with -F), `journalctl -k` on a real journal file that systemd-journal-remote
/// built from an export stream, and rsyslog's files of messages sent with `logger`.
@Suite("Target logs written by dmesg, journalctl and rsyslog read back with their times", .serialized)
struct IntegrationSavedLogTargetTests {
    /// Kernel lines and their printk times (µs).
    static let kernel: [(microseconds: Int64, text: String)] = [
        (0, "Booting Linux on physical CPU 0x0"),
        (94_612, "imx rpmsg driver is registered."),
        (2_058_899, "clk: Disabling unused clocks"),
        (3_120_044, "Run /init as init process"),
        (7_415_500, "remoteproc remoteproc0: remote processor imx-rproc is now up"),
    ]

    static func scratch() throws -> String {
        let directory = NSTemporaryDirectory() + "ampscope-target-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Runs a tool with its stdout into `output`; its exit status.
    @discardableResult
    static func run(_ arguments: [String], output: String? = nil) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        process.environment = environment
        if let output {
            _ = FileManager.default.createFile(atPath: output, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        } else {
            process.standardOutput = FileHandle.nullDevice
        }
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func importLog(_ path: String) throws -> (chunks: [(time: UInt64, text: String)], summary: ImportedLog) {
        let importer = try LogImporter(path: path, options: LogImportOptions(consoleName: "a7"))
        var chunks: [(UInt64, String)] = []
        let summary = try importer.importAll { chunk in
            let text = String(decoding: chunk.bytes, as: UTF8.self)
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                chunks.append((chunk.time, String(line)))
            }
        }
        return (chunks, summary)
    }

    @Test("dmesg, dmesg -r and dmesg -T keep the kernel times that were fed", arguments: [
        (option: "", format: LogFormat.dmesg), (option: "-r", format: LogFormat.dmesgRaw), (option: "-T", format: LogFormat.dmesgWallClock),
    ])
    func dmesg(option: String, format: LogFormat) throws {
        try SavedLogToolRun.requireTool("dmesg")
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The kernel's buffer as syslog(2) returns it: `<level>[seconds.micro] text`.
        let buffer = Self.kernel.map { line in
            let fraction = String(line.microseconds % 1_000_000)
            let whole = String(line.microseconds / 1_000_000)
            return "<6>[" + String(repeating: " ", count: 5 - whole.count) + whole + "." + String(repeating: "0", count: 6 - fraction.count) + fraction + "] " + line.text + "\n"
        }.joined()
        try buffer.write(toFile: directory + "/kmsg", atomically: true, encoding: .utf8)
        let log = directory + "/dmesg.log"
        #expect(try Self.run(["dmesg", "-F", directory + "/kmsg"] + (option.isEmpty ? [] : [option]), output: log) == 0)
        let (chunks, summary) = try Self.importLog(log)
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(summary.format == format, "dmesg \(option) read as \(summary.format)\n\(text)")
        #expect(!summary.hasHostTimes, "the kernel's times are not host times")
        #expect(chunks.count == Self.kernel.count, "\(chunks.map(\.text))")
        for (chunk, fed) in zip(chunks, Self.kernel) {
            #expect(chunk.text.hasSuffix(fed.text))
            if format == .dmesgWallClock {
                // -T adds the host's boot time: 1 s resolution, so intervals hold within 1 s.
                let read = Int64(chunk.time - chunks[0].time) / 1_000
                #expect(abs(read - fed.microseconds) <= 1_000_000, "\(chunk.text): \(read) µs, fed \(fed.microseconds)")
            } else {
                let stamp = try #require(chunk.text.firstIndex(of: "["))
                #expect(chunk.text[stamp...].hasPrefix("["), "the kernel stamp stays in the text: \(chunk.text)")
                #expect(!chunk.text.hasPrefix("<"), "the level goes: \(chunk.text)")
            }
        }
    }

    @Test("journalctl -k on a real journal file: monotonic, precise and ISO stamps", arguments: [
        "short-monotonic", "short-precise", "short-iso", "short-iso-precise",
    ])
    func journal(output: String) throws {
        try SavedLogToolRun.requireTool("journalctl", package: "systemd")
        try SavedLogToolRun.requireTool("/lib/systemd/systemd-journal-remote", package: "systemd-journal-remote")
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bootID = try String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "-", with: "")
        let start: Int64 = 1_795_596_720_250_000 // µs since 1970: 2026-11-25 08:52:00.25 UTC
        let export = Self.kernel.enumerated().map { index, line in
            """
            __CURSOR=s=0;i=\(index)
            __REALTIME_TIMESTAMP=\(start + line.microseconds)
            __MONOTONIC_TIMESTAMP=\(line.microseconds)
            _BOOT_ID=\(bootID)
            _TRANSPORT=kernel
            PRIORITY=6
            SYSLOG_IDENTIFIER=kernel
            _HOSTNAME=colibri-imx7
            MESSAGE=\(line.text)


            """
        }.joined()
        try export.write(toFile: directory + "/export", atomically: true, encoding: .utf8)
        #expect(try Self.run(["/lib/systemd/systemd-journal-remote", "-o", directory + "/kernel.journal", directory + "/export"]) == 0)
        let log = directory + "/journal.log"
        #expect(try Self.run(["journalctl", "--file", directory + "/kernel.journal", "-k", "-o", output, "--no-pager"], output: log) == 0)
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let (chunks, summary) = try Self.importLog(log)
        #expect(chunks.count == Self.kernel.count, "\(text)")
        #expect(!summary.hasHostTimes, "the target's journal times are not host times")
        if output == "short-monotonic" {
            #expect(summary.format == .journalctl, "\(text)")
            for (chunk, fed) in zip(chunks, Self.kernel) { #expect(chunk.text.hasPrefix("[") && chunk.text.hasSuffix("] " + fed.text), "\(chunk.text)") }
            return
        }
        #expect(summary.format == .syslog, "journalctl -o \(output) read as \(summary.format)\n\(text)")
        let resolution: Int64 = output == "short-iso" ? 1_000_000 : 1
        for (chunk, fed) in zip(chunks, Self.kernel) {
            #expect(chunk.text == fed.text, "host and `kernel:` go: \(chunk.text)")
            let read = Int64(chunk.time - chunks[0].time) / 1_000
            #expect(abs(read - fed.microseconds) <= resolution, "\(chunk.text): \(read) µs after the first, fed \(fed.microseconds)")
        }
        if output.hasPrefix("short-iso") {
            let wall = try #require(summary.firstWallClock)
            #expect(abs(wall / 1_000 - start) <= resolution + (output == "short-iso" ? 250_000 : 0), "first line at \(wall) ns, fed \(start) µs")
        }
    }

    @Test("rsyslog's traditional and precise files of kernel messages sent with logger")
    func rsyslog() throws {
        try SavedLogToolRun.requireTool("rsyslogd", package: "rsyslog")
        try SavedLogToolRun.requireTool("logger", package: "bsdutils")
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = """
            module(load="imuxsock" SysSock.Use="off")
            input(type="imuxsock" Socket="\(directory)/log.sock")
            *.* action(type="omfile" file="\(directory)/traditional" template="RSYSLOG_TraditionalFileFormat")
            *.* action(type="omfile" file="\(directory)/precise" template="RSYSLOG_FileFormat")
            """
        try config.write(toFile: directory + "/rsyslog.conf", atomically: true, encoding: .utf8)
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        daemon.arguments = ["rsyslogd", "-n", "-f", directory + "/rsyslog.conf", "-i", directory + "/pid"]
        daemon.standardOutput = FileHandle.nullDevice
        daemon.standardError = FileHandle.nullDevice
        try daemon.run()
        defer { kill(daemon.processIdentifier, SIGKILL); daemon.waitUntilExit() }
        try waitUntil("rsyslogd to create \(directory)/log.sock") { FileManager.default.fileExists(atPath: directory + "/log.sock") }
        // Each line is bracketed: rsyslogd stamps it after it was fed (before logger ran) and before
        // both files held it, whatever the load adds in between.
        var fed: [Double] = []
        var seen: [Double] = []
        let pauses = [0.0, 0.35, 0.8, 0.2, 0.5]
        for (index, (line, pause)) in zip(Self.kernel, pauses).enumerated() {
            usleep(UInt32(pause * 1_000_000))
            fed.append(Date().timeIntervalSince1970)
            #expect(try Self.run(["logger", "-u", directory + "/log.sock", "-t", "kernel", line.text]) == 0)
            try waitUntil("rsyslogd to write line \(index) to both files") {
                ["traditional", "precise"].allSatisfy { file in
                    let text = (try? String(contentsOfFile: directory + "/" + file, encoding: .utf8)) ?? ""
                    return text.components(separatedBy: "\n").filter { $0.hasSuffix(" " + line.text) }.count
                        > Self.kernel[..<index].filter { $0.text == line.text }.count
                }
            }
            seen.append(Date().timeIntervalSince1970)
        }
        for file in ["traditional", "precise"] {
            let text = (try? String(contentsOfFile: directory + "/" + file, encoding: .utf8)) ?? ""
            let (chunks, summary) = try Self.importLog(directory + "/" + file)
            #expect(summary.format == .syslog, "rsyslog \(file) read as \(summary.format)\n\(text)")
            #expect(chunks.map(\.text) == Self.kernel.map(\.text), "\(text)")
            let tolerance = (file == "traditional" ? 1.0 : 0.000001) + IntegrationSavedLogToolTests.clockEpsilon
            for (index, chunk) in chunks.enumerated() where index < fed.count {
                let read = Double(chunk.time - chunks[0].time) / 1e9
                let earliest = fed[index] - seen[0] - tolerance, latest = seen[index] - fed[0] + tolerance
                #expect(read >= earliest && read <= latest, "\(file) \(chunk.text): read \(read) s after the first line, fed and seen between \(earliest) and \(latest) s")
            }
            if file == "precise", let wall = summary.firstWallClock {
                let stamped = Double(wall) / 1e9
                #expect(stamped >= fed[0] - tolerance && stamped <= seen[0] + tolerance, "first line at \(stamped), fed at \(fed[0]), seen at \(seen[0])")
            } else if file == "precise" {
                Issue.record("the precise file's dated stamps place it in time")
            }
        }
    }
}
