#if canImport(Glibc)
import Glibc
#endif

/// An open terminal's termios: read, turned into raw mode for lossless capture, applied, and
/// read back as a named frame format and the raw-mode flags still in the way.
struct TerminalAttributes: Sendable {
    /// The libc structure; internal so tests can check bits against the kernel's constants.
    private(set) var raw: termios

    init(_ raw: termios) { self.raw = raw }

    static func read(from descriptor: Int32) throws(SystemCallFailure) -> TerminalAttributes {
        var attributes = termios()
        guard tcgetattr(descriptor, &attributes) == 0 else { throw .last() }
        return TerminalAttributes(attributes)
    }

    func apply(to descriptor: Int32) throws(SystemCallFailure) {
        var attributes = raw
        // TCSANOW, not TCSADRAIN: draining can block for good on a port whose CTS never comes.
        guard tcsetattr(descriptor, TCSANOW, &attributes) == 0 else { throw .last() }
    }

    /// The attributes for lossless capture, derived from these: everything we do not own (e.g.
    /// line discipline characters we never use) stays as it was.
    ///
    /// Raw like cfmakeraw, and then some: no canonical mode, echo or signals; no output processing;
    /// no CR/NL mapping, no stripping, no parity checking or marking (PARMRK would double every
    /// 0xFF and INPCK would turn bad bytes into NUL: we keep the bytes as they came); IGNBRK off,
    /// so a break arrives as a NUL byte rather than vanishing. VMIN=1/VTIME=0 because the port is
    /// read non-blocking from a poll loop.
    ///
    /// HUPCL is cleared so that our close() does not drop DTR: boards wire DTR/RTS to reset or
    /// boot-mode pins. (Linux's own open() may already have raised them: see PortOpening.)
    func rawForCapture(_ format: TerminalLineFormat) -> TerminalAttributes {
        var attributes = raw
        attributes.c_iflag &= ~tcflag_t(
            IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IUCLC | IXON | IXOFF | IXANY
                | INPCK | IMAXBEL | IUTF8)
        attributes.c_oflag &= ~tcflag_t(OPOST)
        attributes.c_lflag &= ~tcflag_t(
            ICANON | ECHO | ECHOE | ECHOK | ECHONL | ECHOCTL | ECHOPRT | ECHOKE | ISIG | IEXTEN | XCASE
                | EXTPROC)
        attributes.c_cflag &= ~(tcflag_t(CSIZE | PARENB | PARODD | CMSPAR | CSTOPB | HUPCL) | CRTSCTS)
        attributes.c_cflag |= tcflag_t(CLOCAL | CREAD)

        switch format.characterSize {
        case .five: attributes.c_cflag |= tcflag_t(CS5)
        case .six: attributes.c_cflag |= tcflag_t(CS6)
        case .seven: attributes.c_cflag |= tcflag_t(CS7)
        case .eight: attributes.c_cflag |= tcflag_t(CS8)
        }
        switch format.parity {
        case .none: break
        case .even: attributes.c_cflag |= tcflag_t(PARENB)
        case .odd: attributes.c_cflag |= tcflag_t(PARENB | PARODD)
        case .mark: attributes.c_cflag |= tcflag_t(PARENB | PARODD | CMSPAR)
        case .space: attributes.c_cflag |= tcflag_t(PARENB | CMSPAR)
        }
        if format.stopBits == .two { attributes.c_cflag |= tcflag_t(CSTOPB) }
        switch format.flowControl {
        case .none: break
        case .hardware: attributes.c_cflag |= CRTSCTS
        case .software:
            attributes.c_iflag |= tcflag_t(IXON | IXOFF)
            Self.setControlCharacter(&attributes, VSTART, 0x11)  // DC1
            Self.setControlCharacter(&attributes, VSTOP, 0x13)  // DC3
        }
        Self.setControlCharacter(&attributes, VMIN, 1)
        Self.setControlCharacter(&attributes, VTIME, 0)
        return TerminalAttributes(attributes)
    }

    /// Sets a standard rate for both directions.
    mutating func setSpeed(_ speed: StandardTerminalSpeed) {
        cfsetspeed(&raw, speed.constant)
        // A previous custom rate leaves BOTHER in CIBAUD, which would keep the old input rate.
        raw.c_cflag &= ~tcflag_t(CIBAUD)
    }

    /// The same attributes without HUPCL, so that close() leaves DTR as it is.
    func withoutHangUpOnClose() -> TerminalAttributes {
        var attributes = raw
        attributes.c_cflag &= ~tcflag_t(HUPCL)
        return TerminalAttributes(attributes)
    }

    /// CLOCAL: modem status lines are ignored.
    var ignoresModemStatus: Bool { raw.c_cflag & tcflag_t(CLOCAL) != 0 }
    /// HUPCL: the last close drops DTR and RTS.
    var hangsUpOnClose: Bool { raw.c_cflag & tcflag_t(HUPCL) != 0 }

    /// The frame format and flow control these attributes describe.
    var lineFormat: TerminalLineFormat {
        let control = raw.c_cflag
        let size: TerminalLineFormat.CharacterSize
        switch control & tcflag_t(CSIZE) {
        case tcflag_t(CS5): size = .five
        case tcflag_t(CS6): size = .six
        case tcflag_t(CS7): size = .seven
        default: size = .eight
        }
        let parity: TerminalLineFormat.Parity
        if control & tcflag_t(PARENB) == 0 {
            parity = .none
        } else {
            let odd = control & tcflag_t(PARODD) != 0
            if control & tcflag_t(CMSPAR) != 0 {
                parity = odd ? .mark : .space
            } else {
                parity = odd ? .odd : .even
            }
        }
        let flow: TerminalLineFormat.FlowControl
        if control & CRTSCTS != 0 {
            flow = .hardware
        } else if raw.c_iflag & tcflag_t(IXON | IXOFF) == tcflag_t(IXON | IXOFF) {
            flow = .software
        } else {
            flow = .none
        }
        return TerminalLineFormat(
            characterSize: size, parity: parity, stopBits: control & tcflag_t(CSTOPB) != 0 ? .two : .one,
            flowControl: flow)
    }

    /// The flags that break lossless capture and are still set (or missing), by name; XON/XOFF
    /// are allowed when software flow control was asked for.
    func rawModeDeviations(flowControl: TerminalLineFormat.FlowControl) -> [String] {
        var found: [String] = []
        func mustBeClear(_ flags: tcflag_t, _ value: Int32, _ name: String) {
            if flags & tcflag_t(value) != 0 { found.append("\(name) set") }
        }
        mustBeClear(raw.c_lflag, ICANON, "ICANON")
        mustBeClear(raw.c_lflag, ECHO, "ECHO")
        mustBeClear(raw.c_lflag, ISIG, "ISIG")
        mustBeClear(raw.c_lflag, IEXTEN, "IEXTEN")
        mustBeClear(raw.c_oflag, OPOST, "OPOST")
        for (flag, name) in [
            (IGNBRK, "IGNBRK"), (BRKINT, "BRKINT"), (PARMRK, "PARMRK"), (ISTRIP, "ISTRIP"), (INLCR, "INLCR"),
            (IGNCR, "IGNCR"), (ICRNL, "ICRNL"), (INPCK, "INPCK"),
        ] {
            mustBeClear(raw.c_iflag, flag, name)
        }
        if flowControl != .software {
            mustBeClear(raw.c_iflag, IXON, "IXON")
            mustBeClear(raw.c_iflag, IXOFF, "IXOFF")
        }
        mustBeClear(raw.c_cflag, HUPCL, "HUPCL")
        if raw.c_cflag & tcflag_t(CLOCAL) == 0 { found.append("CLOCAL clear") }
        if raw.c_cflag & tcflag_t(CREAD) == 0 { found.append("CREAD clear") }
        let minimum = Self.controlCharacter(raw, VMIN)
        let time = Self.controlCharacter(raw, VTIME)
        if minimum != 1 || time != 0 { found.append("VMIN=\(minimum) VTIME=\(time)") }
        return found
    }

    private static func controlCharacter(_ attributes: termios, _ index: Int32) -> UInt8 {
        withUnsafeBytes(of: attributes.c_cc) { $0[Int(index)] }
    }

    private static func setControlCharacter(_ attributes: inout termios, _ index: Int32, _ value: UInt8) {
        withUnsafeMutableBytes(of: &attributes.c_cc) { $0[Int(index)] = value }
    }
}
