/// The serial ports that exist right now, for "no such port" errors: USB adapters, real
/// on-board UARTs and the stable /dev/serial/by-id names.
public enum PortInventory {
    public static func existingPorts() -> [String] {
        let deviceNames = FileSystemProbe.entries(of: "/dev").filter { name in
            if name.hasPrefix("ttyUSB") || name.hasPrefix("ttyACM") { return true }
            return name.hasPrefix("ttyS") && isRealUART(name)
        }
        let byID = FileSystemProbe.entries(of: "/dev/serial/by-id").map { "/dev/serial/by-id/\($0)" }
        return deviceNames.sorted(by: naturalOrder).map { "/dev/\($0)" } + byID.sorted()
    }

    /// The 8250 driver registers ttyS0…ttyS31 whether or not a UART answers; serial core's
    /// `type` attribute is 0 (PORT_UNKNOWN) for the empty ones.
    static func isRealUART(_ name: String) -> Bool {
        guard let raw = FileSystemProbe.contents(of: "/sys/class/tty/\(name)/type", limit: 32) else { return false }
        let digits = raw.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard let type = Int(String(decoding: digits, as: UTF8.self)) else { return false }
        return type != 0
    }

    /// ttyUSB2 before ttyUSB10.
    static func naturalOrder(_ left: String, _ right: String) -> Bool {
        let (leftStem, leftNumber) = splitTrailingNumber(left)
        let (rightStem, rightNumber) = splitTrailingNumber(right)
        if leftStem != rightStem { return leftStem < rightStem }
        return leftNumber < rightNumber
    }

    private static func splitTrailingNumber(_ name: String) -> (String, Int) {
        let digits = name.reversed().prefix(while: \.isNumber)
        let stem = String(name.dropLast(digits.count))
        return (stem, Int(String(digits.reversed())) ?? -1)
    }
}
