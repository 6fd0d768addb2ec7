import SystemPackage

/// Reads and writes on a raw descriptor through swift-system's FileDescriptor, which retries
/// EINTR; a failure comes back as the typed errno, for each caller's own typed error.
enum DescriptorIO {
    /// Bytes read (0 at end of file), or why not.
    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, Errno> {
        do {
            return .success(try FileDescriptor(rawValue: descriptor).read(into: buffer))
        } catch {
            return .failure(Self.errno(of: error))
        }
    }

    /// Bytes the descriptor took (a non-blocking one may take fewer), or why none.
    static func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Result<Int, Errno> {
        do {
            return .success(try FileDescriptor(rawValue: descriptor).write(bytes))
        } catch {
            return .failure(Self.errno(of: error))
        }
    }

    /// Writes all of `bytes`, waiting on a full pipe or file; the count written before a failure comes with it.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> (written: Int, failure: Errno?) {
        var written = 0
        while written < bytes.count {
            switch write(descriptor, UnsafeRawBufferPointer(rebasing: bytes[written...])) {
            case .success(let count): written += count
            case .failure(let code): return (written, code)
            }
        }
        return (written, nil)
    }

    /// Opens `path`, always with O_CLOEXEC: the descriptor, or why not.
    static func open(
        _ path: String, _ mode: FileDescriptor.AccessMode, options: FileDescriptor.OpenOptions = [], permissions: FilePermissions? = nil
    ) -> Result<Int32, Errno> {
        do {
            let descriptor = try FileDescriptor.open(FilePath(path), mode, options: options.union(.closeOnExec), permissions: permissions)
            return .success(descriptor.rawValue)
        } catch {
            return .failure(Self.errno(of: error))
        }
    }

    /// Cuts a file back to `size` bytes; a failure leaves it as it was, which the caller reports anyway.
    static func truncate(_ descriptor: Int32, to size: Int64) {
        try? FileDescriptor(rawValue: descriptor).resize(to: size, retryOnInterrupt: true)
    }

    /// Closes a descriptor; a failed close has nothing left to tell.
    static func close(_ descriptor: Int32) {
        try? FileDescriptor(rawValue: descriptor).close()
    }

    /// swift-system throws only Errno from these calls.
    private static func errno(of error: any Error) -> Errno {
        (error as? Errno) ?? .ioError
    }
}
