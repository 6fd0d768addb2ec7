import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The emulated AMP board (Tests/Fixtures/amp-board/amp_board.py): the real Debian kernel on QEMU's
/// i.MX7D as the A-core, the firmware of Tests/Fixtures/mcore-firmware on QEMU's mps2-an386 as the
/// M-core, both consoles on PTYs captured by `ampscope capture` as a user would. The harness
/// freezes the M-core (QMP stop) or garbles its console the moment a chosen A-core line arrives.
/// Each scenario is one boot; each also checks the kernel clock model against the harness's own
/// arrival times, under a different console setup (earlycon or not, paced at 115200 or not).
@Suite(.serialized) struct IntegrationAmpBoardTests {
    struct Scenario {
        var name: String
        var trigger: String?
        var action: String = "none"
        var pace: Int?
        var earlycon = true
    }

    struct Result {
        var boot: BootTimeline
        var findings: [String]
        /// The harness's a7-arrivals.tsv.
        var arrivals: String
    }

    static let harness = RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/amp-board/amp_board.py").path
    static let firmware = RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/mcore-firmware/build/mcore-heartbeat.elf").path
    /// Console silence before a line that shows, on the harness's side, that nothing queued ahead of it.
    static let idleGap: Int64 = 20_000_000

    @Test(.timeLimit(.minutes(15))) func haltAtClockGatingIsTheClockGatingFinding() throws {
        let result = try Self.capture(Scenario(name: "gating", trigger: "clk: Disabling unused clocks", action: "stop"))
        #expect(result.findings.contains("m4-halted-at-clock-gating"), "\(result.findings)")
        #expect(!result.findings.contains("m4-halted-during-linux-boot"), "\(result.findings)")
        try Self.checkClock(result, setup: "earlycon, unpaced")
    }

    /// Another boot event, a second before the gate: "Run /init" came only ~60 ms after the gate
    /// line on a quiet host, too close to tell the two apart by the M-core's last line.
    @Test(.timeLimit(.minutes(15))) func haltAtANetworkInitIsAHaltDuringBootNotClockGating() throws {
        let result = try Self.capture(Scenario(name: "net", trigger: "NET: Registered PF_INET6 protocol family", action: "stop", earlycon: false))
        #expect(result.findings.contains("m4-halted-during-linux-boot"), "\(result.findings)")
        #expect(!result.findings.contains("m4-halted-at-clock-gating"), "\(result.findings)")
        try Self.checkClock(result, setup: "no earlycon, unpaced")
    }

    @Test(.timeLimit(.minutes(15))) func garbageAfterLinuxIsTheGarbageFinding() throws {
        let result = try Self.capture(Scenario(name: "garbage", trigger: "Run /init as init process", action: "garble", pace: 115200))
        #expect(result.findings.contains("m4-console-garbage-after-linux"), "\(result.findings)")
        #expect(!result.findings.contains { $0.hasPrefix("m4-halted") }, "\(result.findings)")
        try Self.checkClock(result, setup: "earlycon, paced at 115200")
    }

    @Test(.timeLimit(.minutes(15))) func healthyBoardHasNoMcoreFinding() throws {
        let result = try Self.capture(Scenario(name: "healthy", pace: 115200, earlycon: false))
        let mcore = result.findings.filter { $0.hasPrefix("m4-") || $0 == "wrong-baud" || $0 == "uart-shared-with-linux" }
        #expect(mcore.isEmpty, "\(result.findings)")
        try Self.checkClock(result, setup: "no earlycon, paced at 115200")
    }

    /// Boots the board for `scenario`, captures both consoles until the A-core's init has printed
    /// its fifth heartbeat (well over the rules' 3 s of M-core silence after `Run /init`), analyzes.
    static func capture(_ scenario: Scenario) throws -> Result {
        let script = QemuBootCaptureTests.bootScript
        try #require(FileManager.default.fileExists(atPath: script), "boot-a7.sh not found at \(script): clone the repository beside shared/")
        try #require(FileManager.default.fileExists(atPath: firmware),
                     "no M-core firmware at \(firmware): run .ci/run's 'M-core firmware' step (make -C Tests/Fixtures/mcore-firmware OUT=build; needs gcc-arm-none-eabi from its apt-get install step)")
        try #require(onPath("qemu-system-arm"), "qemu-system-arm not found: .ci/run's apt-get install step installs it")
        let run = temporaryDirectory("amp-\(scenario.name)")
        defer { try? FileManager.default.removeItem(atPath: run) }
        var arguments = [
            "python3", harness, "--boot-script", script, "--cache", try QemuCache.folder("amp-board"),
            "--firmware", firmware, "--run", run, "--hbmax", "8", "--timeout", "600", "--action", scenario.action,
        ]
        if let trigger = scenario.trigger { arguments += ["--trigger", trigger] }
        if let pace = scenario.pace { arguments += ["--pace", String(pace)] }
        if !scenario.earlycon { arguments.append("--no-earlycon") }
        let board = Process()
        board.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        board.arguments = arguments
        board.standardOutput = FileHandle.nullDevice
        let log = run + "/harness.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        board.standardError = FileHandle(forWritingAtPath: log)
        try board.run()
        defer {
            if board.isRunning { board.terminate() }
            board.waitUntilExit()
        }
        // The first boot downloads Debian's kernel: the deadline only ends a hang.
        let ptys: [String: String] = try waitFor("the board harness to print its PTYs", deadline: 600, poll: 0.1) {
            var ptys: [String: String] = [:]
            if let text = try? String(contentsOfFile: run + "/ptys", encoding: .utf8) {
                for row in text.split(separator: "\n") {
                    let parts = row.split(separator: " ")
                    if parts.count == 2 { ptys[String(parts[0])] = String(parts[1]) }
                }
            }
            if ptys.count == 2 { return ptys }
            let harnessLog = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            try #require(board.isRunning, "the board harness ended: \(harnessLog)")
            return nil
        }
        let directory = run + "/session"
        let capture = try ToolProcess.run(
            ["capture", "--a7", ptys["a7"]!, "--m4", ptys["m4"]!, "-o", directory, "--until", "a7:heartbeat 5", "--duration", "300", "--quiet"], deadline: 400)
        #expect(capture.status == 0, "\(capture.stderr)")
        if scenario.trigger != nil {
            let actions = (try? String(contentsOfFile: run + "/actions.tsv", encoding: .utf8)) ?? ""
            try #require(actions.contains(scenario.action), "the trigger line never came: \(scenario.trigger!)")
        }
        let timeline = try TimelineAnalyzer.run(.session(directory: directory), classifier: try Classifier())
        #expect(timeline.boots.count == 1)
        let boot = try #require(timeline.boots.first)
        let diagnosis = try Diagnoser.builtin().diagnose(boot, consoles: timeline.consoles)
        let findings = diagnosis.findings.map(\.rule)
        print("amp-board \(scenario.name): findings \(findings)")
        let arrivals = try String(contentsOfFile: run + "/a7-arrivals.tsv", encoding: .utf8)
        return Result(boot: boot, findings: findings, arrivals: arrivals)
    }

    /// Lines the kernel printed while the console was idle must reach the host within the model's
    /// bound of the model's time for them. The harness stamps each line when it reads it from
    /// QEMU, before ampscope does, on the same CLOCK_MONOTONIC; from its own stamps it decides
    /// which lines were printed while idle: `idleGap` of silence before them, and printed (printk
    /// time plus the harness's own lowest arrival − printk offset) after the previous line ended.
    static func checkClock(_ result: Result, setup: String) throws {
        let model = try #require(result.boot.kernelClock)
        #expect(model.method == .minimumDelay)
        let hostStart = Int64(try #require(result.boot.hostStart))
        var rows: [(arrival: Int64, gap: Int64, kernel: Int64, text: Substring)] = []
        for row in result.arrivals.split(separator: "\n") {
            let fields = row.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let arrival = Int64(fields[0]), let gap = Int64(fields[1]),
                  let kernel = printkMicroseconds(String(fields[2])) else { continue }
            rows.append((arrival, gap, kernel, fields[2]))
        }
        // What a minimum-delay filter over every printk line takes as the offset (the old model),
        // and the harness's own offset over the lines printk's clock stamped.
        let unclockedOffset = rows.map { $0.arrival - $0.kernel * 1000 }.min() ?? 0
        let clocked = rows.filter { $0.kernel > 0 }
        let harnessOffset = try #require(clocked.map { $0.arrival - $0.kernel * 1000 }.min())
        var checked = 0
        var worst: Int64 = 0
        for row in clocked where row.gap >= idleGap && harnessOffset + row.kernel * 1000 >= row.arrival - row.gap {
            let drift = model.driftPPM.map { Double(row.kernel * 1000) * $0 / 1_000_000 } ?? 0
            let predicted = hostStart + row.kernel * 1000 + Int64(drift.rounded()) + model.offset
            let error = abs(row.arrival - predicted)
            worst = max(worst, error)
            checked += 1
            #expect(error <= model.errorBound, "\(setup): \(row.text) arrived \(error) ns from the model's time, bound \(model.errorBound) ns")
        }
        let modelOffset = hostStart + model.offset
        print("amp-board clock (\(setup)): \(checked) idle lines, worst error \(worst) ns, bound \(model.errorBound) ns, "
              + "samples \(model.samples), late \(model.lateSamples); model offset − harness offset \(modelOffset - harnessOffset) ns, "
              + "old (unclocked lines in) − harness offset \(unclockedOffset - harnessOffset) ns")
        // The harness saw the whole boot: the check is on real lines, not on none.
        #expect(checked >= 3, "\(setup): only \(checked) lines were printed while the console was idle")
    }

    static func onPath(_ tool: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
    }

    /// `[   12.345678] …` → 12345678.
    static func printkMicroseconds(_ line: String) -> Int64? {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return nil }
        let stamp = line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: .whitespaces)
        let parts = stamp.split(separator: ".")
        guard parts.count == 2, parts[1].count == 6, let seconds = Int64(parts[0]), let micros = Int64(parts[1]) else { return nil }
        return seconds * 1_000_000 + micros
    }
}
