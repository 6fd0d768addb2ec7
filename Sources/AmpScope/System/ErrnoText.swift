#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// "No such file or directory (ENOENT)" style text for an errno value.
func errnoText(_ code: Int32) -> String {
    let message = String(cString: strerror(code))
    return "\(message) (errno \(code))"
}
