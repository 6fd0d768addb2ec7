import AmpScope
import ArgumentParser

/// Line settings shared by every command that opens ports, spelled as tio and picocom take them.
struct SerialOptions: ParsableArguments {
    @Option(name: .shortAndLong, parsing: .unconditional, help: "Baud rate for consoles that do not give their own (any rate, e.g. 1500000).")
    var baud: Int = 115_200

    @Option(name: .customLong("data-bits"), parsing: .unconditional, help: "Data bits: 5, 6, 7 or 8.")
    var dataBits: Int = 8

    @Option(help: ArgumentHelp("Parity: none, even, odd, mark or space (n, e, o, m, s as picocom takes them).", valueName: "parity"))
    var parity: SerialSettings.Parity = .none

    @Option(name: .customLong("stop-bits"), parsing: .unconditional, help: "Stop bits: 1 or 2.")
    var stopBits: Int = 1

    @Option(help: ArgumentHelp("Flow control: none, hard (RTS/CTS) or soft (XON/XOFF); also h, s, x, n, rtscts, xonxoff, hardware, software.", valueName: "flow"))
    var flow: SerialSettings.FlowControl = .none

    func validate() throws {
        try OptionRange.within(baud, 1...Int(UInt32.max), "--baud")
        guard (5...8).contains(dataBits) else { throw ValidationError("--data-bits \(dataBits) is out of range: give 5, 6, 7 or 8") }
        guard stopBits == 1 || stopBits == 2 else { throw ValidationError("--stop-bits \(stopBits) is out of range: give 1 or 2") }
    }

    var settings: SerialSettings {
        SerialSettings(baud: baud, dataBits: dataBits, parity: parity, stopBits: stopBits, flowControl: flow)
    }
}

extension SerialSettings.Parity: ExpressibleByArgument {
    public init?(argument: String) { self.init(spelling: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public var defaultValueDescription: String { rawValue }
}

extension SerialSettings.FlowControl: ExpressibleByArgument {
    public init?(argument: String) { self.init(spelling: argument) }
    public static var allValueStrings: [String] { allCases.map(\.tioName) }
    public var defaultValueDescription: String { tioName }
    // The help lists the values once; the parser would take tio's names for descriptions of the enum's.
    public static var allValueDescriptions: [String: String] { [:] }
}
