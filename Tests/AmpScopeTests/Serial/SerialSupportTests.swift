import CAmpScopeShims
import Glibc
import Testing

@testable import AmpScope
@testable import AmpScopeTestSupport

/// The pure parts of the serial layer: termios building, frame decoding, inventory, holders, errors.
@Suite struct SerialSupportTests {
    private func cooked() -> termios {
        var attributes = termios()
        attributes.c_iflag = tcflag_t(ICRNL | IXON | IXANY | IGNBRK | ISTRIP | PARMRK | INPCK)
        attributes.c_oflag = tcflag_t(OPOST | ONLCR)
        attributes.c_lflag = tcflag_t(ICANON | ECHO | ECHOE | ISIG | IEXTEN)
        attributes.c_cflag = tcflag_t(CS8 | HUPCL | PARENB | B9600)
        return attributes
    }

    private func raw(_ settings: SerialSettings) -> termios {
        Termios.raw(from: TerminalAttributes(cooked()), settings: settings).raw
    }

    private func controlCharacter(_ attributes: termios, _ index: Int32) -> UInt8 {
        withUnsafeBytes(of: attributes.c_cc) { $0[Int(index)] }
    }

    @Test func sevenEvenTwoWithRtsCts() {
        let built = raw(SerialSettings(dataBits: 7, parity: .even, stopBits: 2, flowControl: .hardware))
        #expect(built.c_cflag & tcflag_t(CSIZE) == tcflag_t(CS7))
        #expect(built.c_cflag & tcflag_t(PARENB | PARODD | CMSPAR) == tcflag_t(PARENB))
        #expect(built.c_cflag & tcflag_t(CSTOPB) != 0)
        #expect(built.c_cflag & CRTSCTS != 0)
        #expect(built.c_cflag & tcflag_t(HUPCL) == 0)
        #expect(built.c_cflag & tcflag_t(CLOCAL | CREAD) == tcflag_t(CLOCAL | CREAD))
        #expect(built.c_cflag & tcflag_t(CBAUD) == tcflag_t(B9600))  // speed is set separately
        #expect(built.c_iflag == 0)
        #expect(built.c_oflag & tcflag_t(OPOST) == 0)
        #expect(built.c_lflag & tcflag_t(ICANON | ECHO | ECHOE | ISIG | IEXTEN) == 0)
        #expect(controlCharacter(built, VMIN) == 1)
        #expect(controlCharacter(built, VTIME) == 0)
    }

    @Test func parityVariantsUseCmsparForMarkAndSpace() {
        func parityBits(_ parity: SerialSettings.Parity) -> tcflag_t {
            raw(SerialSettings(parity: parity)).c_cflag & tcflag_t(PARENB | PARODD | CMSPAR)
        }
        #expect(parityBits(.none) == 0)
        #expect(parityBits(.even) == tcflag_t(PARENB))
        #expect(parityBits(.odd) == tcflag_t(PARENB | PARODD))
        #expect(parityBits(.mark) == tcflag_t(PARENB | PARODD | CMSPAR))
        #expect(parityBits(.space) == tcflag_t(PARENB | CMSPAR))
    }

    @Test func dataBitsFiveToEight() {
        let sizes = (5...8).map { raw(SerialSettings(dataBits: $0)).c_cflag & tcflag_t(CSIZE) }
        #expect(sizes == [tcflag_t(CS5), tcflag_t(CS6), tcflag_t(CS7), tcflag_t(CS8)])
    }

    @Test func lineFormatDecodesWhatTheBuilderEncodes() {
        for parity in SerialSettings.Parity.allCases {
            for flow in SerialSettings.FlowControl.allCases {
                let settings = SerialSettings(dataBits: 6, parity: parity, stopBits: 2, flowControl: flow)
                #expect(LineFormat(Termios.raw(from: TerminalAttributes(cooked()), settings: settings)) == LineFormat(settings))
            }
        }
        #expect(LineFormat(SerialSettings(dataBits: 7, parity: .mark, stopBits: 1, flowControl: .software)).text == "7M1 xonxoff")
    }

    @Test func standardRatesUseBConstantsAndOthersDoNot() {
        #expect(BaudRate.standardSpeed(for: 115_200)?.constant == speed_t(B115200))
        #expect(BaudRate.standardSpeed(for: 1_500_000)?.constant == speed_t(B1500000))
        #expect(BaudRate.standardSpeed(for: 250_000) == nil)
        #expect(BaudRate.standardSpeed(for: 74_880) == nil)  // ESP8266 boot ROM rate
    }

    @Test func baudDeviationText() {
        #expect(SerialPort.percentText(BaudRate.deviation(asked: 1_500_000, actual: 1_411_764)) == "-5.9%")
        #expect(SerialPort.percentText(BaudRate.deviation(asked: 115_200, actual: 115_384)) == "+0.2%")
    }

    @Test func inventoryIsNaturallyOrderedAndExists() {
        let names = ["ttyUSB10", "ttyACM0", "ttyUSB2", "ttyS1", "ttyUSB0"]
        #expect(names.sorted(by: PortInventory.naturalOrder) == ["ttyACM0", "ttyS1", "ttyUSB0", "ttyUSB2", "ttyUSB10"])
        for port in PortInventory.existingPorts() {
            #expect(access(port, F_OK) == 0, "\(port) listed but missing")
        }
    }

    @Test func modemLineSummary() {
        #expect(ModemLines.summary(ModemLines(dataTerminalReady: true, requestToSend: false)) == "DTR/RTS untouched (DTR on, RTS off)")
        #expect(ModemLines.summary(nil) == "DTR/RTS untouched (this device reports no modem lines)")
    }

    @Test func errorDescriptionsSayWhatToDo() {
        #expect(
            SerialError.noSuchPort(path: "/dev/ttyUSB3", existing: ["/dev/ttyUSB0", "/dev/ttyUSB1"]).description
                == "No serial port at /dev/ttyUSB3. Ports present: /dev/ttyUSB0, /dev/ttyUSB1. Pass one of those, "
                + "or check that the adapter is plugged in (`dmesg | tail` shows the name it got).")
        #expect(SerialError.noSuchPort(path: "/dev/ttyUSB0", existing: []).description.contains("no serial ports were found"))
        #expect(
            SerialError.inUse(path: "/dev/ttyUSB0", holders: [PortHolder(pid: 4242, command: "picocom -b 115200 /dev/ttyUSB0")])
                .description
                == "/dev/ttyUSB0 is in use by pid 4242 (picocom -b 115200 /dev/ttyUSB0). Close that program "
                + "(or `kill 4242`) and try again; two readers on one port would each get only part of the bytes.")
        #expect(SerialError.inUse(path: "/dev/ttyUSB0", holders: []).description.contains("sudo fuser -v /dev/ttyUSB0"))
        #expect(SerialError.ioFailure(path: "/dev/ttyUSB0", operation: "write", errno: EIO).description.hasPrefix(
            "write on /dev/ttyUSB0 failed: Input/output error (errno 5). The device is gone"))
        #expect(SerialError.notATerminal(path: "boot.log").description.contains("a saved log file is not a port"))
    }
}
