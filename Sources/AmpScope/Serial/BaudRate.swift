import CAmpScopeShims
import Glibc

/// Baud rates: the B constants for standard rates, termios2/BOTHER for any other, and the
/// rates the driver actually set, read back with TCGETS2.
enum BaudRate {
    private static let standardConstants: [Int: speed_t] = [
        50: speed_t(B50), 75: speed_t(B75), 110: speed_t(B110), 134: speed_t(B134), 150: speed_t(B150),
        200: speed_t(B200), 300: speed_t(B300), 600: speed_t(B600), 1200: speed_t(B1200),
        1800: speed_t(B1800), 2400: speed_t(B2400), 4800: speed_t(B4800), 9600: speed_t(B9600),
        19200: speed_t(B19200), 38400: speed_t(B38400), 57600: speed_t(B57600),
        115_200: speed_t(B115200), 230_400: speed_t(B230400), 460_800: speed_t(B460800),
        500_000: speed_t(B500000), 576_000: speed_t(B576000), 921_600: speed_t(B921600),
        1_000_000: speed_t(B1000000), 1_152_000: speed_t(B1152000), 1_500_000: speed_t(B1500000),
        2_000_000: speed_t(B2000000), 2_500_000: speed_t(B2500000), 3_000_000: speed_t(B3000000),
        3_500_000: speed_t(B3500000), 4_000_000: speed_t(B4000000),
    ]

    /// The B constant for a standard rate; nil means the rate needs termios2/BOTHER.
    static func standardConstant(for rate: Int) -> speed_t? { standardConstants[rate] }

    /// Any rate, both directions, through termios2 (BOTHER). Call after tcsetattr, which would
    /// otherwise overwrite it.
    static func setCustom(_ rate: Int, on descriptor: Int32) throws(SystemCallFailure) {
        guard let value = UInt32(exactly: rate) else { throw SystemCallFailure(code: EINVAL) }
        try DuplicateDescriptorRetry.run(on: descriptor) { ampscope_set_custom_baud($0, value) }
    }

    static func readBack(from descriptor: Int32) throws(SystemCallFailure) -> (input: Int, output: Int) {
        var input: UInt32 = 0
        var output: UInt32 = 0
        try DuplicateDescriptorRetry.run(on: descriptor) { ampscope_get_baud($0, &input, &output) }
        return (Int(input), Int(output))
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
