import Foundation

/// SplitMix64: a small seeded generator, so every failure can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The seed of a random test: AMPSCOPE_TEST_SEED when set (to replay a failure), otherwise the
/// test's own fixed seed, or a fresh one for tests that explore new inputs each run. Printed
/// either way, so a failing run says how to repeat it.
enum TestSeed {
    static func value(_ test: String, fixed: UInt64? = nil) -> UInt64 {
        let text = ProcessInfo.processInfo.environment["AMPSCOPE_TEST_SEED"]
        let seed = text.flatMap { UInt64($0) ?? UInt64($0.replacingOccurrences(of: "0x", with: ""), radix: 16) }
            ?? fixed ?? UInt64.random(in: 0...UInt64.max)
        print("\(test): seed \(seed) (replay with AMPSCOPE_TEST_SEED=\(seed))")
        return seed
    }

    /// A generator for `test`, seeded as above.
    static func generator(_ test: String, fixed: UInt64? = nil) -> SeededGenerator {
        SeededGenerator(state: value(test, fixed: fixed))
    }
}
