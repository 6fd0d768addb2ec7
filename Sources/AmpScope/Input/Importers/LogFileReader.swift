import SystemPackage

/// A log file, pipe or stdin, opened and read through the system layer (`DescriptorIO`).
struct LogFileReader {
    let path: String
    let descriptor: Int32
    let ownsDescriptor: Bool

    /// Opens `path` read-only; the caller closes it with `close()`.
    init(opening path: String) throws(LogImportError) {
        let fd: Int32
        switch DescriptorIO.open(path, .readOnly) {
        case .success(let opened): fd = opened
        case .failure(let failure): throw .cannotOpen(path, errno: failure.rawValue)
        }
        if SystemCall.isDirectory(fd) {
            DescriptorIO.close(fd)
            throw .isDirectory(path)
        }
        self.path = path
        descriptor = fd
        ownsDescriptor = true
    }

    /// Reads from a descriptor the caller owns (and closes).
    init(descriptor: Int32, path: String) {
        self.path = path
        self.descriptor = descriptor
        ownsDescriptor = false
    }

    /// Reads up to `block.count` bytes into `block`; returns how many arrived (0 at end of file).
    func readBlock(into block: UnsafeMutableRawBufferPointer) throws(LogImportError) -> Int {
        guard block.baseAddress != nil, block.count > 0 else { return 0 }
        switch DescriptorIO.read(descriptor, into: block) {
        case .success(let got): return got
        case .failure(let failure): throw .cannotRead(path, errno: failure.rawValue)
        }
    }

    /// Appends up to `count` bytes to `buffer`; returns how many arrived (0 at end of file).
    func readMore(into buffer: inout [UInt8], count: Int) throws(LogImportError) -> Int {
        let result: Result<Int, LogImportError> = withUnsafeTemporaryAllocation(byteCount: count, alignment: 1) { block in
            do throws(LogImportError) {
                let got = try readBlock(into: block)
                buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: block[..<got]))
                return .success(got)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    func release() {
        if ownsDescriptor { DescriptorIO.close(descriptor) }
    }
}
