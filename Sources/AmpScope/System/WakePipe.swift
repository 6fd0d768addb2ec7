import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// A pipe whose read end a poll loop watches: a byte written to the other end (by a thread or
/// a signal handler) wakes it. Both ends are non-blocking and closed on exec and with the value.
final class WakePipe: @unchecked Sendable {
    let readDescriptor: Int32
    let writeDescriptor: Int32

    /// The pipe, or the errno pipe(2) failed with (too many open files).
    init() throws(Errno) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw Errno(rawValue: errno) }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
    }

    /// Makes the read end readable; when the pipe is full it already is, so a failure is moot.
    func wake() {
        var byte = UInt8(ascii: "x")
        _ = write(writeDescriptor, &byte, 1)
    }

    /// What was written since the last call (up to 16 bytes; more stay for the next call).
    func drain() -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 16)
        let count = read(readDescriptor, &buffer, buffer.count)
        return count > 0 ? Array(buffer[0..<count]) : []
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }
}
