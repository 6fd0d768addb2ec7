import Glibc

/// termios attributes of an open port: read them, build raw mode from settings, apply them.
enum Termios {
    static func read(_ descriptor: Int32) throws(SystemCallFailure) -> termios {
        var attributes = termios()
        guard tcgetattr(descriptor, &attributes) == 0 else { throw .last() }
        return attributes
    }

    static func apply(_ attributes: termios, to descriptor: Int32) throws(SystemCallFailure) {
        var attributes = attributes
        // TCSANOW, not TCSADRAIN: draining can block for good on a port whose CTS never comes.
        guard tcsetattr(descriptor, TCSANOW, &attributes) == 0 else { throw .last() }
    }

    /// The attributes for lossless capture, derived from what the port had: everything we do not
    /// own (e.g. line discipline characters we never use) stays as it was.
    ///
    /// Raw like cfmakeraw, and then some: no canonical mode, echo or signals; no output processing;
    /// no CR/NL mapping, no stripping, no parity checking or marking (PARMRK would double every
    /// 0xFF and INPCK would turn bad bytes into NUL: we keep the bytes as they came); IGNBRK off,
    /// so a break arrives as a NUL byte rather than vanishing. VMIN=1/VTIME=0 because the port is
    /// read non-blocking from a poll loop.
    ///
    /// HUPCL is cleared so that our close() does not drop DTR: boards wire DTR/RTS to reset or
    /// boot-mode pins. (Linux's own open() may already have raised them: see PortOpening.)
    static func raw(from original: termios, settings: SerialSettings) -> termios {
        var attributes = original
        attributes.c_iflag &= ~tcflag_t(
            IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IUCLC | IXON | IXOFF | IXANY
                | INPCK | IMAXBEL | IUTF8)
        attributes.c_oflag &= ~tcflag_t(OPOST)
        attributes.c_lflag &= ~tcflag_t(
            ICANON | ECHO | ECHOE | ECHOK | ECHONL | ECHOCTL | ECHOPRT | ECHOKE | ISIG | IEXTEN | XCASE
                | EXTPROC)
        attributes.c_cflag &= ~(tcflag_t(CSIZE | PARENB | PARODD | CMSPAR | CSTOPB | HUPCL) | CRTSCTS)
        attributes.c_cflag |= tcflag_t(CLOCAL | CREAD)

        switch settings.dataBits {
        case 5: attributes.c_cflag |= tcflag_t(CS5)
        case 6: attributes.c_cflag |= tcflag_t(CS6)
        case 7: attributes.c_cflag |= tcflag_t(CS7)
        default: attributes.c_cflag |= tcflag_t(CS8)
        }
        switch settings.parity {
        case .none: break
        case .even: attributes.c_cflag |= tcflag_t(PARENB)
        case .odd: attributes.c_cflag |= tcflag_t(PARENB | PARODD)
        case .mark: attributes.c_cflag |= tcflag_t(PARENB | PARODD | CMSPAR)
        case .space: attributes.c_cflag |= tcflag_t(PARENB | CMSPAR)
        }
        if settings.stopBits == 2 { attributes.c_cflag |= tcflag_t(CSTOPB) }
        switch settings.flowControl {
        case .none: break
        case .hardware: attributes.c_cflag |= CRTSCTS
        case .software:
            attributes.c_iflag |= tcflag_t(IXON | IXOFF)
            setControlCharacter(&attributes, VSTART, 0x11)  // DC1
            setControlCharacter(&attributes, VSTOP, 0x13)  // DC3
        }
        setControlCharacter(&attributes, VMIN, 1)
        setControlCharacter(&attributes, VTIME, 0)
        return attributes
    }

    /// Sets a standard rate (a B constant) in the attributes, for both directions.
    static func setStandardSpeed(_ attributes: inout termios, _ speed: speed_t) {
        cfsetspeed(&attributes, speed)
        // A previous custom rate leaves BOTHER in CIBAUD, which would keep the old input rate.
        attributes.c_cflag &= ~tcflag_t(CIBAUD)
    }

    static func controlCharacter(_ attributes: termios, _ index: Int32) -> UInt8 {
        withUnsafeBytes(of: attributes.c_cc) { $0[Int(index)] }
    }

    static func setControlCharacter(_ attributes: inout termios, _ index: Int32, _ value: UInt8) {
        withUnsafeMutableBytes(of: &attributes.c_cc) { $0[Int(index)] = value }
    }
}
