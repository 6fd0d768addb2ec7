import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import AmpScopeTestSupport

/// A real labgrid lab on loopback: labgrid 26's coordinator and an exporter whose serial
/// resources are terminals given by the test (the exporter runs ser2net for each once the place
/// is acquired), and a place matching them. Everything it started is stopped when it goes.
final class LabgridLab {
    let venv: String
    let coordinator: String
    let exporterName: String
    let place: String
    private var groups: [Int32] = []
    let directory: String

    /// The labgrid installation `.ci/run` prepares (its step "labgrid from PyPI").
    static func installation() throws -> String {
        guard let venv = ProcessInfo.processInfo.environment["AMPSCOPE_LABGRID_VENV"],
              FileManager.default.isExecutableFile(atPath: venv + "/bin/labgrid-coordinator")
        else {
            throw TestFailure("labgrid is not installed: AMPSCOPE_LABGRID_VENV must name the venv that `bash .ci/run --prepare` "
                + "makes in its step \"labgrid from PyPI\" (it prints the variable to export)")
        }
        return venv
    }

    /// Starts the coordinator and an exporter of `serialPorts` (resource name → terminal path) in
    /// the group `place`, and creates the place matching that group.
    init(place: String, serialPorts: [(name: String, path: String, speed: Int)]) throws {
        venv = try Self.installation()
        self.place = place
        exporterName = "exporter-\(getpid())"
        directory = temporaryDirectory("labgrid")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        coordinator = "127.0.0.1:\(try Self.freePort())"
        try startGroup([venv + "/bin/labgrid-coordinator", "-l", coordinator], log: "coordinator.log")
        try waitUntil("the labgrid coordinator at \(coordinator) answers\n\(log("coordinator.log"))", poll: 0.2) {
            try client(["places"]).status == 0
        }
        var config = "\(place):\n"
        for port in serialPorts {
            config += "  \(port.name):\n    cls: RawSerialPort\n    port: \(port.path)\n    speed: \(port.speed)\n"
        }
        try config.write(toFile: directory + "/exporter.yaml", atomically: true, encoding: .utf8)
        try startGroup([venv + "/bin/labgrid-exporter", "-c", coordinator, "-n", exporterName, "--hostname", "127.0.0.1",
                        directory + "/exporter.yaml"], log: "exporter.log")
        try waitUntil("the exporter publishes its resources\n\(log("exporter.log"))", poll: 0.2) {
            let listing = try client(["-v", "resources"])
            return serialPorts.allSatisfy { listing.stdout.contains("(\(exporterName)/\(place)/NetworkSerialPort[/\($0.name)])") }
        }
        for arguments in [["-p", place, "create"], ["-p", place, "add-match", "\(exporterName)/\(place)/*"]] {
            let result = try client(arguments)
            guard result.status == 0 else { throw TestFailure("labgrid-client \(arguments): \(result.stderr)") }
        }
    }

    deinit {
        // The exporter's ser2net children share its process group, so they end with it. SIGKILL:
        // labgrid's coordinator and exporter do not end on SIGTERM, and nothing of theirs is kept.
        for group in groups.reversed() { kill(-group, SIGKILL) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs labgrid-client against this lab as `user` (labgrid's LG_USERNAME; nil: the login name).
    func client(_ arguments: [String], user: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["LG_COORDINATOR"] = coordinator
        if let user { environment["LG_USERNAME"] = user }
        return try Self.run([venv + "/bin/labgrid-client"] + arguments, environment: environment)
    }

    /// The `acquired:` line of the place, as labgrid shows it.
    func owner() throws -> String {
        let shown = try client(["-p", place, "show"])
        return shown.stdout.split(separator: "\n").first { $0.hasPrefix("  acquired: ") }.map { String($0.dropFirst(12)) } ?? "?"
    }

    /// The environment an ampscope command needs to find this lab's client.
    var environment: [String: String] { ["PATH": venv + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")] }

    func log(_ name: String) -> String { (try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)) ?? "" }

    private func startGroup(_ argv: [String], log: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        // The coordinator keeps its places in places.yaml and resources.yaml in its working
        // folder: the lab's own, so no run sees another's places.
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        _ = FileManager.default.createFile(atPath: directory + "/" + log, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/" + log))
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Foundation starts a child as the leader of its own process group; the ser2net an
        // exporter starts joins it, so signalling the group stops them together.
        guard getpgid(process.processIdentifier) == process.processIdentifier else {
            throw TestFailure("\(argv[0]) is not the leader of its own process group, so its ser2net children could outlive the test")
        }
        groups.append(process.processIdentifier)
    }

    static func freePort() throws -> Int {
        let output = try run(["/usr/bin/env", "python3", "-c",
                              "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
        guard let port = Int(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestFailure("no free port: \(output.stderr)")
        }
        return port
    }

    static func run(_ argv: [String], environment: [String: String]? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try ExternalProgram.run(argv, environment: environment)
    }
}
