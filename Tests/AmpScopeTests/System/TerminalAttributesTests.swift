import Glibc
import Testing

@testable import AmpScope

/// The typed termios layer on hand-built libc structures: the frame format it reads and the
/// raw-mode flags it names, checked against the kernel's own constants.
@Suite struct TerminalAttributesTests {
    /// A terminal as a login shell leaves it: canonical, echoing, HUPCL, no CLOCAL/CREAD, VMIN=0.
    private func cooked() -> termios {
        var attributes = termios()
        attributes.c_iflag = tcflag_t(ICRNL | IXON | IGNBRK | ISTRIP | PARMRK | INPCK)
        attributes.c_oflag = tcflag_t(OPOST | ONLCR)
        attributes.c_lflag = tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        attributes.c_cflag = tcflag_t(CS8 | HUPCL | B9600)
        return attributes
    }

    @Test func everyFlagThatBreaksLosslessCaptureIsNamed() {
        let found = Set(TerminalAttributes(cooked()).rawModeDeviations(flowControl: .none))
        #expect(found == [
            "ICANON set", "ECHO set", "ISIG set", "IEXTEN set", "OPOST set", "IGNBRK set", "PARMRK set",
            "ISTRIP set", "ICRNL set", "INPCK set", "IXON set", "HUPCL set", "CLOCAL clear", "CREAD clear",
            "VMIN=0 VTIME=0",
        ])
    }

    @Test func rawModeForCaptureLeavesNoDeviation() {
        for flow in [TerminalLineFormat.FlowControl.none, .hardware, .software] {
            let format = TerminalLineFormat(characterSize: .eight, parity: .none, stopBits: .one, flowControl: flow)
            let raw = TerminalAttributes(cooked()).rawForCapture(format)
            #expect(raw.rawModeDeviations(flowControl: flow).isEmpty, "\(flow)")
            #expect(!raw.hangsUpOnClose)
            #expect(raw.ignoresModemStatus)
        }
    }

    @Test func xonXoffAreOnlyADeviationWithoutSoftwareFlowControl() {
        let format = TerminalLineFormat(characterSize: .eight, parity: .none, stopBits: .one, flowControl: .software)
        let raw = TerminalAttributes(cooked()).rawForCapture(format)
        #expect(raw.rawModeDeviations(flowControl: .none) == ["IXON set", "IXOFF set"])
    }

    @Test func aHandBuiltFrameFormatIsReadByName() {
        var attributes = cooked()
        attributes.c_cflag = tcflag_t(CS7 | PARENB | PARODD | CSTOPB) | CRTSCTS
        #expect(TerminalAttributes(attributes).lineFormat
            == TerminalLineFormat(characterSize: .seven, parity: .odd, stopBits: .two, flowControl: .hardware))
        attributes.c_cflag = tcflag_t(CS5 | PARENB | CMSPAR)
        attributes.c_iflag = tcflag_t(IXON | IXOFF)
        #expect(TerminalAttributes(attributes).lineFormat
            == TerminalLineFormat(characterSize: .five, parity: .space, stopBits: .one, flowControl: .software))
    }

    @Test func droppingHangUpOnCloseKeepsEverythingElse() {
        let kept = TerminalAttributes(cooked()).withoutHangUpOnClose().raw
        #expect(kept.c_cflag == tcflag_t(CS8 | B9600))
        #expect(kept.c_lflag == cooked().c_lflag)
        #expect(kept.c_iflag == cooked().c_iflag)
    }

    @Test func aStandardSpeedReplacesTheRateInBothDirections() {
        var attributes = TerminalAttributes(cooked())
        attributes.setSpeed(StandardTerminalSpeed(rate: 115_200)!)
        #expect(withUnsafePointer(to: attributes.raw) { cfgetospeed($0) } == speed_t(B115200))
        #expect(withUnsafePointer(to: attributes.raw) { cfgetispeed($0) } == speed_t(B115200))
        #expect(StandardTerminalSpeed(rate: 74_880) == nil)
    }
}
