import AmpScope
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import AmpScopeTestSupport

/// A real Linux kernel booting on QEMU's i.MX7D, its console on a PTY, captured by `ampscope capture`.
/// Needs ../shared/tools/qemu-imx7 beside the repository and the board cache .ci/run's prepare step
/// fills (AMPSCOPE_QEMU_CACHE); it fails, not skips, when they are missing.
@Suite(.serialized) struct QemuBootCaptureTests {
    static var bootScript: String {
        RepositoryPaths.shared.appendingPathComponent("tools/qemu-imx7/boot-a7.sh").path
    }

    @Test(.timeLimit(.minutes(15))) func realKernelBootIsCapturedWithItsKeyLines() throws {
        let script = Self.bootScript
        try #require(FileManager.default.isExecutableFile(atPath: script) || FileManager.default.fileExists(atPath: script),
                     "boot-a7.sh not found at \(script): clone the repository beside shared/")
        let cache = try QemuCache.folder("boot")
        Self.runScript([script, "stop", "--cache", cache])  // a board left over from an interrupted run
        defer { Self.runScript([script, "stop", "--cache", cache]) }
        // QEMU inherits the script's stdout, so a pipe would never reach end-of-file: use a file.
        let ptyFile = NSTemporaryDirectory() + "ampscope-qemu-pty-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: ptyFile) }
        let status = Self.runScript([script, "--cache", cache, "--hbmax", "3", "--timeout", "300"], stdout: ptyFile)
        let pty = ((try? String(contentsOfFile: ptyFile, encoding: .utf8)) ?? "")
            .split(separator: "\n").first.map(String.init) ?? ""
        try #require(status == 0 && pty.hasPrefix("/dev/pts/"), "boot-a7.sh did not start a board (status \(status))")

        let directory = temporaryDirectory("qemu")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let capture = try ToolProcess.run(
            ["capture", "--a7", pty, "-o", directory, "--until", "a7:heartbeat 2", "--duration", "240", "--quiet"],
            deadline: 600)
        #expect(capture.status == 0, "\(capture.stderr)")
        #expect(capture.stderr.contains("printed \"heartbeat 2\""), "the boot did not reach userspace: \(capture.stderr)")

        let text = try ToolProcess.run(["export", directory, "--console", "a7", "--format", "text"]).stdout
        let lines = text.split(separator: "\n")
        let booting = try #require(lines.firstIndex { $0.contains("Booting Linux on physical CPU") })
        let gating = try #require(lines.firstIndex { $0.contains("clk: Disabling unused clocks") })
        let heartbeat = try #require(lines.firstIndex { $0.contains("heartbeat 1") })
        #expect(booting < gating && gating < heartbeat)
        // The kernel's printk line and our host stamp both sit on the captured line.
        #expect(lines[gating].hasPrefix("[+"))
        #expect(lines[gating].contains("] ["))
    }

    /// Runs bash with posix_spawn and waitpid. Foundation's Process is not used here: boot-a7.sh
    /// leaves QEMU running in the background, and QEMU would inherit the descriptor Foundation
    /// watches for the child's exit, so waitUntilExit would never return.
    @discardableResult
    static func runScript(_ arguments: [String], stdout path: String? = nil) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, path ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let argv = (["/bin/bash"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/bash", &actions, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS by hand: the macros are not imported into Swift.
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
    }
}
