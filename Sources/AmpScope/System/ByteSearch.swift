#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libc's memchr and memcmp for line assembly and the classifier's literal search: they scan with
/// SIMD where a Swift byte loop is much slower (research/perf-baselines.md).
enum ByteSearch {
    /// The first `byte` among `count` bytes from `start`, or nil.
    @inline(__always)
    static func first(_ byte: UInt8, in start: UnsafeRawPointer, count: Int) -> UnsafeRawPointer? {
        memchr(start, Int32(byte), count).map { UnsafeRawPointer($0) }
    }

    /// Whether the `count` bytes at `a` and at `b` are the same.
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
        memcmp(a, b, count) == 0
    }

    /// Position of the first `byte` in `[start, end)`, or `end` when there is none.
    @inline(__always)
    static func first(_ byte: UInt8, from start: UnsafeRawPointer, to end: UnsafeRawPointer) -> UnsafeRawPointer {
        guard start < end, let found = memchr(start, Int32(byte), end - start) else { return end }
        return UnsafeRawPointer(found)
    }
}
