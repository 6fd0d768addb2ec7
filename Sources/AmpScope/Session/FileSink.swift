import SystemPackage

/// An append-only file written with plain write(2): what has been handed to `flush()`
/// survives the process being killed; `sync()` makes it survive power loss too.
final class FileSink {
    let path: String
    let descriptor: Int32
    private var pending: [UInt8] = []
    /// Bytes in the file: every flush ended on a whole record (or line).
    private var size: Int64 = 0

    init(creating path: String) throws(SessionError) {
        self.path = path
        switch DescriptorIO.open(path, .writeOnly, options: [.create, .exclusiveCreate, .append], permissions: FilePermissions(rawValue: 0o644)) {
        case .success(let fd): descriptor = fd
        case .failure(let failure): throw .cannotCreate(path, errno: failure.rawValue)
        }
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
            let outcome = pending.withUnsafeBytes { raw in
                DescriptorIO.write(descriptor, UnsafeRawBufferPointer(rebasing: raw[written...]))
            }
            switch outcome {
            case .success(let count): written += count
            case .failure(let failure):
                // A full disk takes part of a record: the file is cut back to where this flush
                // began, so it ends on a whole record, and the bytes stay pending.
                DescriptorIO.truncate(descriptor, to: size)
                throw .writeFailed(path, errno: failure.rawValue)
            }
        }
        size += Int64(written)
        pending.removeAll(keepingCapacity: pending.capacity <= 1 << 20)
    }

    func sync() {
        SystemCall.syncData(descriptor)
    }

    func close() throws(SessionError) {
        defer { DescriptorIO.close(descriptor) }
        try flush()
        sync()
    }
}
