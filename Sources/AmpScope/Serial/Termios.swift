/// The port's settings in the terminal layer's terms: the raw-mode attributes to apply for them,
/// and the frame format termios is asked for.
enum Termios {
    /// Raw mode for lossless capture with the asked frame format (System/TerminalAttributes says which flags).
    static func raw(from original: TerminalAttributes, settings: SerialSettings) -> TerminalAttributes {
        original.rawForCapture(TerminalLineFormat(settings))
    }
}

extension TerminalLineFormat {
    init(_ settings: SerialSettings) {
        switch settings.dataBits {
        case 5: characterSize = .five
        case 6: characterSize = .six
        case 7: characterSize = .seven
        default: characterSize = .eight
        }
        parity = TerminalLineFormat.Parity(settings.parity)
        stopBits = settings.stopBits == 2 ? .two : .one
        flowControl = TerminalLineFormat.FlowControl(settings.flowControl)
    }
}

extension TerminalLineFormat.Parity {
    init(_ parity: SerialSettings.Parity) {
        switch parity {
        case .none: self = .none
        case .even: self = .even
        case .odd: self = .odd
        case .mark: self = .mark
        case .space: self = .space
        }
    }
}

extension TerminalLineFormat.FlowControl {
    init(_ flow: SerialSettings.FlowControl) {
        switch flow {
        case .none: self = .none
        case .hardware: self = .hardware
        case .software: self = .software
        }
    }
}
