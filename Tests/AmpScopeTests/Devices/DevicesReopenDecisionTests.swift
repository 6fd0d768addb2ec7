import AmpScope
import Testing
@testable import AmpScopeTestSupport

/// Which device a capture may reopen after a hangup (issue 17): worked out by hand from the
/// identities below, not from the code under test.
@Suite struct DevicesReopenDecisionTests {
    static let ft232r = SerialAdapter(
        node: "/dev/ttyUSB0", byID: "/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0",
        usbPath: "pci-0000:00:14.0-usb-0:1:1.0", vendorID: "0403", productID: "6001", serial: "A50285BI", interfaceNumber: 0)

    static func binding(_ text: String, adapter: SerialAdapter?) throws -> PortBinding {
        PortBinding(selector: try PortSelector.parse(text), node: adapter?.node ?? text, adapter: adapter)
    }

    @Test func theSameAdapterInAnotherSocketUnderAnotherNameIsReopened() throws {
        var back = Self.ft232r
        back.node = "/dev/ttyUSB5"
        back.usbPath = "pci-0000:00:14.0-usb-0:6:1.0"
        let binding = try Self.binding("serial:A50285BI", adapter: Self.ft232r)
        #expect(binding.reopenDecision(wasPseudoTerminal: false, candidate: back) == .reopen)
    }

    @Test func anotherAdapterOfTheSameModelIsNotReopened() throws {
        var other = Self.ft232r
        other.serial = "A50285BJ"
        other.byID = "/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BJ-if00-port0"
        let binding = try Self.binding("usb:0403:6001", adapter: Self.ft232r)
        guard case .differentDevice(let text) = binding.reopenDecision(wasPseudoTerminal: false, candidate: other) else {
            Issue.record("an FT232R with serial A50285BJ was taken for A50285BI")
            return
        }
        #expect(text.contains("A50285BJ"))
    }

    @Test func withoutSerialNumbersTheUSBSocketDecides() throws {
        let plain = SerialAdapter(node: "/dev/ttyUSB0", usbPath: "pci-0000:00:14.0-usb-0:2:1.0", vendorID: "1a86", productID: "7523", interfaceNumber: 0)
        var sameSocket = plain
        sameSocket.node = "/dev/ttyUSB3"
        var otherSocket = plain
        otherSocket.usbPath = "pci-0000:00:14.0-usb-0:3:1.0"
        let binding = try Self.binding("/dev/ttyUSB0", adapter: plain)
        #expect(binding.reopenDecision(wasPseudoTerminal: false, candidate: sameSocket) == .reopen)
        #expect(binding.reopenDecision(wasPseudoTerminal: false, candidate: otherSocket) != .reopen)
    }

    @Test func anotherInterfaceOfTheSameChipIsNotReopened() throws {
        var second = Self.ft232r
        second.interfaceNumber = 1
        let binding = try Self.binding("serial:A50285BI", adapter: Self.ft232r)
        #expect(binding.reopenDecision(wasPseudoTerminal: false, candidate: second) != .reopen)
    }

    @Test func aPseudoTerminalIsNeverReopened() throws {
        let binding = try Self.binding("/dev/pts/2", adapter: nil)
        guard case .never(let why) = binding.reopenDecision(wasPseudoTerminal: true, candidate: nil) else {
            Issue.record("a pseudo-terminal path was considered for reopening")
            return
        }
        #expect(why.contains("/dev/pts/2"))
    }

    @Test func anOnBoardUARTComesBackByItsPathButNotAsAUSBAdapter() throws {
        let binding = try Self.binding("/dev/ttyS0", adapter: nil)
        #expect(binding.reopenDecision(wasPseudoTerminal: false, candidate: nil) == .reopen)
        var usb = Self.ft232r
        usb.node = "/dev/ttyS0"
        #expect(binding.reopenDecision(wasPseudoTerminal: false, candidate: usb) != .reopen)
    }

    @Test func anAdapterWhoseIdentityUdevCannotGiveIsNotReopened() throws {
        let binding = try Self.binding("serial:A50285BI", adapter: Self.ft232r)
        #expect(binding.reopenDecision(wasPseudoTerminal: false, candidate: nil) != .reopen)
    }
}
