/// The frame format and flow control a termios carries, named rather than as flag bits, so that
/// the port layer can ask for one and compare it with what the driver kept.
struct TerminalLineFormat: Equatable, Sendable {
    enum CharacterSize: Int, Sendable { case five = 5, six = 6, seven = 7, eight = 8 }
    enum Parity: Sendable { case none, even, odd, mark, space }
    enum StopBits: Int, Sendable { case one = 1, two = 2 }
    enum FlowControl: Sendable {
        case none
        /// RTS/CTS (CRTSCTS).
        case hardware
        /// XON/XOFF (IXON | IXOFF with DC1/DC3).
        case software
    }

    var characterSize: CharacterSize
    var parity: Parity
    var stopBits: StopBits
    var flowControl: FlowControl
}
