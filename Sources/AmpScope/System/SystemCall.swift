import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// The one place ampscope makes a system call again after a signal interrupted it (EINTR);
/// reads and writes go through swift-system's FileDescriptor (`DescriptorIO`), which does the same.
enum SystemCall {
    /// Calls `body` until it returns anything but -1 with EINTR: its value, or the errno it failed with.
    static func retryingInterrupts<Value: FixedWidthInteger>(_ body: () -> Value) -> Result<Value, Errno> {
        while true {
            let value = body()
            if value != -1 { return .success(value) }
            let code = Errno(rawValue: errno)
            if code != .interrupted { return .failure(code) }
        }
    }

    /// fdatasync(2): what was written reaches the disk; a failure shows at the next write or close.
    static func syncData(_ descriptor: Int32) {
        _ = fdatasync(descriptor)
    }

    /// Whether an open descriptor is a directory (fstat), which opens but cannot be read as a log.
    static func isDirectory(_ descriptor: Int32) -> Bool {
        var info = stat()
        return fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
