/// Line settings for one serial console, as the user asked for them.
public struct SerialSettings: Sendable, Hashable, Codable {
    public enum Parity: String, Sendable, Hashable, Codable, CaseIterable {
        case none, even, odd, mark, space
    }

    public enum FlowControl: String, Sendable, Hashable, Codable, CaseIterable {
        case none
        case hardware  // RTS/CTS
        case software  // XON/XOFF
    }

    public var baud: Int
    public var dataBits: Int
    public var parity: Parity
    public var stopBits: Int
    public var flowControl: FlowControl
    /// Leave DTR and RTS exactly as they were: boards often wire them to reset or boot mode.
    public var keepModemLines: Bool

    public init(
        baud: Int = 115_200, dataBits: Int = 8, parity: Parity = .none, stopBits: Int = 1,
        flowControl: FlowControl = .none, keepModemLines: Bool = true
    ) {
        self.baud = baud
        self.dataBits = dataBits
        self.parity = parity
        self.stopBits = stopBits
        self.flowControl = flowControl
        self.keepModemLines = keepModemLines
    }

    /// "115200 8N1", the way people write it.
    public var summary: String {
        let parityLetter: String
        switch parity {
        case .none: parityLetter = "N"
        case .even: parityLetter = "E"
        case .odd: parityLetter = "O"
        case .mark: parityLetter = "M"
        case .space: parityLetter = "S"
        }
        var text = "\(baud) \(dataBits)\(parityLetter)\(stopBits)"
        switch flowControl {
        case .none: break
        case .hardware: text += " rtscts"
        case .software: text += " xonxoff"
        }
        return text
    }
}
