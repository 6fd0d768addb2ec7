/// What the telnet side of an RFC 2217 console told ampscope, for the session's records.
enum RemoteNotice: Equatable, Sendable {
    /// The server confirmed every line setting asked for; the text says what the remote port runs at.
    case settingsConfirmed(String)
    /// The server answered a setting with another value than asked (its UART cannot do it).
    case settingDiffers(String)
    /// NOTIFY-LINESTATE: overrun, parity or framing errors, a break from the board (recorded as loss).
    case lineError(String)
    /// Flow control and break answers from the server.
    case lineState(String)
    /// NOTIFY-MODEMSTATE: carrier, ring, DSR, CTS as the remote port sees them.
    case modemState(String)
    /// Something the user should know: the server will not do COM-PORT-OPTION or BINARY, or the
    /// port speaks another protocol than the selector says.
    case warning(String)
}

/// The option negotiation and COM-PORT-OPTION (RFC 2217) exchange of one connection: what
/// ampscope sends first, how it answers the server, and what the server's replies mean.
struct Rfc2217Negotiation {
    enum Option {
        static let binary: UInt8 = 0
        static let echo: UInt8 = 1
        static let suppressGoAhead: UInt8 = 3
        static let comPort: UInt8 = 44
    }

    /// COM-PORT-OPTION commands, client to server; the server answers with the code + 100.
    enum ComPortCommand {
        static let setBaudRate: UInt8 = 1
        static let setDataSize: UInt8 = 2
        static let setParity: UInt8 = 3
        static let setStopSize: UInt8 = 4
        static let setControl: UInt8 = 5
        static let setLineStateMask: UInt8 = 10
        static let setModemStateMask: UInt8 = 11
        static let serverOffset: UInt8 = 100
        static let notifyLineState: UInt8 = 106
        static let notifyModemState: UInt8 = 107
        static let flowSuspend: UInt8 = 108
        static let flowResume: UInt8 = 109
    }

    enum Control {
        static let breakOn: UInt8 = 5
        static let breakOff: UInt8 = 6
    }

    /// Line-state bits worth a record: overrun, parity error, framing error, break detect
    /// (data-ready and the shift-register bits would come with every byte).
    static let lineStateMask: UInt8 = 0b0001_1110
    /// Modem-state lines themselves (CD, RI, DSR, CTS), not their delta bits.
    static let modemStateMask: UInt8 = 0b1111_0000

    let settings: SerialSettings
    /// Options ampscope does (WILL) and wants the server to do (DO): binary both ways so every
    /// byte value passes, suppress-go-ahead both ways, and COM-PORT on ampscope's side.
    private static let local: Set<UInt8> = [Option.binary, Option.suppressGoAhead, Option.comPort]
    private static let remote: Set<UInt8> = [Option.binary, Option.suppressGoAhead]
    /// Options agreed (or asked for and not refused yet), per side; answers only change these,
    /// so two peers never answer each other's answers forever.
    private var localOn: Set<UInt8> = []
    private var remoteOn: Set<UInt8> = []
    private var refusedLocal: Set<UInt8> = []
    private var refusedRemote: Set<UInt8> = []
    private var confirmed: [UInt8: [UInt8]] = [:]
    private var reportedConfirmation = false
    private var lastModemState: UInt8?

    init(settings: SerialSettings) {
        self.settings = settings
    }

    /// The first bytes on a new connection: the options, then the line settings and masks.
    mutating func opening() -> [UInt8] {
        var bytes: [UInt8] = []
        for option in [Option.binary, Option.suppressGoAhead, Option.comPort] {
            localOn.insert(option)
            bytes += TelnetEncoder.negotiation(.will, option)
        }
        for option in [Option.binary, Option.suppressGoAhead] {
            remoteOn.insert(option)
            bytes += TelnetEncoder.negotiation(.do, option)
        }
        for (command, value) in settingRequests() {
            bytes += TelnetEncoder.subnegotiation(Option.comPort, [command] + value)
        }
        bytes += TelnetEncoder.subnegotiation(Option.comPort, [ComPortCommand.setLineStateMask, Self.lineStateMask])
        bytes += TelnetEncoder.subnegotiation(Option.comPort, [ComPortCommand.setModemStateMask, Self.modemStateMask])
        return bytes
    }

    /// SET-BAUDRATE, -DATASIZE, -PARITY, -STOPSIZE and SET-CONTROL (flow), in RFC 2217's encoding.
    func settingRequests() -> [(UInt8, [UInt8])] {
        let baud = UInt32(clamping: settings.baud)
        let parity: UInt8
        switch settings.parity {
        case .none: parity = 1
        case .odd: parity = 2
        case .even: parity = 3
        case .mark: parity = 4
        case .space: parity = 5
        }
        let flow: UInt8
        switch settings.flowControl {
        case .none: flow = 1
        case .software: flow = 2
        case .hardware: flow = 3
        }
        return [
            (ComPortCommand.setBaudRate, [UInt8(baud >> 24), UInt8(truncatingIfNeeded: baud >> 16), UInt8(truncatingIfNeeded: baud >> 8), UInt8(truncatingIfNeeded: baud)]),
            (ComPortCommand.setDataSize, [UInt8(clamping: settings.dataBits)]),
            (ComPortCommand.setParity, [parity]),
            (ComPortCommand.setStopSize, [settings.stopBits == 2 ? 2 : 1]),
            (ComPortCommand.setControl, [flow]),
        ]
    }

    /// A break on the remote UART: SET-CONTROL break on, later break off.
    static func breakCommand(on: Bool) -> [UInt8] {
        TelnetEncoder.subnegotiation(Option.comPort, [ComPortCommand.setControl, on ? Control.breakOn : Control.breakOff])
    }

    /// Answers one received command; appends what it means to `notices`. Returns the bytes to send.
    mutating func handle(_ command: TelnetCommand, notices: inout [RemoteNotice]) -> [UInt8] {
        switch command {
        case .negotiation(let verb, let option):
            return answer(verb, option, notices: &notices)
        case .subnegotiation(let option, let payload):
            if option == Option.comPort, let code = payload.first { serverReply(code, Array(payload.dropFirst()), notices: &notices) }
            return []
        case .other:
            return []
        }
    }

    private mutating func answer(_ verb: TelnetVerb, _ option: UInt8, notices: inout [RemoteNotice]) -> [UInt8] {
        switch verb {
        case .do:
            if Self.local.contains(option) {
                return localOn.insert(option).inserted ? TelnetEncoder.negotiation(.will, option) : []
            }
            return refusedLocal.insert(option).inserted ? TelnetEncoder.negotiation(.wont, option) : []
        case .dont:
            refuse(option, notices: &notices)
            return localOn.remove(option) != nil ? TelnetEncoder.negotiation(.wont, option) : []
        case .will:
            if Self.remote.contains(option) {
                return remoteOn.insert(option).inserted ? TelnetEncoder.negotiation(.do, option) : []
            }
            // ECHO among them: an echo from ser2net would put typed keys into the board's output.
            return refusedRemote.insert(option).inserted ? TelnetEncoder.negotiation(.dont, option) : []
        case .wont:
            if option == Option.binary { refuse(option, notices: &notices) }
            return remoteOn.remove(option) != nil ? TelnetEncoder.negotiation(.dont, option) : []
        }
    }

    private func refuse(_ option: UInt8, notices: inout [RemoteNotice]) {
        switch option {
        case Option.comPort where localOn.contains(option):
            notices.append(.warning("the server refused COM-PORT-OPTION (RFC 2217): the remote port keeps ser2net's own settings; "
                + "use the accepter telnet(rfc2217) in ser2net's config to let ampscope set them"))
        case Option.binary where localOn.contains(option) || remoteOn.contains(option):
            notices.append(.warning("the server refused BINARY: bytes such as CR NUL may be changed on the way"))
        default:
            break
        }
    }

    private mutating func serverReply(_ code: UInt8, _ value: [UInt8], notices: inout [RemoteNotice]) {
        switch code {
        case ComPortCommand.notifyLineState:
            if let mask = value.first, mask & Self.lineStateMask != 0 { notices.append(.lineError(Self.lineStateText(mask))) }
        case ComPortCommand.notifyModemState:
            guard let state = value.first.map({ $0 & Self.modemStateMask }), state != lastModemState else { return }
            lastModemState = state
            notices.append(.modemState(Self.modemStateText(state)))
        case ComPortCommand.flowSuspend:
            notices.append(.lineState("the server asks to pause sending (FLOWCONTROL-SUSPEND)"))
        case ComPortCommand.flowResume:
            notices.append(.lineState("the server may be sent to again (FLOWCONTROL-RESUME)"))
        case ComPortCommand.serverOffset + ComPortCommand.setControl:
            // SET-CONTROL answers both the flow setting (1–3) and a break (5 on, 6 off).
            switch value.first {
            case Control.breakOn?: notices.append(.lineState(Self.breakReply(on: true)))
            case Control.breakOff?: notices.append(.lineState(Self.breakReply(on: false)))
            case let flow? where (1...3).contains(flow): confirm(ComPortCommand.setControl, value, notices: &notices)
            default: break
            }
        case let reply where reply > ComPortCommand.serverOffset && reply < ComPortCommand.serverOffset + ComPortCommand.setControl:
            confirm(reply - ComPortCommand.serverOffset, value, notices: &notices)
        default:
            break
        }
    }

    private mutating func confirm(_ command: UInt8, _ value: [UInt8], notices: inout [RemoteNotice]) {
        guard let asked = settingRequests().first(where: { $0.0 == command })?.1 else { return }
        confirmed[command] = value
        if value != asked {
            notices.append(.settingDiffers("asked the remote port for \(Self.settingText(command, asked)), "
                + "the server reports \(Self.settingText(command, value))"))
        }
        guard !reportedConfirmation, settingRequests().allSatisfy({ confirmed[$0.0] == $0.1 }) else { return }
        reportedConfirmation = true
        notices.append(.settingsConfirmed("the server set the remote port to \(settings.summary) (RFC 2217 replies to every setting)"))
    }

    /// Said as the server reports it: ser2net 4.3 answers "on" to break off too, on a PTY at least.
    static func breakReply(on: Bool) -> String {
        "the server reports the break state of the remote UART as \(on ? "on" : "off") (SET-CONTROL reply)"
    }

    static func settingText(_ command: UInt8, _ value: [UInt8]) -> String {
        switch command {
        case ComPortCommand.setBaudRate:
            return "\(value.reduce(0) { $0 << 8 | Int($1) }) baud"
        case ComPortCommand.setDataSize:
            return "\(value.first ?? 0) data bits"
        case ComPortCommand.setParity:
            let names: [UInt8: String] = [1: "no parity", 2: "odd parity", 3: "even parity", 4: "mark parity", 5: "space parity"]
            return names[value.first ?? 0] ?? "parity code \(value.first ?? 0)"
        case ComPortCommand.setStopSize:
            let names: [UInt8: String] = [1: "1 stop bit", 2: "2 stop bits", 3: "1.5 stop bits"]
            return names[value.first ?? 0] ?? "stop size code \(value.first ?? 0)"
        default:
            let names: [UInt8: String] = [1: "no flow control", 2: "XON/XOFF flow control", 3: "RTS/CTS flow control"]
            return names[value.first ?? 0] ?? "control code \(value.first ?? 0)"
        }
    }

    static func lineStateText(_ mask: UInt8) -> String {
        let names: [(UInt8, String)] = [(0x02, "overrun error"), (0x04, "parity error"), (0x08, "framing error"), (0x10, "break detected")]
        return "remote UART line state: " + names.filter { mask & $0.0 != 0 }.map(\.1).joined(separator: ", ")
    }

    static func modemStateText(_ state: UInt8) -> String {
        let names: [(UInt8, String)] = [(0x80, "CD"), (0x40, "RI"), (0x20, "DSR"), (0x10, "CTS")]
        let on = names.filter { state & $0.0 != 0 }.map(\.1)
        return "remote UART modem lines: " + (on.isEmpty ? "CD, RI, DSR and CTS all off" : on.joined(separator: ", ") + " on")
    }
}
