import Foundation

/// Asks a labgrid coordinator about places through `labgrid-client`, labgrid's documented command
/// line (its Python API changes between releases; the command line is what its users script).
public struct LabgridClient: Sendable {
    /// The program to run.
    public var executable: String
    /// `HOST:PORT` of the coordinator; nil: labgrid-client's own default (LG_COORDINATOR).
    public var coordinator: String?
    /// Who we are to the coordinator: `HOST/USER`, as labgrid-client works it out.
    public var identity: String
    /// How long one labgrid-client call may take before the coordinator counts as unreachable.
    public var deadline: Double

    public init(executable: String, coordinator: String?, identity: String, deadline: Double = 60) {
        self.executable = executable
        self.coordinator = coordinator
        self.identity = identity
        self.deadline = deadline
    }

    /// The client found on PATH (or AMPSCOPE_LABGRID_CLIENT), speaking for this host and user as
    /// labgrid does: LG_HOSTNAME and LG_USERNAME when set, else the host name and login name.
    public static func located(coordinator: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(LabgridError) -> LabgridClient {
        let host = environment["LG_HOSTNAME"] ?? ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"
        let user = environment["LG_USERNAME"] ?? NSUserName()
        if let named = environment["AMPSCOPE_LABGRID_CLIENT"] {
            guard FileManager.default.isExecutableFile(atPath: named) else { throw .clientNotFound(searched: "AMPSCOPE_LABGRID_CLIENT=\(named)") }
            return LabgridClient(executable: named, coordinator: coordinator, identity: "\(host)/\(user)")
        }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/labgrid-client"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return LabgridClient(executable: candidate, coordinator: coordinator, identity: "\(host)/\(user)")
            }
        }
        throw .clientNotFound(searched: "not on PATH")
    }

    public func show(_ place: String) throws(LabgridError) -> LabgridPlace {
        let output = try run(["-p", place, "show"], command: "-p \(place) show")
        return try LabgridPlace.parse(show: output)
    }

    public func acquire(_ place: String) throws(LabgridError) {
        _ = try run(["-p", place, "acquire"], command: "-p \(place) acquire")
    }

    public func release(_ place: String) throws(LabgridError) {
        _ = try run(["-p", place, "release"], command: "-p \(place) release")
    }

    private func run(_ arguments: [String], command: String) throws(LabgridError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = (coordinator.map { ["-x", $0] } ?? []) + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw .clientNotFound(searched: "\(executable) did not start: \(error.localizedDescription)")
        }
        // Both pipes are drained before waiting, so a long answer cannot fill one and stall the client.
        let collected = LockedOutput()
        let readers = DispatchGroup()
        for (pipe, isError) in [(output, false), (errors, true)] {
            DispatchQueue.global().async(group: readers) {
                collected.append(pipe.fileHandleForReading.readDataToEndOfFile(), isError: isError)
            }
        }
        if finished.wait(timeout: .now() + deadline) == .timedOut {
            process.terminate()
            finished.wait()
            readers.wait()
            throw .noAnswer(command: command, seconds: deadline)
        }
        readers.wait()
        let (standardOutput, standardError) = collected.texts
        guard process.terminationStatus == 0 else {
            let message = standardError.split(separator: "\n").first { $0.hasPrefix("labgrid-client: Error:") }
                .map { String($0.dropFirst("labgrid-client: Error:".count)).trimmingCharacters(in: .whitespaces) }
                ?? standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .commandFailed(command: command, status: process.terminationStatus, message: message)
        }
        return standardOutput
    }
}

/// The two output streams of a child, filled from two reader threads.
private final class LockedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var output = Data()
    private var errors = Data()

    func append(_ data: Data, isError: Bool) {
        lock.withLock { if isError { errors.append(data) } else { output.append(data) } }
    }

    var texts: (String, String) {
        lock.withLock { (String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self)) }
    }
}
