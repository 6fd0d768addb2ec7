import Foundation

/// Another program (python3, labgrid-client, ...) run to completion, its output in files rather
/// than pipes, so nothing needs draining while it runs; a run past the hang deadline is stopped
/// and fails the test.
enum ExternalProgram {
    static func run(_ argv: [String], environment: [String: String]? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        if let environment { process.environment = environment }
        let base = temporaryDirectory("external-program")
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        _ = FileManager.default.createFile(atPath: base + "/out", contents: nil)
        _ = FileManager.default.createFile(atPath: base + "/err", contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: base + "/out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: base + "/err"))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let ended = (try? waitUntil("\(argv) exits") { !process.isRunning }) != nil
        if !ended { process.terminate() }
        process.waitUntilExit()
        guard ended else { throw TestFailure("\(argv) did not end (a hang)") }
        return (process.terminationStatus, (try? String(contentsOfFile: base + "/out", encoding: .utf8)) ?? "",
                (try? String(contentsOfFile: base + "/err", encoding: .utf8)) ?? "")
    }
}
