#if canImport(Glibc)
import Glibc
#endif

extension SerialPort {
    /// Sends a break condition (about 0.25–0.5 s of continuous zero bits).
    public func sendBreak() throws(SerialError) {
        guard tcsendbreak(fileDescriptor, 0) == 0 else {
            throw .ioFailure(path: path, operation: "tcsendbreak", errno: errno)
        }
    }
}
