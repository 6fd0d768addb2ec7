import AmpScope
import ArgumentParser

/// Line settings shared by every command that opens ports.
struct SerialOptions: ParsableArguments {
    @Option(help: "Baud rate for consoles that do not give their own (any rate, e.g. 1500000).")
    var baud: Int = 115_200

    @Option(name: .customLong("data-bits"), help: "Data bits: 5, 6, 7 or 8.")
    var dataBits: Int = 8

    @Option(help: "Parity: none, even, odd, mark or space.")
    var parity: SerialSettings.Parity = .none

    @Option(name: .customLong("stop-bits"), help: "Stop bits: 1 or 2.")
    var stopBits: Int = 1

    @Option(help: "Flow control: none, hardware (RTS/CTS) or software (XON/XOFF).")
    var flow: SerialSettings.FlowControl = .none

    func validate() throws {
        guard baud > 0 else { throw ValidationError("--baud must be a positive number") }
        guard (5...8).contains(dataBits) else { throw ValidationError("--data-bits must be 5, 6, 7 or 8") }
        guard stopBits == 1 || stopBits == 2 else { throw ValidationError("--stop-bits must be 1 or 2") }
    }

    var settings: SerialSettings {
        SerialSettings(baud: baud, dataBits: dataBits, parity: parity, stopBits: stopBits, flowControl: flow)
    }
}

extension SerialSettings.Parity: ExpressibleByArgument {}
extension SerialSettings.FlowControl: ExpressibleByArgument {}
