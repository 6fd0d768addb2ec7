import AmpScope
import Foundation
import Glibc
import Testing
@testable import AmpScopeTestSupport

/// A capture reopens only the device the user named (issue 17): a pseudo-terminal is never
/// reopened, since the system hands its number to the next program that opens one.
@Suite struct CaptureReopenIdentityTests {
    static func controls(_ directory: String, console: UInt16) throws -> [ControlRecord] {
        Array(try SessionReader(directory: directory)).compactMap { record -> ControlRecord? in
            if case .control(let control) = record, control.console == console { return control }
            return nil
        }
    }

    static func hasHangup(_ master: Int32) -> Bool {
        var entry = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        _ = poll(&entry, 1, 0)
        return entry.revents & Int16(POLLHUP) != 0
    }

    @Test func aClosedPseudoTerminalIsNotReopenedWhenItsPathNamesAnotherTerminal() throws {
        let folder = temporaryDirectory("pty-identity")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let link = folder + "/ttyUSB-m4"
        let m4 = try TestPTY()
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: m4.slavePath)
        let a7 = try TestPTY()
        let directory = folder + "/session"
        let capture = try ToolProcess(["capture", "--a7", a7.slavePath, "--m4", link, "-o", directory, "--until", "a7:DONE", "--quiet"])
        try a7.waitUntilOpened()
        try m4.waitUntilOpened()
        try m4.write("before it closed\r\n")
        try waitUntil("the m4 line in the text log") {
            (try? String(contentsOfFile: directory + "/m4.log", encoding: .utf8))?.contains("before it closed") == true
        }
        m4.closeMaster()
        try waitUntil("the capture's note that the pseudo-terminal is not reopened") {
            (try? String(contentsOfFile: directory + "/m4.log", encoding: .utf8))?.contains("not reopened") == true
        }
        // Another program's terminal now stands where the m4 console was.
        let foreign = try TestPTY()
        try FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: foreign.slavePath)
        try foreign.write("another program's terminal\r\n")
        try a7.write("a7 goes on\r\nDONE\r\n")
        #expect(try capture.wait(deadline: 120) == 0, "\(capture.standardError)")

        #expect(Self.hasHangup(foreign.master), "the capture opened another program's terminal")
        #expect(try exportBytes(directory, console: "m4") == Array("before it closed\r\n".utf8))
        #expect(try exportBytes(directory, console: "a7") == Array("a7 goes on\r\nDONE\r\n".utf8))
        let m4Controls = try Self.controls(directory, console: 1)
        #expect(m4Controls.contains { $0.kind == .hangup })
        #expect(!m4Controls.contains { $0.kind == .reopened })
        #expect(m4Controls.contains { $0.detail?.contains("not reopened") == true && $0.detail?.contains("pseudo-terminal") == true })
    }

    /// The case from the issue: a capture of a replay's two terminals, which close when it ends.
    @Test func aCaptureOfAReplayEndsWhenTheReplayClosesItsTerminals() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let script = scratch.path + "/boot.board"
        try """
            console a7 kind=application
            console m4 kind=microcontroller
            0.000 a7 U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)
            0.100 m4 RPMSG PingPong Demo...
            0.200 a7 Starting kernel ...
            """.write(toFile: script, atomically: true, encoding: .utf8)
        // The hold keeps the terminals open while the capture reads (a pty master that closes discards what is unread).
        let replay = try ToolProcess(["replay", script, "--speed", "0", "--hold", "3"])
        var paths: [String] = []
        try waitUntil("the replay's NAME PATH lines") {
            paths = replay.standardOutput.split(separator: "\n").compactMap { line in
                let parts = line.split(separator: " ")
                return parts.count == 2 ? String(parts[1]) : nil
            }
            return paths.count == 2
        }
        let directory = scratch.path + "/session"
        let capture = try ToolProcess(["capture", "--a7", paths[0], "--m4", paths[1], "-o", directory, "--quiet"])
        // Without reopening, the capture has nothing left to read and ends by itself.
        #expect(try capture.wait(deadline: 120) == 0, "\(capture.standardError)")
        #expect(try replay.wait(deadline: 120) == 0, "\(replay.standardError)")
        #expect(capture.standardError.contains("pseudo-terminals are not reopened"), "\(capture.standardError)")
        let a7 = String(decoding: try exportBytes(directory, console: "a7"), as: UTF8.self)
        #expect(a7.contains("U-Boot 2016.11") && a7.contains("Starting kernel ..."), "a7: \(a7) stderr: \(capture.standardError)")
        for console: UInt16 in [0, 1] {
            #expect(!(try Self.controls(directory, console: console)).contains { $0.kind == .reopened })
        }
    }
}
