#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one C call of line assembly: libc's memchr, which scans with SIMD, several times faster
/// than a Swift byte loop (figures in research/perf-baselines.md).
enum ByteSearch {
    /// Position of the first `byte` in `[start, end)`, or `end` when there is none.
    @inline(__always)
    static func first(_ byte: UInt8, from start: UnsafeRawPointer, to end: UnsafeRawPointer) -> UnsafeRawPointer {
        guard start < end, let found = memchr(start, Int32(byte), end - start) else { return end }
        return UnsafeRawPointer(found)
    }
}
