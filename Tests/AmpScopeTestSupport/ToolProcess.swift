import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The built `ampscope` executable, run as a user would run it.
final class ToolProcess {
    let process = Process()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private let collected = Collected()

    /// Next to the test bundle in the build folder (.build/<triple>/debug/ampscope).
    static var executable: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("ampscope")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/.build/debug/ampscope")
    }

    init(_ arguments: [String], environment: [String: String] = [:], wrapper: [String] = []) throws {
        if wrapper.isEmpty {
            process.executableURL = Self.executable
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: wrapper[0])
            process.arguments = Array(wrapper.dropFirst()) + [Self.executable.path] + arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        let collected = self.collected
        stdoutPipe.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData, error: false) }
        stderrPipe.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData, error: true) }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for exit and returns the exit status; a process still running at the hang deadline
    /// is killed and the test fails.
    @discardableResult
    func wait(deadline: Double = hangDeadline) throws -> Int32 {
        let exited = (try? waitUntil("\(Self.executable.lastPathComponent) \(process.arguments ?? []) exits", deadline: deadline) { !process.isRunning }) != nil
        if !exited { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        stdoutPipe.fileHandleForReading.readabilityHandler = nil
        stderrPipe.fileHandleForReading.readabilityHandler = nil
        collected.append(stdoutPipe.fileHandleForReading.readDataToEndOfFile(), error: false)
        collected.append(stderrPipe.fileHandleForReading.readDataToEndOfFile(), error: true)
        guard exited else {
            throw TestFailure("\(process.arguments ?? []) still running after \(Int(deadline)) s (a hang), killed; stderr: \(standardError)")
        }
        return process.terminationStatus
    }

    var standardOutput: String { collected.text(error: false) }
    /// Standard output exactly as written (binary exports).
    var standardOutputBytes: [UInt8] { collected.bytes(error: false) }
    var standardError: String { collected.text(error: true) }

    /// Runs to completion and returns (status, stdout, stderr).
    static func run(
        _ arguments: [String], deadline: Double = hangDeadline, wrapper: [String] = [], environment: [String: String] = [:]
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let tool = try ToolProcess(arguments, environment: environment, wrapper: wrapper)
        let status = try tool.wait(deadline: deadline)
        return (status, tool.standardOutput, tool.standardError)
    }

    /// Runs to completion and returns (status, stdout bytes, stderr).
    static func runBytes(_ arguments: [String]) throws -> (status: Int32, stdout: [UInt8], stderr: String) {
        let tool = try ToolProcess(arguments)
        let status = try tool.wait()
        return (status, tool.standardOutputBytes, tool.standardError)
    }

    /// Runs another program to completion and returns its standard output, trimmed; fails unless it exits 0.
    static func runCommandOutput(_ argv: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("\(argv) exited \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs another program (mount, umount, ...) to completion.
    static func runCommand(_ argv: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }
}

private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    func append(_ data: Data, error: Bool) {
        lock.lock()
        if error { err.append(data) } else { out.append(data) }
        lock.unlock()
    }

    func bytes(error: Bool) -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return Array(error ? err : out)
    }

    func text(error: Bool) -> String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: error ? err : out, as: UTF8.self)
    }
}

/// A console of a session exactly as `ampscope export --raw` gives it.
func exportBytes(_ directory: String, console: String) throws -> [UInt8] {
    let file = temporaryDirectory("export-\(console)") + ".bin"
    defer { try? FileManager.default.removeItem(atPath: file) }
    let result = try ToolProcess.run(["export", directory, "--console", console, "--format", "raw", "-o", file])
    guard result.status == 0 else { throw TestFailure("export failed: \(result.stderr)") }
    return Array(try Data(contentsOf: URL(fileURLWithPath: file)))
}
