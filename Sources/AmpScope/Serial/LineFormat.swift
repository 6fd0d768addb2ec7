import Glibc

/// The frame format and flow control a termios describes, so that what the driver kept can be
/// compared with what was asked and reported as "8N1 rtscts".
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

    init(_ attributes: termios) {
        let control = attributes.c_cflag
        switch control & tcflag_t(CSIZE) {
        case tcflag_t(CS5): dataBits = 5
        case tcflag_t(CS6): dataBits = 6
        case tcflag_t(CS7): dataBits = 7
        default: dataBits = 8
        }
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
        stopBits = control & tcflag_t(CSTOPB) != 0 ? 2 : 1
        if control & CRTSCTS != 0 {
            flowControl = .hardware
        } else if attributes.c_iflag & tcflag_t(IXON | IXOFF) == tcflag_t(IXON | IXOFF) {
            flowControl = .software
        } else {
            flowControl = .none
        }
    }

    /// "8N1", "7E2 rtscts", "8N1 xonxoff".
    var text: String {
        SerialSettings(baud: 0, dataBits: dataBits, parity: parity, stopBits: stopBits, flowControl: flowControl)
            .summary.dropFirst(2).description
    }
}

/// Checks that a termios read back from the driver is the raw mode we asked for.
enum RawModeCheck {
    /// The flags that break lossless capture and are still set (or missing), by name.
    static func deviations(_ attributes: termios, flowControl: SerialSettings.FlowControl) -> [String] {
        var found: [String] = []
        func mustBeClear(_ flags: tcflag_t, _ value: Int32, _ name: String) {
            if flags & tcflag_t(value) != 0 { found.append("\(name) set") }
        }
        mustBeClear(attributes.c_lflag, ICANON, "ICANON")
        mustBeClear(attributes.c_lflag, ECHO, "ECHO")
        mustBeClear(attributes.c_lflag, ISIG, "ISIG")
        mustBeClear(attributes.c_lflag, IEXTEN, "IEXTEN")
        mustBeClear(attributes.c_oflag, OPOST, "OPOST")
        for (flag, name) in [
            (IGNBRK, "IGNBRK"), (BRKINT, "BRKINT"), (PARMRK, "PARMRK"), (ISTRIP, "ISTRIP"), (INLCR, "INLCR"),
            (IGNCR, "IGNCR"), (ICRNL, "ICRNL"), (INPCK, "INPCK"),
        ] {
            mustBeClear(attributes.c_iflag, flag, name)
        }
        if flowControl != .software {
            mustBeClear(attributes.c_iflag, IXON, "IXON")
            mustBeClear(attributes.c_iflag, IXOFF, "IXOFF")
        }
        mustBeClear(attributes.c_cflag, HUPCL, "HUPCL")
        if attributes.c_cflag & tcflag_t(CLOCAL) == 0 { found.append("CLOCAL clear") }
        if attributes.c_cflag & tcflag_t(CREAD) == 0 { found.append("CREAD clear") }
        let minimum = Termios.controlCharacter(attributes, VMIN)
        let time = Termios.controlCharacter(attributes, VTIME)
        if minimum != 1 || time != 0 { found.append("VMIN=\(minimum) VTIME=\(time)") }
        return found
    }
}
