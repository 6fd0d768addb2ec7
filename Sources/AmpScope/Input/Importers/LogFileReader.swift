#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The raw C calls of importing: open(2) and read(2) on a log file, pipe or stdin.
struct LogFileReader {
    let path: String
    let descriptor: Int32
    let ownsDescriptor: Bool

    /// Opens `path` read-only; the caller closes it with `close()`.
    init(opening path: String) throws(LogImportError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(path, errno: errno) }
        var info = stat()
        if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
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
        guard let base = block.baseAddress, block.count > 0 else { return 0 }
        while true {
            let got = read(descriptor, base, block.count)
            if got >= 0 { return got }
            let code = errno
            if code != EINTR { throw .cannotRead(path, errno: code) }
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
        if ownsDescriptor { _ = close(descriptor) }
    }
}
