import AmpScope
import Foundation
import Glibc
import Testing
@testable import AmpScopeTestSupport

/// Fault benchmark (issue 17): one emulated FT232R pulled and plugged back 100 times while the
/// other console streams at 1 MB/s over a PTY. Nothing of the streaming console may be lost,
/// and each replug must be reopened; the reopen delays are printed as figures.
@Suite(.serialized) struct FaultReplugTests {
    static let suite = "FaultReplugTests"
    static let replugs = 100

    @Test func hundredReplugsBesideAStreamingConsoleLoseNothingOnIt() throws {
        try UmockdevTestbed.run(suite: Self.suite) { testbed in
            try testbed.add(Self.adapter(0))
            let a7 = try TestPTY()
            let directory = temporaryDirectory("fault-replug")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let capture = try ToolProcess(["capture", "--a7", a7.slavePath, "--m4", "serial:A50285BI", "-o", directory, "--quiet", "--no-findings"])
            try DevicesHotplugCaptureTests.waitUntilHeld(["/dev/ttyUSB0"], by: capture.pid)
            try a7.waitUntilOpened()
            let stream = BoardPrinter(a7.master, label: "a7", bytesPerSecond: 1_000_000)
            stream.start()
            let started = monotonicNow()

            var sentM4 = ""
            var plugTimes: [UInt64] = []
            for index in 0...Self.replugs {
                let line = "m4 on plug \(index)\r\n"
                try DevicesHotplugCaptureTests.write(try testbed.masterDescriptor("/dev/ttyUSB\(index)"), line)
                sentM4 += line
                try Self.waitForLog(directory, "m4 on plug \(index)", count: 1)
                guard index < Self.replugs else { break }
                try testbed.unplug(tty: Self.ttyPath(index), usbDevice: Self.usbPath(index), node: "/dev/ttyUSB\(index)")
                try Self.waitForLog(directory, "port hung up", count: index + 1)
                plugTimes.append(monotonicNow())
                try testbed.add(Self.adapter(index + 1))
                try Self.waitForLog(directory, "port is back after", count: index + 1)
            }
            let streamed = try stream.finish().accepted
            let seconds = Double(monotonicNow() - started) / 1e9
            try waitForBytes(directory, console: 0, count: streamed.count)
            capture.signal(SIGTERM)
            #expect(try capture.wait() == 0, "\(capture.standardError)")

            let a7Bytes = try exportBytes(directory, console: "a7")
            #expect(a7Bytes.count == streamed.count && a7Bytes == streamed, "a7: \(a7Bytes.count) bytes captured, \(streamed.count) streamed")
            #expect(try exportBytes(directory, console: "m4") == Array(sentM4.utf8))
            let controls = controlRecords(try SessionReader(directory: directory)).filter { $0.console == 1 }
            let reopened = controls.filter { $0.kind == .reopened }
            #expect(controls.filter { $0.kind == .hangup }.count == Self.replugs)
            #expect(reopened.count == Self.replugs)
            #expect(!controls.contains { $0.kind == .loss })
            let delays = zip(plugTimes, reopened).map { Double(Int64(bitPattern: $1.time &- $0)) / 1e6 }
            reportFigure("replug", "\(Self.replugs) replugs in \(String(format: "%.1f", seconds)) s; a7 streamed \(streamed.count) bytes at "
                + "\(String(format: "%.0f", Double(streamed.count) / seconds)) B/s, lost \(streamed.count - min(streamed.count, a7Bytes.count)), "
                + "differing \(zip(a7Bytes, streamed).filter { $0 != $1 }.count)")
            reportFigure("replug", "udev add event to reopened record (ms): \(percentiles(delays))")
        }
    }

    /// The FT232R fixture plugged into USB port `index + 1` as /dev/ttyUSB`index`: the same
    /// adapter (serial number) under another node each time, as umockdev 0.17.16 cannot make a
    /// removed node again.
    static func adapter(_ index: Int) throws -> String {
        var text = try String(contentsOfFile: UmockdevTestbed.fixturePath("ft232r"), encoding: .utf8)
        text = text.replacingOccurrences(of: "usb1/1-1", with: "usb1/1-\(index + 1)")
            .replacingOccurrences(of: "1-1:1.0", with: "1-\(index + 1):1.0")
            .replacingOccurrences(of: "usb-0:1:1.0", with: "usb-0:\(index + 1):1.0")
            .replacingOccurrences(of: "ttyUSB0", with: "ttyUSB\(index)")
            .replacingOccurrences(of: "MINOR=0", with: "MINOR=\(index)")
            .replacingOccurrences(of: "dev=188:0", with: "dev=188:\(index)")
        return text
    }

    static func usbPath(_ index: Int) -> String { "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-\(index + 1)" }
    static func ttyPath(_ index: Int) -> String { usbPath(index) + "/1-\(index + 1):1.0/ttyUSB\(index)/tty/ttyUSB\(index)" }

    /// Waits on the console's text log (small, unlike the session of a 1 MB/s console).
    static func waitForLog(_ directory: String, _ text: String, count: Int, console: String = "m4") throws {
        try waitUntil("\(console).log holds \"\(text)\" \(count) times") {
            let log = (try? String(contentsOfFile: "\(directory)/\(console).log", encoding: .utf8)) ?? ""
            return log.components(separatedBy: text).count - 1 >= count
        }
    }
}
