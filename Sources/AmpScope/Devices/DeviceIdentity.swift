/// Whether a device that shows up where a console's port was is that same port, so that a
/// capture never reads from, or types into, a device the user did not name.
public enum ReopenDecision: Sendable, Equatable {
    /// The same device is back: open it again.
    case reopen
    /// Something else is at the path now; the text describes it for the session's note.
    case differentDevice(String)
    /// This kind of port cannot come back as itself; the text says why.
    case never(String)
}

extension SerialAdapter {
    /// The same physical adapter and interface: its serial number where it has one, otherwise
    /// the USB port it is plugged into; vendor and product must match either way.
    public func isSameDevice(as other: SerialAdapter) -> Bool {
        guard usbID != nil, usbID == other.usbID, interfaceNumber == other.interfaceNumber else { return false }
        if let serial { return serial == other.serial }
        if let byID, other.byID != nil { return byID == other.byID }
        guard let usbPath else { return false }
        return usbPath == other.usbPath
    }
}

extension PortBinding {
    /// What to do when the console's port hung up and `candidate` is what udev now lists at its
    /// node (nil: nothing udev knows). `wasPseudoTerminal` is true when the port first opened was
    /// a pseudo-terminal.
    public func reopenDecision(wasPseudoTerminal: Bool, candidate: SerialAdapter?) -> ReopenDecision {
        if let adapter {
            // udev's identity decides (umockdev's emulated adapters are pseudo-terminals underneath).
            guard let candidate else { return .differentDevice("a device udev does not identify") }
            return adapter.isSameDevice(as: candidate) ? .reopen : .differentDevice(candidate.summary)
        }
        if wasPseudoTerminal {
            return .never("\(node) is a pseudo-terminal, whose number the system hands to the next program that opens one")
        }
        // An on-board UART or a path udev does not list: the same node is the same device,
        // unless a USB adapter now stands where none was.
        if let candidate, candidate.usbID != nil { return .differentDevice(candidate.summary) }
        return .reopen
    }
}
