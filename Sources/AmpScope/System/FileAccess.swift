import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// access(2): what this user may do with a path, asked before opening it so a refusal can be
/// explained (group, ACL, a missing node) rather than just reported.
enum FileAccess {
    /// Whether `path` exists (a dangling link does not).
    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Nil when this user may open `path` for reading and writing; else why not.
    static func readWriteDenial(_ path: String) -> Errno? {
        access(path, R_OK | W_OK) == 0 ? nil : Errno(rawValue: errno)
    }
}

extension SystemIdentity {
    /// This process's id (getpid).
    static var processID: Int32 { getpid() }
}
