import CAmpScopeShims
import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import AmpScopeTestSupport

/// A real ser2net (the Debian package) on 127.0.0.1, exporting test pseudo-terminals the way a
/// lab host exports its boards' UARTs. Tests that use it fail, not skip, when it is missing:
/// `.ci/run` installs it.
final class Ser2netProcess {
    enum Mode {
        case rfc2217, raw
        var accepter: String { self == .rfc2217 ? "telnet(rfc2217),tcp" : "tcp" }
        var scheme: String { self == .rfc2217 ? "rfc2217" : "tcp" }
    }

    struct Export {
        let mode: Mode
        let device: String
        let port: UInt16
        var selector: String { "\(mode.scheme)://127.0.0.1:\(port)" }
    }

    let exports: [Export]
    let folder: String
    private var process: Process?
    private let log: String

    static var executable: String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin"]
        return paths.map { $0 + "/ser2net" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Writes the YAML config (ser2net 4) for `devices`, each on a free loopback port, and starts it.
    /// `traceRead`: ser2net writes every byte it reads from each device to `traceReadPath(index)`
    /// (its trace-read option), which is what it sends its client.
    init(_ devices: [(Mode, String)], traceRead: Bool = false) throws {
        guard Self.executable != nil else {
            throw TestFailure("ser2net is not installed: `apt-get install ser2net` (.ci/run installs it); the remote-console tests need a real one")
        }
        folder = temporaryDirectory("ser2net")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        log = folder + "/ser2net.log"
        exports = try devices.map { Export(mode: $0.0, device: $0.1, port: try Self.freePort()) }
        var yaml = ""
        for (index, export) in exports.enumerated() {
            yaml += """
                connection: &con\(index)
                  accepter: \(export.mode.accepter),127.0.0.1,\(export.port)
                  connector: serialdev,\(export.device),115200n81,local

                """
            if traceRead { yaml += "  options:\n    trace-read: \(Self.traceReadPath(folder: folder, index))\n\n" }
        }
        try yaml.write(toFile: folder + "/ser2net.yaml", atomically: true, encoding: .utf8)
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Starts ser2net in the foreground (-n) and waits until every port listens.
    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable!)
        process.arguments = ["-n", "-d", "-c", folder + "/ser2net.yaml", "-P", folder + "/ser2net.pid"]
        if !FileManager.default.fileExists(atPath: log) { _ = FileManager.default.createFile(atPath: log, contents: nil) }
        let output = FileHandle(forWritingAtPath: log)
        output?.seekToEndOfFile()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        try waitUntil("ser2net listens on \(exports.map(\.port)): \(self.output)") {
            guard process.isRunning else { throw TestFailure("ser2net exited: \(self.output)") }
            return exports.allSatisfy { Self.isListening($0.port) }
        }
    }

    /// Stops it (SIGTERM, then SIGKILL) and waits for the exit: its clients see the connection close.
    /// Started from the test runner it does not act on SIGTERM (still running after 5 s, while
    /// from a shell it exits at once), so it is killed: what its clients see is the same close.
    func stop() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    static func traceReadPath(folder: String, _ index: Int) -> String { "\(folder)/trace-read-\(index).bin" }

    /// What ser2net read from device `index` so far (with `traceRead`).
    func tracedBytes(_ index: Int) -> [UInt8] {
        (try? Data(contentsOf: URL(fileURLWithPath: Self.traceReadPath(folder: folder, index)))).map(Array.init) ?? []
    }

    var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    /// A loopback port nothing listens on now: bind to port 0, read the port, close.
    static func freePort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure("socket failed: errno \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Int32 in
                guard bind(descriptor, raw, length) == 0 else { return -1 }
                return getsockname(descriptor, raw, &length)
            }
        }
        guard bound == 0 else { throw TestFailure("bind to a free port failed: errno \(errno)") }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Whether a socket listens on 127.0.0.1:port, from /proc/net/tcp (state 0A), without
    /// connecting: a connection would make ser2net open (and flush) the device.
    static func isListening(_ port: UInt16) -> Bool {
        guard let table = try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8) else { return false }
        let local = String(format: "0100007F:%04X", port)
        return table.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ")
            return fields.count > 3 && fields[1] == local && fields[3] == "0A"
        }
    }
}

extension TestPTY {
    /// The slave's baud rate as the kernel holds it (TCGETS2), read through a descriptor of
    /// our own: what ser2net set on the "UART".
    func slaveBaud() throws -> Int {
        try KernelTermios.read(slavePath).output
    }
}
