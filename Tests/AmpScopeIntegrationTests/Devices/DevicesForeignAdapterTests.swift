import AmpScope
import Foundation
import Glibc
import Testing
@testable import AmpScopeTestSupport

/// An emulated adapter pulled out, another adapter of the same model plugged in (issue 17): the
/// capture records "a different device appeared" and reads nothing from it; the console's own
/// adapter, plugged back later, is reopened (umockdev; the test re-runs itself under umockdev-wrapper).
@Suite(.serialized) struct DevicesForeignAdapterTests {
    static let suite = "DevicesForeignAdapterTests"
    static let ftdiTTY = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB0/tty/ttyUSB0"
    static let ftdiUSB = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1"

    @Test func anotherAdapterOfTheSameModelIsNotReadButTheOwnOneIsReopened() throws {
        try UmockdevTestbed.run(suite: Self.suite) { testbed in
            try testbed.addFixture("cp2102")  // a7: /dev/ttyUSB1, serial 0001
            try testbed.addFixture("ft232r")  // m4: /dev/ttyUSB0, FT232R serial A50285BI
            let directory = temporaryDirectory("foreign-adapter")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            // usb:0403:6001 names the model, so a second FT232R matches the selector as well.
            let capture = try ToolProcess(["capture", "--a7", "serial:0001", "--m4", "usb:0403:6001",
                                           "-o", directory, "--until", "a7:DONE", "--quiet"])
            try DevicesHotplugCaptureTests.waitUntilHeld(["/dev/ttyUSB0", "/dev/ttyUSB1"], by: capture.pid)
            let a7 = try testbed.masterDescriptor("/dev/ttyUSB1")
            try DevicesHotplugCaptureTests.write(try testbed.masterDescriptor("/dev/ttyUSB0"), "own adapter\r\n")
            try waitUntil("the m4 line in the text log") {
                (try? String(contentsOfFile: directory + "/m4.log", encoding: .utf8))?.contains("own adapter") == true
            }
            try testbed.unplug(tty: Self.ftdiTTY, usbDevice: Self.ftdiUSB, node: "/dev/ttyUSB0")
            try testbed.addFixture("ft232r-second")  // /dev/ttyUSB4, serial A50285BJ
            try DevicesHotplugCaptureTests.write(try testbed.masterDescriptor("/dev/ttyUSB4"), "someone else's board\r\n")
            try waitUntil("the warning on the foreign adapter; stderr so far: \(capture.standardError)") {
                capture.standardError.contains("a different device appeared at /dev/ttyUSB4")
            }
            try testbed.addFixture("ft232r-replugged")  // /dev/ttyUSB5, serial A50285BI again
            try DevicesHotplugCaptureTests.write(try testbed.masterDescriptor("/dev/ttyUSB5"), "own adapter again\r\n")
            try DevicesHotplugCaptureTests.waitUntilHeld(["/dev/ttyUSB5"], by: capture.pid)
            try waitUntil("the replugged adapter's line in the text log") {
                (try? String(contentsOfFile: directory + "/m4.log", encoding: .utf8))?.contains("own adapter again") == true
            }
            try DevicesHotplugCaptureTests.write(a7, "DONE\r\n")
            #expect(try capture.wait(deadline: 120) == 0, "\(capture.standardError)")

            let records = Array(try SessionReader(directory: directory))
            #expect(DevicesHotplugCaptureTests.bytes(records, console: 1) == Array("own adapter\r\nown adapter again\r\n".utf8))
            let controls = try CaptureReopenIdentityTests.controls(directory, console: 1)
            let reopened = controls.filter { $0.kind == .reopened }.compactMap(\.detail)
            #expect(reopened == ["/dev/ttyUSB5"])
            let foreign = controls.filter { $0.detail?.contains("a different device appeared") == true }
            #expect(foreign.count == 1)
            #expect(foreign.first?.detail?.contains("A50285BJ") == true)
        }
    }
}
