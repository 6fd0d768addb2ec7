import Foundation
import Testing
@testable import AmpScopeTestSupport

/// `ampscope replay` ends by itself, with a message saying what to do, when nothing opens its
/// pseudo-terminals (it used to wait forever without --open-timeout).
@Suite struct ReplayOpenTimeoutTests {
    static let board = """
        console a7 kind=application
        console m4 kind=microcontroller
        0.000 a7 U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)
        0.100 m4 RPMSG PingPong Demo...
        """

    @Test func replayThatNobodyOpensGivesUpWithAClearMessage() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let script = scratch.path + "/boot.board"
        try Self.board.write(toFile: script, atomically: true, encoding: .utf8)
        // The deadline of wait() only ends a hang; the replay must exit on its own, non-zero.
        let result = try ToolProcess.run(["replay", script, "--open-timeout", "1"], deadline: 300)
        #expect(result.status != 0)
        #expect(result.stderr.contains("nobody opened the pseudo-terminal of a7, m4"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("--open-timeout"), "the message says how to wait longer: \(result.stderr)")
    }

    @Test func helpStatesTheDefaultOpenTimeout() throws {
        let result = try ToolProcess.run(["replay", "--help"])
        #expect(result.status == 0)
        let help = result.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        #expect(help.contains("(default: 300"), "help: \(result.stdout)")
    }

    @Test func zeroOrNegativeOpenTimeoutIsRefused() throws {
        for value in ["0", "-5"] {
            let result = try ToolProcess.run(["replay", "x.board", "--open-timeout=\(value)"])
            #expect(result.status != 0)
            #expect(result.stderr.contains("--open-timeout \(value) is out of range: give a number of seconds greater than 0"), "stderr for \(value): \(result.stderr)")
        }
    }
}
