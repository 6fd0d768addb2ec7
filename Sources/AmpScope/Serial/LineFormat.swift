/// The frame format and flow control of a port in SerialSettings' terms, so that what the driver
/// kept can be compared with what was asked and reported as "8N1 rtscts".
struct LineFormat: Equatable, Sendable {
    var dataBits: Int
    var parity: SerialSettings.Parity
    var stopBits: Int
    var flowControl: SerialSettings.FlowControl

    init(_ settings: SerialSettings) {
        dataBits = settings.dataBits
        parity = settings.parity
        stopBits = settings.stopBits
        flowControl = settings.flowControl
    }

    init(_ attributes: TerminalAttributes) {
        let format = attributes.lineFormat
        dataBits = format.characterSize.rawValue
        switch format.parity {
        case .none: parity = .none
        case .even: parity = .even
        case .odd: parity = .odd
        case .mark: parity = .mark
        case .space: parity = .space
        }
        stopBits = format.stopBits.rawValue
        switch format.flowControl {
        case .none: flowControl = .none
        case .hardware: flowControl = .hardware
        case .software: flowControl = .software
        }
    }

    /// "8N1", "7E2 rtscts", "8N1 xonxoff".
    var text: String {
        SerialSettings(baud: 0, dataBits: dataBits, parity: parity, stopBits: stopBits, flowControl: flowControl)
            .summary.dropFirst(2).description
    }
}

/// Checks that the attributes read back from the driver are the raw mode we asked for.
enum RawModeCheck {
    /// The flags that break lossless capture and are still set (or missing), by name.
    static func deviations(_ attributes: TerminalAttributes, flowControl: SerialSettings.FlowControl) -> [String] {
        attributes.rawModeDeviations(flowControl: TerminalLineFormat.FlowControl(flowControl))
    }
}
