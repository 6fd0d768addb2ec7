import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// Selector parsing and matching on hand-built adapters (no udev needed).
struct DevicesSelectorTests {
    static let ftdiA = SerialAdapter(
        node: "/dev/ttyUSB0", byID: "/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0",
        usbPath: "pci-0000:00:14.0-usb-0:1:1.0", vendorID: "0403", productID: "6001", manufacturer: "FTDI",
        product: "FT232R USB UART", serial: "A50285BI", interfaceNumber: 0, driver: "ftdi_sio", latencyTimer: 16)
    static let ftdiB = SerialAdapter(
        node: "/dev/ttyUSB4", byID: "/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BJ-if00-port0",
        usbPath: "pci-0000:00:14.0-usb-0:5:1.0", vendorID: "0403", productID: "6001", manufacturer: "FTDI",
        product: "FT232R USB UART", serial: "A50285BJ", interfaceNumber: 0, driver: "ftdi_sio", latencyTimer: 16)
    static let ch340 = SerialAdapter(
        node: "/dev/ttyUSB2", byID: "/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0",
        usbPath: "pci-0000:00:14.0-usb-0:3:1.0", vendorID: "1a86", productID: "7523", product: "USB Serial",
        interfaceNumber: 0, driver: "ch341")
    static let all = [ftdiA, ftdiB, ch340]

    @Test func everySelectorFormParses() throws {
        #expect(try PortSelector.parse("/dev/ttyUSB0") == .device("/dev/ttyUSB0"))
        #expect(try PortSelector.parse("serial:A50285BI") == .serial("A50285BI", interface: nil))
        #expect(try PortSelector.parse("serial:FT4232H01/if2") == .serial("FT4232H01", interface: 2))
        #expect(try PortSelector.parse("by-id:usb-1a86_USB_Serial-if00-port0") == .byID("usb-1a86_USB_Serial-if00-port0"))
        #expect(try PortSelector.parse("usb:0403:6001") == .usb(vendor: "0403", product: "6001", interface: nil))
        #expect(try PortSelector.parse("usb:0403:6011/if1") == .usb(vendor: "0403", product: "6011", interface: 1))
        #expect(try PortSelector.parse("usb:10C4:EA60") == .usb(vendor: "10c4", product: "ea60", interface: nil))
        #expect(try PortSelector.parse("path:pci-0000:00:14.0-usb-0:1:1.0") == .usbPath("pci-0000:00:14.0-usb-0:1:1.0"))
        // description gives back what the user typed (hex normalised to lower case)
        #expect(try PortSelector.parse("usb:0403:6011/if1").description == "usb:0403:6011/if1")
    }

    @Test func malformedSelectorsSayWhatIsExpected() {
        for text in ["serial:", "usb:0403", "usb:403:6001", "usb:0403:6001/1", "usb:zzzz:6001", "by-id:", "path:", ""] {
            #expect(throws: DeviceError.self, "\(text)") { try PortSelector.parse(text) }
        }
        do {
            _ = try PortSelector.parse("usb:0403")
            Issue.record("usb:0403 parsed")
        } catch {
            #expect(error.description.contains("usb:VID:PID"))
            #expect(error.description.contains("ampscope ports"))
        }
    }

    @Test func aUniqueSelectorResolvesToItsAdapter() throws {
        #expect(try PortSelector.parse("serial:A50285BJ").resolve(in: Self.all) == Self.ftdiB)
        #expect(try PortSelector.parse("by-id:usb-1a86_USB_Serial-if00-port0").resolve(in: Self.all) == Self.ch340)
        #expect(try PortSelector.parse("/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0").resolve(in: Self.all) == Self.ch340)
        #expect(try PortSelector.parse("path:pci-0000:00:14.0-usb-0:1:1.0").resolve(in: Self.all) == Self.ftdiA)
        #expect(try PortSelector.parse("usb:1a86:7523/if0").resolve(in: Self.all) == Self.ch340)
        #expect(try PortSelector.parse("/dev/ttyUSB4").resolve(in: Self.all) == Self.ftdiB)
    }

    @Test func anAmbiguousSelectorListsTheCandidates() throws {
        #expect(throws: DeviceError.ambiguous(
            selector: "usb:0403:6001",
            candidates: [
                "/dev/ttyUSB0 0403:6001 FTDI FT232R USB UART serial A50285BI",
                "/dev/ttyUSB4 0403:6001 FTDI FT232R USB UART serial A50285BJ",
            ])) {
            try PortSelector.parse("usb:0403:6001").resolve(in: Self.all)
        }
    }

    @Test func aSelectorMatchingNothingListsWhatIsPresent() throws {
        do {
            _ = try PortSelector.parse("serial:NOPE").resolve(in: Self.all)
            Issue.record("serial:NOPE resolved")
        } catch {
            #expect(error == .noMatch(selector: "serial:NOPE", present: Self.all.map(\.summary)))
            #expect(error.description.contains("/dev/ttyUSB2 1a86:7523 USB Serial"))
        }
        // A plain path udev does not know (a PTY) is no error: it is opened as given.
        #expect(try PortSelector.parse("/dev/pts/7").resolve(in: Self.all) == nil)
    }

    @Test func theSuggestedSelectorIsUniqueAndPrefersTheSerialNumber() {
        #expect(PortSelector.stable(for: Self.ftdiA, among: Self.all).description == "serial:A50285BI")
        // No serial number: the USB socket, since every CH340 has the same by-id name.
        #expect(PortSelector.stable(for: Self.ch340, among: Self.all).description == "path:pci-0000:00:14.0-usb-0:3:1.0")
        // Two interfaces of one chip share the serial number; the interface tells them apart.
        var second = Self.ftdiA
        second.node = "/dev/ttyUSB1"
        second.interfaceNumber = 1
        #expect(PortSelector.stable(for: second, among: [Self.ftdiA, second]).description == "serial:A50285BI/if1")
        for adapter in Self.all {
            let selector = PortSelector.stable(for: adapter, among: Self.all)
            #expect(Self.all.filter(selector.matches) == [adapter])
        }
    }

    @Test func theTableFitsEightyColumns() {
        var long = Self.ftdiA
        long.manufacturer = String(repeating: "Very Long Manufacturer ", count: 5)
        let listings = (Self.all + [long]).map {
            PortListing(adapter: $0, availability: PortAvailability(heldBy: ["pid 812 (" + String(repeating: "x", count: 100) + ")"], openable: true, reason: nil),
                        selector: PortSelector.stable(for: $0, among: Self.all).description)
        }
        let table = PortListing.table(listings)
        for line in table.split(separator: "\n") {
            #expect(line.count <= 80, "\(line)")
        }
        #expect(table.contains("/dev/ttyUSB0  0403:6001  ftdi_sio   16 ms    busy    FTDI FT232R USB UART"))
        #expect(table.hasSuffix("…\n"))
    }

    @Test func sessionHeadersWithAndWithoutAdapterFieldsDecode() throws {
        // A console as sessions written before the adapter fields stored it.
        let old = #"{"id":0,"name":"a7","kind":"application","port":"/dev/ttyUSB0","settings":{"baud":115200,"dataBits":8,"parity":"none","stopBits":1,"flowControl":"none","keepModemLines":true}}"#
        let decoded = try JSONDecoder().decode(ConsoleDescriptor.self, from: Data(old.utf8))
        #expect(decoded.port == "/dev/ttyUSB0")
        #expect(decoded.adapter == nil)
        #expect(decoded.lowLatency == nil)
        let current = ConsoleDescriptor(id: 1, name: "m4", kind: .microcontroller, port: "serial:A50285BI",
                                        settings: SerialSettings(), adapter: Self.ftdiA, lowLatency: "latency timer 16 → 1 ms")
        let roundTrip = try JSONDecoder().decode(ConsoleDescriptor.self, from: JSONEncoder().encode(current))
        #expect(roundTrip == current)
    }
}
