import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// errno of a failed system call, before the port layer names the path and operation.
struct SystemCallFailure: Error, Equatable {
    var code: Int32
    static func last() -> SystemCallFailure { SystemCallFailure(code: Glibc.errno) }
    /// The errno as swift-system names it, for callers that match on it.
    var errno: Errno { Errno(rawValue: code) }
}
