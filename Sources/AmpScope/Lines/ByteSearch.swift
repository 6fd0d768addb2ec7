#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one C call of line assembly: libc's memchr, which scans with SIMD at several GB/s
/// where a Swift byte loop manages well under half that (research/perf-baselines.md).
enum ByteSearch {
    /// Position of the first `byte` in `[start, end)`, or `end` when there is none.
    @inline(__always)
    static func first(_ byte: UInt8, from start: UnsafeRawPointer, to end: UnsafeRawPointer) -> UnsafeRawPointer {
        guard start < end, let found = memchr(start, Int32(byte), end - start) else { return end }
        return UnsafeRawPointer(found)
    }
}
