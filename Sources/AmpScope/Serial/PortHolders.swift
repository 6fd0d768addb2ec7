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
    /// Matches open files by device number (for anything under /dev) or by the literal path:
    /// the same tty can be open under another name (a by-id link, a bind mount, umockdev's
    /// redirection). `device` is the port's st_rdev when the caller has it from fstat; otherwise
    /// stat(path). (No realpath(3): under umockdev 0.17.16 its preloaded realpath corrupted the heap.)
    static func holding(_ path: String, device: UInt? = nil) -> [PortHolder] {
        let target = path
        let targetDevice = device ?? FileSystemProbe.characterDeviceNumber(path)
        var holders: [PortHolder] = []
        for name in FileSystemProbe.entries(of: "/proc") {
            guard let pid = Int32(name) else { continue }
            let descriptors = FileSystemProbe.entries(of: "/proc/\(pid)/fd")
            let holdsTarget = descriptors.contains { descriptor in
                guard let open = FileSystemProbe.symlinkTarget("/proc/\(pid)/fd/\(descriptor)") else { return false }
                if open == target { return true }
                // Only device nodes are stat'ed: a stat of a file on a dead network mount could hang.
                guard let targetDevice, open.hasPrefix("/dev/") else { return false }
                return FileSystemProbe.characterDeviceNumber(open) == targetDevice
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
