/// DTR and RTS as the driver reports them (TIOCMGET). Only read, never set: boards wire these
/// lines to reset and boot-mode pins.
struct ModemLines: Sendable, Equatable {
    var dataTerminalReady: Bool
    var requestToSend: Bool

    /// nil where the device has no modem lines (pseudo-terminals, some CDC-ACM gadgets).
    static func read(from descriptor: Int32) -> ModemLines? {
        guard let lines = SerialLineControl.modemLines(descriptor) else { return nil }
        return ModemLines(dataTerminalReady: lines.dataTerminalReady, requestToSend: lines.requestToSend)
    }

    /// "DTR/RTS untouched (DTR on, RTS on)".
    static func summary(_ lines: ModemLines?) -> String {
        guard let lines else { return "DTR/RTS untouched (this device reports no modem lines)" }
        return "DTR/RTS untouched (DTR \(lines.dataTerminalReady ? "on" : "off"), RTS \(lines.requestToSend ? "on" : "off"))"
    }
}
