import SystemPackage

/// Baud rates: a B constant for standard rates, termios2/BOTHER for any other, and the rates
/// the driver actually set, read back with TCGETS2 (the calls live in System/TerminalSpeed).
enum BaudRate {
    /// The standard speed for a rate; nil means the rate needs termios2/BOTHER.
    static func standardSpeed(for rate: Int) -> StandardTerminalSpeed? { StandardTerminalSpeed(rate: rate) }

    /// Any rate, both directions, through termios2 (BOTHER). Call after tcsetattr, which would
    /// otherwise overwrite it.
    static func setCustom(_ rate: Int, on descriptor: Int32) throws(SystemCallFailure) {
        guard let value = UInt32(exactly: rate) else { throw SystemCallFailure(code: Errno.invalidArgument.rawValue) }
        try CustomBaudRate.set(value, on: descriptor)
    }

    static func readBack(from descriptor: Int32) throws(SystemCallFailure) -> (input: Int, output: Int) {
        try CustomBaudRate.read(from: descriptor)
    }

    /// Relative deviation of the rate the driver chose from the one asked for.
    static func deviation(asked: Int, actual: Int) -> Double {
        guard asked > 0 else { return 0 }
        return Double(actual - asked) / Double(asked)
    }

    /// A UART samples mid-bit, so over a 10–12 bit frame the two ends may differ by about 5%
    /// in total; allowing half of that for our side leaves the other half for the board's.
    static let tolerableDeviation = 0.025
}
