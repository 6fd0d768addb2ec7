#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An append-only file written with plain write(2): what has been handed to `flush()`
/// survives the process being killed; `sync()` makes it survive power loss too.
final class FileSink {
    let path: String
    let descriptor: Int32
    private var pending: [UInt8] = []
    /// Bytes in the file: every flush ended on a whole record (or line).
    private var size: off_t = 0

    init(creating path: String) throws(SessionError) {
        self.path = path
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotCreate(path, errno: errno) }
        descriptor = fd
    }

    var hasPending: Bool { !pending.isEmpty }

    func append(_ bytes: some Sequence<UInt8>) {
        pending.append(contentsOf: bytes)
    }

    func withPending(_ body: (inout [UInt8]) throws -> Void) rethrows {
        try body(&pending)
    }

    func flush() throws(SessionError) {
        var written = 0
        while written < pending.count {
            let result = pending.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress! + written, raw.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                let code = errno
                // A full disk takes part of a record: the file is cut back to where this flush
                // began, so it ends on a whole record, and the bytes stay pending.
                _ = ftruncate(descriptor, size)
                throw .writeFailed(path, errno: code)
            }
            written += result
        }
        size += off_t(written)
        pending.removeAll(keepingCapacity: pending.capacity <= 1 << 20)
    }

    func sync() {
        _ = fdatasync(descriptor)
    }

    func close() throws(SessionError) {
        defer { _ = Glibc.close(descriptor) }
        try flush()
        sync()
    }
}
