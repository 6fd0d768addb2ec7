/// A process that has a serial port open.
public struct PortHolder: Sendable, Equatable, CustomStringConvertible {
    public var pid: Int32
    /// The command line, arguments separated by spaces ("picocom -b 115200 /dev/ttyUSB0").
    public var command: String

    public init(pid: Int32, command: String) {
        self.pid = pid
        self.command = command
    }

    public var description: String { "pid \(pid) (\(command))" }
}

/// Finds who holds a port by scanning /proc/<pid>/fd, like `fuser` does. Without root only the
/// caller's own processes are visible, so an empty answer means "unknown", not "nobody".
enum PortHolders {
    static func holding(_ path: String) -> [PortHolder] {
        let target = FileSystemProbe.canonicalPath(path) ?? path
        var holders: [PortHolder] = []
        for name in FileSystemProbe.entries(of: "/proc") {
            guard let pid = Int32(name) else { continue }
            let descriptors = FileSystemProbe.entries(of: "/proc/\(pid)/fd")
            let holdsTarget = descriptors.contains { descriptor in
                FileSystemProbe.symlinkTarget("/proc/\(pid)/fd/\(descriptor)") == target
            }
            if holdsTarget { holders.append(PortHolder(pid: pid, command: commandLine(of: pid))) }
        }
        return holders.sorted { $0.pid < $1.pid }
    }

    static func commandLine(of pid: Int32) -> String {
        if let raw = FileSystemProbe.contents(of: "/proc/\(pid)/cmdline"), !raw.isEmpty {
            let arguments = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return arguments.joined(separator: " ")
        }
        // Kernel threads and zombies have no command line; comm still names them.
        if let comm = FileSystemProbe.contents(of: "/proc/\(pid)/comm") {
            let name = String(decoding: comm.filter { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
            return "[\(name)]"
        }
        return "unknown command"
    }
}
