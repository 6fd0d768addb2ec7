/// A set of byte values, for one position of a byte-level regex.
struct ByteSet: Equatable, Sendable {
    private(set) var words: [UInt64] = [0, 0, 0, 0]

    init() {}

    init(_ byte: UInt8) { insert(byte) }

    func contains(_ byte: UInt8) -> Bool { words[Int(byte >> 6)] & (1 << UInt64(byte & 63)) != 0 }

    /// The set's only byte, when it has exactly one.
    var onlyByte: UInt8? {
        guard words.reduce(0, { $0 + $1.nonzeroBitCount }) == 1, let index = words.firstIndex(where: { $0 != 0 }) else { return nil }
        return UInt8(index * 64 + words[index].trailingZeroBitCount)
    }

    mutating func insert(_ byte: UInt8) { words[Int(byte >> 6)] |= 1 << UInt64(byte & 63) }

    mutating func insert(_ range: ClosedRange<UInt8>) { for byte in range { insert(byte) } }

    mutating func formUnion(_ other: ByteSet) { for index in 0..<4 { words[index] |= other.words[index] } }

    /// Every byte not in the set: the caller only runs the matcher on ASCII subjects, so the
    /// non-ASCII bytes this adds never meet a subject byte.
    func inverted() -> ByteSet {
        var result = ByteSet()
        for index in 0..<4 { result.words[index] = ~words[index] }
        return result
    }

    // ICU's classes restricted to ASCII, the only subjects the byte matcher sees.
    static let digits: ByteSet = { var set = ByteSet(); set.insert(0x30...0x39); return set }()
    /// ICU `\s` in ASCII: tab, LF, VT, FF, CR and space.
    static let spaces: ByteSet = { var set = ByteSet(); set.insert(0x09...0x0D); set.insert(0x20); return set }()
    static let wordCharacters: ByteSet = {
        var set = ByteSet()
        set.insert(0x30...0x39)
        set.insert(0x41...0x5A)
        set.insert(0x61...0x7A)
        set.insert(0x5F)
        return set
    }()
    /// ICU `.` without DOTALL: anything but a line terminator (LF, VT, FF, CR in ASCII).
    static let anyButLineTerminator: ByteSet = ByteSet(0x0A).union(0x0B).union(0x0C).union(0x0D).inverted()

    private func union(_ byte: UInt8) -> ByteSet {
        var result = self
        result.insert(byte)
        return result
    }
}
