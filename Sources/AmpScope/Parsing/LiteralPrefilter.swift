/// Finds which of a fixed set of literals occur in a line, on raw bytes (research/perf-baselines.md,
/// "strided 4-byte hash filter"): every `stride`-th position of the line loads 4 bytes, hashes
/// them into a 64 Ki-bit bitmap, and only on a set bit compares the few literals whose 4-byte
/// windows hash there. Each literal contributes its windows at offsets 0..<stride, so an
/// occurrence anywhere is seen at exactly one tested position.
struct LiteralPrefilter: Sendable {
    let literalCount: Int
    private let bytes: [UInt8]
    private let starts: [Int]
    private let lengths: [Int]
    private let stride: Int
    private let bitmap: [UInt64]
    private let bucketStarts: [Int32]
    /// literal index << 3 | window offset
    private let bucketItems: [UInt32]

    /// Literals of exactly 4 bytes, found with memchr on one of their bytes instead of by the
    /// hash loop: a single 4-byte literal (the built-in " iMX") would force stride 1 on every
    /// byte of every line, twice the work of stride 2.
    private let shortLiterals: [(index: Int, byte: UInt8, offset: Int)]
    /// At most this many 4-byte literals take the memchr path (each costs a memchr per line).
    static let maximumShortLiterals = 4

    /// Literals must be at least 4 bytes long (the loader enforces it).
    init(_ literals: [[UInt8]]) {
        precondition(literals.allSatisfy { $0.count >= 4 }, "prefilter literals need at least 4 bytes")
        literalCount = literals.count
        bytes = literals.flatMap { $0 }
        var offset = 0
        starts = literals.map { literal in defer { offset += literal.count }; return offset }
        lengths = literals.map(\.count)
        let short = literals.indices.filter { literals[$0].count == 4 }
        let separate = short.count <= Self.maximumShortLiterals && short.count < literals.count
        shortLiterals = separate ? short.map { index in
            // The rarest byte (the later one on a tie), so that memchr stops seldom.
            let literal = literals[index]
            var offset = 0
            for position in literal.indices where Self.rarity(literal[position]) >= Self.rarity(literal[offset]) { offset = position }
            return (index, literal[offset], offset)
        } : []
        let hashed = literals.indices.filter { !separate || literals[$0].count > 4 }
        let shortest = hashed.map { literals[$0].count }.min() ?? 4
        stride = max(1, min(shortest - 3, 4))
        var buckets = [[UInt32]](repeating: [], count: 1 << 16)
        var bitmap = [UInt64](repeating: 0, count: (1 << 16) / 64)
        for index in hashed {
            let literal = literals[index]
            for windowOffset in 0..<stride {
                let word = literal.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: windowOffset, as: UInt32.self) }
                let hash = Self.hash(word)
                bitmap[hash >> 6] |= 1 << UInt64(hash & 63)
                buckets[hash].append(UInt32(index) << 3 | UInt32(windowOffset))
            }
        }
        self.bitmap = bitmap
        var starts: [Int32] = [0]
        starts.reserveCapacity(buckets.count + 1)
        for bucket in buckets { starts.append(starts.last! + Int32(bucket.count)) }
        bucketStarts = starts
        bucketItems = buckets.flatMap { $0 }
    }

    /// Bytes from the most to the least common in console text: the space, digits, then
    /// lower-case letters by their frequency in English; every other byte is rarer still.
    private static let commonBytes = Array(" 0123456789etaoinshrdlcumwfgypbvkjxqz".utf8)

    static func rarity(_ byte: UInt8) -> Int { commonBytes.firstIndex(of: byte) ?? commonBytes.count }

    @inline(__always)
    static func hash(_ word: UInt32) -> Int { Int((word &* 0x9E37_79B1) >> 16) }

    /// Calls `found` with the index of each literal occurrence in `line` (a literal that occurs
    /// twice is reported twice).
    @inline(__always)
    func scan(_ line: UnsafeRawBufferPointer, _ found: (Int) -> Void) {
        let count = line.count
        guard count >= 4, let base = line.baseAddress else { return }
        bitmap.withUnsafeBufferPointer { bitmap in
            var position = 0
            let last = count - 4
            while position <= last {
                let hash = Self.hash(base.loadUnaligned(fromByteOffset: position, as: UInt32.self))
                if bitmap[hash >> 6] & (1 << UInt64(hash & 63)) != 0 {
                    verify(base, count: count, position: position, hash: hash, found)
                }
                position += stride
            }
        }
        for short in shortLiterals {
            var from = 0
            while from < count, let hit = ByteSearch.first(short.byte, in: base + from, count: count - from) {
                let start = base.distance(to: hit) - short.offset
                from = start + short.offset + 1
                guard start >= 0, start + 4 <= count else { continue }
                if bytes.withUnsafeBytes({ ByteSearch.equal(base + start, $0.baseAddress! + starts[short.index], count: 4) }) { found(short.index) }
            }
        }
    }

    @inline(never)
    private func verify(_ base: UnsafeRawPointer, count: Int, position: Int, hash: Int, _ found: (Int) -> Void) {
        bytes.withUnsafeBytes { bytes in
            for item in Int(bucketStarts[hash])..<Int(bucketStarts[hash + 1]) {
                let packed = bucketItems[item]
                let literal = Int(packed >> 3)
                let start = position - Int(packed & 7)
                let length = lengths[literal]
                guard start >= 0, start + length <= count else { continue }
                // Most bucket hits are other text hashing alike: their first four bytes differ,
                // which a load and a compare tell without calling memcmp.
                let literalStart = bytes.baseAddress! + starts[literal]
                guard base.loadUnaligned(fromByteOffset: start, as: UInt32.self) == literalStart.loadUnaligned(as: UInt32.self) else { continue }
                if ByteSearch.equal(base + start, literalStart, count: length) { found(literal) }
            }
        }
    }
}
