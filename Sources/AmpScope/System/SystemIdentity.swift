#if canImport(Glibc)
import Glibc
#endif

/// What the machine is called, for the session header.
enum SystemIdentity {
    /// gethostname(2); "unknown" when it fails.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
