/// A small, fast, seedable generator (SplitMix64): repeatable faults for tests.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// Uniform in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What a receiver set to the wrong baud rate makes of a byte stream: fewer bytes than were
/// sent (start bits land mid-byte, frames get merged or lost), mostly with the high bit set
/// (the idle-high line reads as ones), hardly any printable runs and few line breaks, e.g.
/// `���?��q����0`. Deterministic for a given seed and input.
struct WrongBaudGarbler {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func garble(_ byte: UInt8, into output: inout [UInt8]) {
        let random = SplitMix64.mix(generator.next() ^ UInt64(byte))
        // About 70% of input bytes yield one byte and 5% a second one: ~0.75 out per byte in.
        let produced = (random & 0xFF < 77 ? 0 : 1) + ((random >> 8) & 0xFF < 13 ? 1 : 0)
        for extra in 0..<produced {
            let bits = random >> (16 + 16 * UInt64(extra))
            var value = UInt8(truncatingIfNeeded: bits)
            if (bits >> 8) & 0xFF < 218 { value |= 0x80 }  // ~85% high-bit bytes
            if value == 0x0A || value == 0x0D { value ^= 0x40 }
            output.append(value)
        }
        // A sent line break survives a quarter of the time: the output still has some lines.
        if byte == 0x0A && (random >> 56) < 64 { output.append(0x0A) }
    }
}
