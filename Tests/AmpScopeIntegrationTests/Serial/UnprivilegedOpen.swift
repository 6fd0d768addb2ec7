import Foundation
import Glibc
import Testing
@testable import AmpScopeTestSupport

/// The tests run as root, which never sees EACCES and bypasses TIOCEXCL; these helpers open a
/// path as `nobody` through setpriv (util-linux) to see what an ordinary user gets.
enum UnprivilegedOpen {
    static let setpriv = "/usr/bin/setpriv"

    /// Runs `sh -c 'exec 3<>"$1"'` (open O_RDWR) on the path as nobody:nogroup, optionally with
    /// one supplementary group; returns the exit status and what sh printed on stderr.
    static func asNobody(_ path: String, extraGroup: gid_t? = nil) throws -> (status: Int32, stderr: String) {
        try #require(FileManager.default.isExecutableFile(atPath: setpriv), "\(setpriv) missing: install util-linux")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: setpriv)
        let groups = extraGroup.map { "--groups=\($0)" } ?? "--clear-groups"
        process.arguments = ["--reuid=nobody", "--regid=nogroup", groups, "/bin/sh", "-c", "exec 3<>\"$1\"", "sh", path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    static func setOwnership(_ path: String, group: gid_t, mode: mode_t) throws {
        try #require(chown(path, 0, group) == 0, "chown failed: errno \(errno) (the tests must run as root)")
        try #require(chmod(path, mode) == 0)
    }
}
