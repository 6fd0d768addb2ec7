import AmpScope
import Foundation
import Glibc
import Testing
@testable import AmpScopeTestSupport

/// The line settings as tio and picocom users type them, given to the built tool and read back
/// from a real pseudo-terminal's termios (the test's own descriptor on it) and from what the
/// capture recorded the driver reported.
@Suite("tio's and picocom's spellings of the line settings reach a real port")
struct LineSettingSpellingsTests {
    // picocom: -b, --flow h|x|n, --parity n|e|o; tio: --baud, --flow hard|soft|none; stty: rtscts.
    @Test(arguments: [
        (["-b", "57600", "--flow", "h", "--parity", "n"], true, false, "57600 8N1 rtscts"),
        (["--baud", "57600", "--flow", "hard"], true, false, "57600 8N1 rtscts"),
        (["-b", "57600", "--flow", "rtscts"], true, false, "57600 8N1 rtscts"),
        (["-b", "38400", "--flow", "x"], false, true, "38400 8N1 xonxoff"),
        (["-b", "38400", "--flow", "soft", "--parity", "none"], false, true, "38400 8N1 xonxoff"),
        (["-b", "9600", "--flow", "none"], false, false, "9600 8N1,"),
    ])
    func flowAndBaudSpellingsAreApplied(options: [String], rtscts: Bool, xonxoff: Bool, reported: String) throws {
        let terminal = try SerialTestPTY()
        let directory = temporaryDirectory("line-spelling")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let capture = try ToolProcess(["capture", "--a7", terminal.slavePath, "-o", directory, "--quiet", "--no-findings"] + options)
        // A fresh pseudo-terminal is cooked (ICANON); the capture's one tcsetattr makes it raw.
        let attributes = try waitFor("capture applies \(options) to \(terminal.slavePath)") { () throws -> termios? in
            let attributes = try terminal.slaveAttributes()
            return attributes.c_lflag & tcflag_t(ICANON) == 0 ? attributes : nil
        }
        #expect((attributes.c_cflag & CRTSCTS != 0) == rtscts, "\(options): c_cflag \(String(attributes.c_cflag, radix: 8))")
        #expect((attributes.c_iflag & tcflag_t(IXON | IXOFF) == tcflag_t(IXON | IXOFF)) == xonxoff, "\(options): c_iflag \(String(attributes.c_iflag, radix: 8))")
        try terminal.writeToMaster(Array("ready\r\n".utf8))
        try waitForBytes(directory, console: 0, count: 7)
        capture.signal(SIGTERM)
        #expect(try capture.wait() == 0, "stderr: \(capture.standardError)")
        let applied = Array(try SessionReader(directory: directory)).compactMap { record -> String? in
            if case .control(let control) = record, control.kind == .settingsApplied { return control.detail }
            return nil
        }
        #expect(applied.count == 1 && applied[0].hasPrefix(reported), "\(options): recorded \(applied)")
    }

    /// Linux's pty driver keeps no parity (pty_set_termios), so picocom's `e` asked of a PTY is
    /// refused with what the driver kept: proof that the letter reached the port as even parity.
    @Test(arguments: [("e", "8E1"), ("o", "8O1"), ("even", "8E1"), ("mark", "8M1"), ("s", "8S1")])
    func paritySpellingsReachThePort(word: String, asked: String) throws {
        let terminal = try SerialTestPTY()
        let directory = temporaryDirectory("parity-spelling")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try ToolProcess.run(["capture", "--a7", terminal.slavePath, "-o", directory, "--quiet", "--parity", word, "--duration", "30"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("asked for \(asked), the driver set 8N1"), "--parity \(word): \(result.stderr)")
    }
}
