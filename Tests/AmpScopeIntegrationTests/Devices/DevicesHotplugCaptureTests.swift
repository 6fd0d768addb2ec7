import AmpScope
import Foundation
import Glibc
import Testing
@testable import AmpScopeTestSupport

/// A capture of two emulated adapters bound by serial number, one pulled and plugged back
/// while the other keeps talking (umockdev; each test re-runs itself under umockdev-wrapper).
@Suite(.serialized) struct DevicesHotplugCaptureTests {
    static let suite = "DevicesHotplugCaptureTests"
    static let ftdiTTY = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB0/tty/ttyUSB0"
    static let ftdiUSB = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1"
    static let ftdiLatency = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB0/latency_timer"
    static let replugLatency = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-6/1-6:1.0/ttyUSB5/latency_timer"

    @Test func anAdapterPulledAndPluggedBackIsReopenedWithoutLossOnTheOtherConsole() throws {
        try UmockdevTestbed.run(suite: Self.suite) { testbed in
            try testbed.addFixture("cp2102")  // a7: /dev/ttyUSB1, serial 0001
            try testbed.addFixture("ft232r")  // m4: /dev/ttyUSB0, serial A50285BI, latency timer 16
            let directory = temporaryDirectory("hotplug")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let capture = try ToolProcess([
                "capture", "--a7", "serial:0001", "--m4", "serial:A50285BI", "--low-latency",
                "-o", directory, "--until", "a7:DONE", "--quiet",
            ])
            try Self.waitUntilHeld(["/dev/ttyUSB0", "/dev/ttyUSB1"], by: capture.pid)
            #expect(try LatencyTimer.read(path: Self.ftdiLatency) == 1, "--low-latency set the FTDI timer")

            let a7 = try testbed.masterDescriptor("/dev/ttyUSB1")
            try Self.write(try testbed.masterDescriptor("/dev/ttyUSB0"), "before unplug\r\n")
            try waitForBytes(directory, console: 1, count: 15)
            try testbed.unplug(tty: Self.ftdiTTY, usbDevice: Self.ftdiUSB, node: "/dev/ttyUSB0")
            try waitForRecord(directory, "m4 hangup once its adapter is unplugged") { $0.console == 1 && $0.kind == .hangup }
            var sentA7 = ""
            for index in 0..<10 {
                let line = "a7 keeps talking \(index)\r\n"
                try Self.write(a7, line)
                sentA7 += line
            }
            try waitForBytes(directory, console: 0, count: sentA7.utf8.count)
            // The same adapter back, in another USB socket and under another name (umockdev
            // 0.17.16 cannot create a removed node again; serial: does not care anyway).
            try testbed.addFixture("ft232r-replugged")
            // Written before the capture can have reopened it: these first bytes must be kept.
            try Self.write(try testbed.masterDescriptor("/dev/ttyUSB5"), "after replug\r\n")
            try Self.waitUntilHeld(["/dev/ttyUSB5"], by: capture.pid)
            try waitForBytes(directory, console: 1, count: 15 + 14)
            try Self.write(a7, "DONE\r\n")
            sentA7 += "DONE\r\n"
            #expect(try capture.wait() == 0, "\(capture.standardError)")

            let records = Array(try SessionReader(directory: directory))
            #expect(Self.bytes(records, console: 0) == Array(sentA7.utf8))
            #expect(Self.bytes(records, console: 1) == Array("before unplug\r\nafter replug\r\n".utf8))
            let controls = records.compactMap { record -> ControlRecord? in
                if case .control(let control) = record, control.console == 1 { return control }
                return nil
            }
            let hangup = try #require(controls.first { $0.kind == .hangup })
            #expect(hangup.detail == "/dev/ttyUSB0 was unplugged (udev remove event)")
            #expect(controls.contains { $0.kind == .reopened && $0.detail == "/dev/ttyUSB5" })
            let gap = try #require(controls.first { $0.kind == .gap })
            #expect(gap.time > (gap.gapStart ?? .max))
            // Reopened on the udev "add" event, not by trying the absent path over and over.
            #expect(!controls.contains { $0.detail?.hasPrefix("reopen failed") == true })

            let header = try SessionReader(directory: directory).header
            let m4 = header.consoles[1]
            #expect(m4.port == "serial:A50285BI")
            #expect(m4.adapter?.node == "/dev/ttyUSB0")
            #expect(m4.adapter?.driver == "ftdi_sio")
            #expect(m4.adapter?.usbID == "0403:6001")
            #expect(m4.adapter?.latencyTimer == 1)
            #expect(m4.lowLatency == "latency timer 16 → 1 ms")
            #expect(header.consoles[0].adapter?.driver == "cp210x")
            #expect(header.consoles[0].lowLatency == nil, "a CP2102 has no latency timer: \(capture.standardError)")
            #expect(capture.standardError.contains("--low-latency on /dev/ttyUSB1"))
            // Set again on the replugged adapter, and put back at the end on it (its default 16 ms).
            #expect(controls.filter { $0.detail == "low latency: latency timer 16 → 1 ms" }.count == 1)
            #expect(try LatencyTimer.read(path: Self.replugLatency) == 16)
        }
    }

    static func bytes(_ records: [SessionRecord], console: UInt16) -> [UInt8] {
        records.flatMap { record -> [UInt8] in
            if case .chunk(let chunk) = record, chunk.console == console { return chunk.bytes }
            return []
        }
    }

    static func write(_ descriptor: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        try #require(written == bytes.count, "write to the emulated adapter: errno \(errno)")
    }

    /// Until `pid` has every node open.
    static func waitUntilHeld(_ nodes: [String], by pid: Int32) throws {
        try waitUntil("pid \(pid) opens \(nodes)") {
            nodes.allSatisfy { node in
                PortAvailability.check(node: node).heldBy.contains { $0.hasPrefix("pid \(pid) (") }
            }
        }
    }
}
