import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// `ampscope timeline` run as a user runs it, on a session written with SessionWriter and on
/// plain log files; the lines are the real strings from parsers/*.yaml examples.
@Suite struct TimelineCommandTests {
    static let a7Lines = [
        "U-Boot 2016.11 (Dec 07 2020 - 16:53:12 -0300)",
        "## Starting auxiliary core at 0x1FFF80BD ...",
        "Starting kernel ...",
        "[    0.000000] Booting Linux on physical CPU 0x0",
        "[    1.000000] clk: Disabling unused clocks",
        "[    2.000000] Run /sbin/init as init process",
        "colibri-imx7-emmc-06413914 login: ",
    ]
    /// Host seconds each A7 line arrives at: kernel time 0 lands 2.3 s in, 1 s of kernel time later the clocks go.
    static let a7Seconds = [0.0, 1.0, 2.0, 2.3, 3.3, 4.3, 6.0]
    static let m4Lines = ["RPMSG PingPong Demo...", "Name service handshake is done, M4 has setup a rpmsg channel [0 ---> 1024]"]
    static let m4Seconds = [1.01, 3.0]

    static func session(boots: Int = 1) throws -> String {
        let directory = temporaryDirectory("timeline-session")
        var chunks: [(console: UInt16, seconds: Double, bytes: [UInt8])] = []
        for boot in 0..<boots {
            let base = Double(boot) * 10
            chunks += zip(a7Lines, a7Seconds).map { (0, base + $1, Array(($0 + "\r\n").utf8)) }
            chunks += zip(m4Lines, m4Seconds).map { (1, base + $1, Array(($0 + "\r\n").utf8)) }
        }
        chunks.sort { $0.seconds < $1.seconds }
        try TestSession.write(to: directory, chunks: chunks)
        return directory
    }

    static func logs() throws -> (a7: String, m4: String) {
        let directory = temporaryDirectory("timeline-logs")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let a7 = directory + "/minicom-a7.txt"
        let m4 = directory + "/m4.log"
        try (a7Lines.joined(separator: "\n") + "\n").write(toFile: a7, atomically: true, encoding: .utf8)
        try (m4Lines.joined(separator: "\n") + "\n").write(toFile: m4, atomically: true, encoding: .utf8)
        return (a7, m4)
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func sessionIsDrawnOnItsHostTimesWithinTheWidth() throws {
        let directory = try Self.session()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try ToolProcess.run(["timeline", directory, "--width", "100"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = Self.lines(result.stdout)
        #expect(lines.allSatisfy { $0.count <= 100 })
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(lines[0].hasPrefix("── Boot 1 of 1 · "))
        let a7 = try #require(lines.first { $0.hasPrefix("a7 ") })
        #expect(a7.contains("U-Boot") && a7.contains("│kernel") && a7.contains("│userspace") && a7.contains("│login"))
        let m4 = try #require(lines.first { $0.hasPrefix("m4 ") })
        #expect(m4.contains("│started"))
        // Host times straight from the chunks; the kernel line through the kernel clock (printk 0 at 2.3 s).
        #expect(lines.contains { $0.hasPrefix("  1.000 s") && $0.hasSuffix("a7  ## Starting auxiliary core at 0x1FFF80BD ...") })
        #expect(lines.contains { $0.hasPrefix("  1.010 s") && $0.hasSuffix("m4  RPMSG PingPong Demo...") })
        #expect(lines.contains { $0.hasPrefix("  3.300 s") && $0.hasSuffix("a7  clk: Disabling unused clocks") })
        #expect(lines.contains { $0.contains("m4  [last M4 line] Name service handshake is done") })
    }

    @Test func jsonOfASessionReadsBackAndBootSelectionPicksOne() throws {
        let directory = try Self.session(boots: 2)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let all = try ToolProcess.run(["timeline", directory, "--format", "json"])
        #expect(all.status == 0, "\(all.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])
        #expect(document["tool"] as? String == "ampscope")
        #expect((document["consoles"] as? [[String: Any]])?.map { $0["name"] as? String } == ["a7", "m4"])
        #expect((document["inputs"] as? [[String: Any]])?.first?["format"] as? String == "session")
        let boots = try #require(document["boots"] as? [[String: Any]])
        #expect(boots.map { $0["index"] as? Int } == [1, 2])
        #expect(boots[1]["boundary"] as? String == "bootloader-banner")

        let second = try ToolProcess.run(["timeline", directory, "--format", "json", "--boot", "2"])
        let picked = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        #expect((picked["boots"] as? [[String: Any]])?.map { $0["index"] as? Int } == [2])

        let last = try ToolProcess.run(["timeline", directory, "--boot", "last"])
        #expect(last.status == 0)
        #expect(last.stdout.hasPrefix("── Boot 2 of 2 · from a bootloader banner"))
        #expect(!last.stdout.contains("Boot 1 of 2"))

        let missing = try ToolProcess.run(["timeline", directory, "--boot", "3"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("there is no boot 3: the input has 2 boots (give --boot 1 to 2, or --boot last)"))
    }

    @Test func separateLogsAndAMergedLogGiveBothLanes() throws {
        let (a7, m4) = try Self.logs()
        defer { try? FileManager.default.removeItem(atPath: (a7 as NSString).deletingLastPathComponent) }
        let separate = try ToolProcess.run(["timeline", "--a7", a7, "--m4", m4])
        #expect(separate.status == 0, "\(separate.stderr)")
        let lines = Self.lines(separate.stdout)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines.contains { $0.hasPrefix("a7 ") && $0.contains("│kernel") })
        #expect(lines.contains { $0.hasPrefix("m4 ") && $0.contains("name service") })
        #expect(lines.contains { $0.hasSuffix("a7  clk: Disabling unused clocks") })

        let merged = (a7 as NSString).deletingLastPathComponent + "/both.log"
        let text = Self.a7Lines.prefix(3).map { "a7: " + $0 } + Self.m4Lines.prefix(1).map { "m4: " + $0 } + Self.a7Lines.dropFirst(3).map { "a7: " + $0 }
        try (text.joined(separator: "\n") + "\n").write(toFile: merged, atomically: true, encoding: .utf8)
        let combined = try ToolProcess.run(["timeline", "--merged", merged, "--format", "json"])
        #expect(combined.status == 0, "\(combined.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(combined.stdout.utf8)) as? [String: Any])
        #expect(Set((document["consoles"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []) == ["a7", "m4"])
        #expect((document["inputs"] as? [[String: Any]])?.first?["format"] as? String == "merged")

        let single = try ToolProcess.run(["timeline", m4, "--console", "m4", "--width", "60"])
        #expect(single.status == 0, "\(single.stderr)")
        #expect(Self.lines(single.stdout).allSatisfy { $0.count <= 60 })
        #expect(single.stdout.contains("m4  RPMSG PingPong Demo..."))
        #expect(!single.stdout.contains("\na7 "))
    }

    @Test func badInvocationsAreUsageErrors() throws {
        let nothing = try ToolProcess.run(["timeline"])
        #expect(nothing.status == 64)
        #expect(nothing.stderr.contains("nothing to analyze: give a session directory or a log file, or --a7/--m4 log files, or --merged"))
        let both = try ToolProcess.run(["timeline", "session-dir", "--a7", "a7.log"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("give either a session or log file as the argument, or --a7/--m4/--merged files, not both"))
        let format = try ToolProcess.run(["timeline", "a7.log", "--input-format", "minicom"])
        #expect(format.status == 64)
        #expect(format.stderr.contains("'minicom' is invalid for '--input-format <format>'") && format.stderr.contains("- grabserial"))
        let narrow = try ToolProcess.run(["timeline", "a7.log", "--width", "20"])
        #expect(narrow.status == 64)
        #expect(narrow.stderr.contains("--width 20 is out of range: give 40 or more columns"))
    }

    @Test func unreadableInputsFailWithWhatToDo() throws {
        let directory = temporaryDirectory("timeline-bad")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let missing = try ToolProcess.run(["timeline", "--a7", directory + "/no-such-a7.log"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot open \(directory)/no-such-a7.log: No such file or directory"))

        let notASession = try ToolProcess.run(["timeline", directory])
        #expect(notASession.status == 1)
        #expect(notASession.stderr.contains("\(directory) is not an ampscope session"))

        let binary = directory + "/capture.bin"
        var generator = TestSeed.generator("TimelineCommandTests.binary")
        try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: URL(fileURLWithPath: binary))
        let unknown = try ToolProcess.run(["timeline", binary])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("\(binary) does not look like a console log: tried plain, tio, grabserial, ts, dmesg"))
        #expect(unknown.stderr.contains("force a format with --input-format plain"))
    }
}
