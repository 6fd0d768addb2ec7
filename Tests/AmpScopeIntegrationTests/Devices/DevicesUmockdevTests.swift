import AmpScope
import Foundation
import Glibc
import Testing
@testable import AmpScopeTestSupport

/// Enumeration, `ampscope ports`, selectors and the latency timer against emulated adapters
/// (umockdev). Each test runs in a child of this binary under umockdev-wrapper (see
/// UmockdevTestbed.run); serialized to keep the 2-core machine calm.
@Suite(.serialized) struct DevicesUmockdevTests {
    static let suite = "DevicesUmockdevTests"
    static let fixtures = ["ft232r", "cp2102", "ch340", "pl2303"]

    @Test func eachAdapterIsListedWithItsUSBIdentityAndDriver() throws {
        try UmockdevTestbed.run(suite: Self.suite) { testbed in
            for fixture in Self.fixtures { try testbed.addFixture(fixture) }
            let adapters = try SerialAdapters.list()
            #expect(adapters.map(\.node) == ["/dev/ttyUSB0", "/dev/ttyUSB1", "/dev/ttyUSB2", "/dev/ttyUSB3"])
            // Values checked by hand against the fixture files.
            let sysfs = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB0/latency_timer"
            #expect(adapters[0] == SerialAdapter(
                node: "/dev/ttyUSB0", byID: "/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0",
                usbPath: "pci-0000:00:14.0-usb-0:1:1.0", vendorID: "0403", productID: "6001", manufacturer: "FTDI",
                product: "FT232R USB UART", serial: "A50285BI", interfaceNumber: 0, driver: "ftdi_sio",
                latencyTimer: 16, latencyTimerPath: sysfs))
            #expect(adapters[1] == SerialAdapter(
                node: "/dev/ttyUSB1",
                byID: "/dev/serial/by-id/usb-Silicon_Labs_CP2102_USB_to_UART_Bridge_Controller_0001-if00-port0",
                usbPath: "pci-0000:00:14.0-usb-0:2:1.0", vendorID: "10c4", productID: "ea60", manufacturer: "Silicon Labs",
                product: "CP2102 USB to UART Bridge Controller", serial: "0001", interfaceNumber: 0, driver: "cp210x"))
            #expect(adapters[2] == SerialAdapter(
                node: "/dev/ttyUSB2", byID: "/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0",
                usbPath: "pci-0000:00:14.0-usb-0:3:1.0", vendorID: "1a86", productID: "7523", product: "USB Serial",
                interfaceNumber: 0, driver: "ch341"))
            #expect(adapters[3] == SerialAdapter(
                node: "/dev/ttyUSB3", byID: "/dev/serial/by-id/usb-Prolific_Technology_Inc._USB-Serial_Controller-if00-port0",
                usbPath: "pci-0000:00:14.0-usb-0:4:1.0", vendorID: "067b", productID: "2303",
                manufacturer: "Prolific Technology Inc.", product: "USB-Serial Controller", interfaceNumber: 0, driver: "pl2303"))
        }
    }

    @Test func portsPrintsATableAndJSONForEveryAdapter() throws {
        try UmockdevTestbed.run(suite: Self.suite) { testbed in
            for fixture in Self.fixtures { try testbed.addFixture(fixture) }
            let table = try ToolProcess.run(["ports"])
            #expect(table.status == 0, "\(table.stderr)")
            let expected = """
                PORT          USB ID     DRIVER     LATENCY  ACCESS  ADAPTER
                /dev/ttyUSB0  0403:6001  ftdi_sio   16 ms    ok      FTDI FT232R USB UART
                    select serial:A50285BI
                    serial A50285BI, interface 0
                    by-id usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0
                /dev/ttyUSB1  10c4:ea60  cp210x     -        ok      Silicon Labs CP2102 USB to…
                    select serial:0001
                    serial 0001, interface 0
                    by-id usb-Silicon_Labs_CP2102_USB_to_UART_Bridge_Controller_0001-if00-port0
                /dev/ttyUSB2  1a86:7523  ch341      -        ok      USB Serial
                    select path:pci-0000:00:14.0-usb-0:3:1.0
                    interface 0
                    by-id usb-1a86_USB_Serial-if00-port0
                /dev/ttyUSB3  067b:2303  pl2303     -        ok      Prolific Technology Inc. U…
                    select path:pci-0000:00:14.0-usb-0:4:1.0
                    interface 0
                    by-id usb-Prolific_Technology_Inc._USB-Serial_Controller-if00-port0

                """
            #expect(table.stdout == expected)

            let json = try ToolProcess.run(["ports", "--format", "json"])
            #expect(json.status == 0, "\(json.stderr)")
            let decoded = try JSONDecoder().decode([PortListing].self, from: Data(json.stdout.utf8))
            #expect(decoded.map(\.adapter.driver) == ["ftdi_sio", "cp210x", "ch341", "pl2303"])
            #expect(decoded.map(\.adapter.serial) == ["A50285BI", "0001", nil, nil])
            #expect(decoded.map(\.adapter.latencyTimer) == [16, nil, nil, nil])
            #expect(decoded.allSatisfy { $0.availability.openable && $0.availability.heldBy.isEmpty })
            // JSON cuts nothing the table had to shorten.
            #expect(decoded[1].adapter.product == "CP2102 USB to UART Bridge Controller")
        }
    }

    @Test func aPortHeldByAnotherProcessIsShownBusy() throws {
        try UmockdevTestbed.run(suite: Self.suite) { testbed in
            try testbed.addFixture("cp2102")
            let holder = try ToolProcess(["capture", "--a7", "serial:0001", "-o", temporaryDirectory("held"), "--quiet"])
            defer { holder.signal(SIGTERM); _ = try? holder.wait() }
            let held = try waitFor("the capture holds serial:0001") { () -> PortListing? in
                let listing = try PortListing.current().first
                return listing?.availability.heldBy.isEmpty == false ? listing : nil
            }
            #expect(held.availability.heldBy.count == 1)
            #expect(held.availability.heldBy.first?.hasPrefix("pid \(holder.pid) (") == true)
            #expect(held.availability.heldBy.first?.contains("serial:0001") == true)
        }
    }

    @Test func selectorsResolveAgainstTheEmulatedAdapters() throws {
        try UmockdevTestbed.run(suite: Self.suite) { testbed in
            for fixture in Self.fixtures + ["ft232r-second"] { try testbed.addFixture(fixture) }
            let adapters = try SerialAdapters.list()
            #expect(try PortSelector.parse("serial:A50285BJ").resolve(in: adapters)?.node == "/dev/ttyUSB4")
            #expect(try PortSelector.parse("usb:1a86:7523").resolve(in: adapters)?.node == "/dev/ttyUSB2")
            #expect(try PortSelector.parse("by-id:usb-Prolific_Technology_Inc._USB-Serial_Controller-if00-port0")
                .resolve(in: adapters)?.node == "/dev/ttyUSB3")
            #expect(try PortSelector.parse("path:pci-0000:00:14.0-usb-0:2:1.0").resolve(in: adapters)?.node == "/dev/ttyUSB1")
            #expect(throws: DeviceError.ambiguous(selector: "usb:0403:6001", candidates: [
                "/dev/ttyUSB0 0403:6001 FTDI FT232R USB UART serial A50285BI",
                "/dev/ttyUSB4 0403:6001 FTDI FT232R USB UART serial A50285BJ",
            ])) { try PortSelector.parse("usb:0403:6001").resolve(in: adapters) }
            #expect(throws: DeviceError.noMatch(selector: "serial:XYZ", present: adapters.map(\.summary))) {
                try PortSelector.parse("serial:XYZ").resolve(in: adapters)
            }

            // The same through the command line: the error names the candidates, nothing is created.
            let directory = temporaryDirectory("ambiguous")
            let ambiguous = try ToolProcess.run(["capture", "--a7", "usb:0403:6001", "-o", directory, "--quiet"])
            #expect(ambiguous.status != 0)
            #expect(ambiguous.stderr.contains("usb:0403:6001 matches 2 adapters"), "\(ambiguous.stderr)")
            #expect(ambiguous.stderr.contains("/dev/ttyUSB4 0403:6001 FTDI FT232R USB UART serial A50285BJ"))
            #expect(!FileManager.default.fileExists(atPath: directory))
            let missing = try ToolProcess.run(["capture", "--a7", "serial:XYZ", "-o", directory, "--quiet"])
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("No serial adapter matches serial:XYZ"), "\(missing.stderr)")
            #expect(missing.stderr.contains("/dev/ttyUSB3 067b:2303 Prolific Technology Inc. USB-Serial Controller"))
        }
    }

    @Test func theLatencyTimerIsReadAndSetThroughSysfs() throws {
        try UmockdevTestbed.run(suite: Self.suite) { testbed in
            try testbed.addFixture("ft232r")
            let port = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB0"
            let adapter = try #require(try SerialAdapters.list().first)
            let path = try #require(adapter.latencyTimerPath)
            #expect(try LatencyTimer.read(path: path) == 16)
            try LatencyTimer.write(1, path: path)
            #expect(try LatencyTimer.read(path: path) == 1)
            #expect(try SerialAdapters.list().first?.latencyTimer == 1)
            // A change made by someone else (a udev rule) is seen too.
            try testbed.setAttribute(port, "latency_timer", "4")
            #expect(try SerialAdapters.list().first?.latencyTimer == 4)

            // --low-latency sets 1 ms and puts the old value back.
            let lowered = try LowLatency.apply(adapter: adapter, descriptor: -1)
            #expect(lowered.summary == "latency timer 4 → 1 ms")
            #expect(try LatencyTimer.read(path: path) == 1)
            lowered.restore(descriptor: nil)
            #expect(try LatencyTimer.read(path: path) == 4)
        }
    }

    @Test func aMonitorSeesAdaptersComeAndGo() throws {
        try UmockdevTestbed.run(suite: Self.suite) { testbed in
            try testbed.addFixture("cp2102")
            let monitor = try HotplugMonitor()
            try testbed.addFixture("ft232r")
            let added = try Self.next(monitor) { $0.action == .added }
            #expect(added.adapter.node == "/dev/ttyUSB0")
            #expect(added.adapter.serial == "A50285BI")
            #expect(added.adapter.driver == "ftdi_sio")
            try testbed.unplug(tty: "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB0/tty/ttyUSB0",
                               usbDevice: "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1", node: "/dev/ttyUSB0")
            let removed = try Self.next(monitor) { $0.action == .removed }
            #expect(removed.adapter.node == "/dev/ttyUSB0")
            #expect(try SerialAdapters.list().map(\.node) == ["/dev/ttyUSB1"])
        }
    }

    /// Waits (in poll) for the first event that passes `accept`.
    static func next(_ monitor: HotplugMonitor, _ accept: (HotplugEvent) -> Bool) throws -> HotplugEvent {
        try waitFor("a matching udev event") {
            var descriptor = pollfd(fd: monitor.fileDescriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 200)
            return monitor.events().first(where: accept)
        }
    }
}
