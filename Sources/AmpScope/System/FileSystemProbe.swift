import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// The few read-only file system look-ups the port layer needs (/dev, /proc and /sys scans),
/// each answering nil or empty rather than failing: a vanished process or device is normal.
enum FileSystemProbe {
    /// Names in a directory, without "." and "..".
    static func entries(of directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Where a symbolic link points (as stored, not resolved).
    static func symlinkTarget(_ path: String) -> String? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: pointer.count) {
                readlink(path, $0, pointer.count - 1)
            }
        }
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    /// st_rdev of a character device (stat follows symlinks); nil for anything else.
    static func characterDeviceNumber(_ path: String) -> UInt? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFCHR else { return nil }
        return UInt(info.st_rdev)
    }

    /// st_rdev of an open character device.
    static func characterDeviceNumber(of descriptor: Int32) -> UInt? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFCHR else { return nil }
        return UInt(info.st_rdev)
    }

    /// Whether an open descriptor is the slave side of a Unix 98 pseudo-terminal (/dev/pts/N):
    /// device majors 136–143 (Documentation/admin-guide/devices.txt, UNIX98_PTY_SLAVE_MAJOR).
    static func isPseudoTerminalSlave(_ descriptor: Int32) -> Bool {
        guard let device = characterDeviceNumber(of: descriptor) else { return false }
        let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~UInt(0xfff))
        return (136...143).contains(major)
    }

    /// Up to `limit` bytes of a small file such as /proc/<pid>/cmdline.
    static func contents(of path: String, limit: Int = 4096) -> [UInt8]? {
        try? read(path, limit: limit).get()
    }

    /// Up to `limit` bytes of a small file (a sysfs attribute), or why it could not be opened.
    static func read(_ path: String, limit: Int = 4096) -> Result<[UInt8], Errno> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(Errno(rawValue: errno)) }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: limit)
        var filled = 0
        while filled < limit {
            let result = bytes.withUnsafeMutableBytes { raw in
                DescriptorIO.read(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: raw[filled..<limit]))
            }
            guard case .success(let count) = result, count > 0 else { break }
            filled += count
        }
        return .success(Array(bytes[0..<filled]))
    }

    /// Writes `bytes` to a small file (a sysfs attribute) in one write, truncating it; nil, or
    /// why not (EIO when it took fewer bytes).
    static func write(_ bytes: [UInt8], to path: String) -> Errno? {
        let descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard descriptor >= 0 else { return Errno(rawValue: errno) }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        return written == bytes.count ? nil : (written < 0 ? Errno(rawValue: errno) : .ioError)
    }
}
