#if canImport(Glibc)
import Glibc
#endif
import CAmpScopeShims

/// A baud rate termios carries as a B constant; any other rate goes through termios2 (`CustomBaudRate`).
struct StandardTerminalSpeed: Equatable, Sendable {
    let rate: Int
    /// The B constant; internal so tests can check it against the kernel's.
    let constant: speed_t

    private static let constants: [Int: speed_t] = [
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

    /// nil when the rate has no B constant and needs termios2/BOTHER.
    init?(rate: Int) {
        guard let constant = Self.constants[rate] else { return nil }
        self.rate = rate
        self.constant = constant
    }
}

/// Any baud rate through Linux's termios2 (BOTHER), and the rates the driver actually set (TCGETS2).
enum CustomBaudRate {
    /// Both directions. Call after `TerminalAttributes.apply`, whose tcsetattr would overwrite it.
    static func set(_ rate: UInt32, on descriptor: Int32) throws(SystemCallFailure) {
        try DuplicateDescriptorRetry.run(on: descriptor) { ampscope_set_custom_baud($0, rate) }
    }

    static func read(from descriptor: Int32) throws(SystemCallFailure) -> (input: Int, output: Int) {
        var input: UInt32 = 0
        var output: UInt32 = 0
        try DuplicateDescriptorRetry.run(on: descriptor) { ampscope_get_baud($0, &input, &output) }
        return (Int(input), Int(output))
    }
}
