import Foundation
import Glibc
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// Runs the built `ampscope` binary, which `swift test` builds next to the test bundle.
@Suite(.serialized) struct ReplayCommandTests {
    static var binary: String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // On Linux the test runner is `<build>/debug/ampscopePackageTests.xctest`.
        if directory.lastPathComponent.hasSuffix(".xctest") { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("ampscope").path
    }

    static let board = """
        console a7 kind=application
        console m4 kind=microcontroller
        0.000 a7 U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)
        0.100 m4 RPMSG PingPong Demo...
        +0.001 m4 \\r\\nRPMSG Init as Remote
        0.200 a7 Colibri iMX7 # \\c
        """

    /// Starts `ampscope replay ARGS` and returns it with the NAME PATH lines it printed.
    static func start(_ arguments: [String]) throws -> (Process, [(String, String)], Pipe) {
        let binary = Self.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "ampscope not built at \(binary): run swift build first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["replay"] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        var text = ""
        // Blocking reads up to end of file: no deadline needed beyond the test's own time limit.
        while text.split(separator: "\n").count < 2 {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        let lines = text.split(separator: "\n").map { line -> (String, String) in
            let parts = line.split(separator: " ", maxSplits: 1)
            return (String(parts.first ?? ""), String(parts.count > 1 ? parts[1] : ""))
        }
        return (process, lines, errors)
    }

    @Test func printsNamePathLinesAndReplaysTheScript() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let script = scratch.path + "/boot.board"
        try Self.board.write(toFile: script, atomically: true, encoding: .utf8)
        let (process, lines, errors) = try Self.start([script, "--speed", "0", "--hold", "0.5"])
        #expect(lines.map(\.0) == ["a7", "m4"])
        #expect(lines.allSatisfy { $0.1.hasPrefix("/dev/pts/") })
        let descriptors = lines.map { PlainConsumer.open($0.1) }
        try #require(descriptors.allSatisfy { $0 >= 0 })
        let received = PlainConsumer.readUntilHangup(descriptors)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(received[0].bytes == Array("U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)\r\nColibri iMX7 # ".utf8))
        #expect(received[1].bytes == Array("RPMSG PingPong Demo...\r\n\r\nRPMSG Init as Remote\r\n".utf8))
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("done: 4 chunks (a7 77 bytes, m4 48 bytes)"))
    }

    @Test func ctrlCWhileWaitingEndsCleanly() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let script = scratch.path + "/boot.board"
        try Self.board.write(toFile: script, atomically: true, encoding: .utf8)
        let (process, lines, errors) = try Self.start([script])
        #expect(lines.count == 2)
        kill(process.processIdentifier, SIGINT)
        let stopped = (try? waitUntil("replay stops on SIGINT") { !process.isRunning }) != nil
        #expect(stopped, "replay did not stop on SIGINT")
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }  // never hang the suite
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 130)
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("interrupted"))
    }

    @Test func badArgumentsAreExplained() throws {
        let (process, lines, errors) = try Self.start(["/nonexistent.board", "--halt", "m4"])
        process.waitUntilExit()
        #expect(lines.isEmpty)
        #expect(process.terminationStatus != 0)
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("--halt CONSOLE one --when"))
    }
}
