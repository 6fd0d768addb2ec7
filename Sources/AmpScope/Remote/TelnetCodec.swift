/// Telnet framing (RFC 854/855) as ser2net's telnet accepter speaks it: 0xFF (IAC) starts a
/// command, IAC IAC is a data byte 0xFF, IAC SB ... IAC SE carries an option's subnegotiation.
/// With BINARY negotiated both ways there is no CR NUL stuffing, so every other byte is data.
enum TelnetByte {
    static let iac: UInt8 = 255
    static let subnegotiationEnd: UInt8 = 240   // SE
    static let subnegotiationBegin: UInt8 = 250 // SB
}

enum TelnetVerb: UInt8, Sendable {
    case will = 251, wont = 252, `do` = 253, dont = 254
}

/// A command found in the received stream.
enum TelnetCommand: Equatable, Sendable {
    case negotiation(TelnetVerb, option: UInt8)
    case subnegotiation(option: UInt8, payload: [UInt8])
    /// NOP, GA, BRK, AYT and the other two-byte commands.
    case other(UInt8)
}

/// Splits received bytes into data and commands. Stateful: a read may end anywhere inside
/// an IAC sequence (TCP does not keep ser2net's write boundaries), and the next read goes on
/// from there.
struct TelnetDecoder {
    private enum State: Equatable {
        case data
        case command
        case verb(TelnetVerb)
        case subnegotiationOption
        case subnegotiation(option: UInt8)
        case subnegotiationCommand(option: UInt8)
    }

    /// A subnegotiation longer than this is not RFC 2217's; its tail is dropped, not buffered.
    static let payloadLimit = 512
    private var state = State.data
    private var payload: [UInt8] = []

    /// Decodes the first `count` bytes of `buffer` in place: the data bytes are moved to the
    /// front (never past where they were read, so nothing is overwritten early), commands are
    /// appended to `commands`. Returns the number of data bytes.
    mutating func decode(inPlace buffer: UnsafeMutableRawBufferPointer, count: Int, commands: inout [TelnetCommand]) -> Int {
        var written = 0
        for index in 0..<count {
            let byte = buffer[index]
            if let data = step(byte, commands: &commands) {
                buffer[written] = data
                written += 1
            }
        }
        return written
    }

    /// The same for an array (tests, and callers without a buffer of their own).
    mutating func decode(_ bytes: [UInt8]) -> (data: [UInt8], commands: [TelnetCommand]) {
        var data: [UInt8] = []
        var commands: [TelnetCommand] = []
        for byte in bytes {
            if let value = step(byte, commands: &commands) { data.append(value) }
        }
        return (data, commands)
    }

    /// One byte through the state machine; the data byte it yields, if any.
    private mutating func step(_ byte: UInt8, commands: inout [TelnetCommand]) -> UInt8? {
        switch state {
        case .data:
            if byte == TelnetByte.iac {
                state = .command
                return nil
            }
            return byte
        case .command:
            switch byte {
            case TelnetByte.iac:
                state = .data
                return byte
            case TelnetByte.subnegotiationBegin:
                state = .subnegotiationOption
            case let value where TelnetVerb(rawValue: value) != nil:
                state = .verb(TelnetVerb(rawValue: value)!)
            default:
                commands.append(.other(byte))
                state = .data
            }
        case .verb(let verb):
            commands.append(.negotiation(verb, option: byte))
            state = .data
        case .subnegotiationOption:
            payload.removeAll(keepingCapacity: true)
            state = byte == TelnetByte.iac ? .subnegotiationCommand(option: byte) : .subnegotiation(option: byte)
        case .subnegotiation(let option):
            if byte == TelnetByte.iac {
                state = .subnegotiationCommand(option: option)
            } else if payload.count < Self.payloadLimit {
                payload.append(byte)
            }
        case .subnegotiationCommand(let option):
            switch byte {
            case TelnetByte.iac:
                if payload.count < Self.payloadLimit { payload.append(byte) }
                state = .subnegotiation(option: option)
            case TelnetByte.subnegotiationEnd:
                commands.append(.subnegotiation(option: option, payload: payload))
                state = .data
            default:
                // IAC and a command inside SB is malformed (RFC 855 leaves it open): end the
                // subnegotiation there and read the command, rather than swallow data.
                commands.append(.subnegotiation(option: option, payload: payload))
                state = .command
                return step(byte, commands: &commands)
            }
        }
        return nil
    }
}

/// Builds what ampscope sends: data with 0xFF doubled, negotiations, subnegotiations.
enum TelnetEncoder {
    static func escape<Bytes: Sequence>(_ bytes: Bytes, into output: inout [UInt8]) where Bytes.Element == UInt8 {
        for byte in bytes {
            output.append(byte)
            if byte == TelnetByte.iac { output.append(byte) }
        }
    }

    static func escape(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        escape(bytes, into: &output)
        return output
    }

    static func negotiation(_ verb: TelnetVerb, _ option: UInt8) -> [UInt8] {
        [TelnetByte.iac, verb.rawValue, option]
    }

    static func subnegotiation(_ option: UInt8, _ payload: [UInt8]) -> [UInt8] {
        var output = [TelnetByte.iac, TelnetByte.subnegotiationBegin, option]
        escape(payload, into: &output)
        output += [TelnetByte.iac, TelnetByte.subnegotiationEnd]
        return output
    }
}
