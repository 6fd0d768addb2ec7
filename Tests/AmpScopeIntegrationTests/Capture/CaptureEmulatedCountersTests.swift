import AmpScope
import Foundation
import Glibc
import Testing
@testable import AmpScopeTestSupport

/// The driver's error counters in a real capture of an emulated FT232R (issue 17): umockdev
/// answers TIOCGICOUNT on the adapter's node with counts the test raises between two stretches
/// of console output, as ftdi_sio raises them when the chip reports an overrun. The capture
/// must record each rise once, where it happened, and every reader of the session must show it.
@Suite(.serialized) struct CaptureEmulatedCountersTests {
    static let suite = "CaptureEmulatedCountersTests"
    static let before = "[    0.000000] Booting Linux on physical CPU 0x0\r\n[    0.000000] Linux version 6.1.0-imx (oe-user@oe-host) #1 SMP PREEMPT\r\n"
    static let after = "[    1.402113] imx-uart 30860000.serial: 30860000.serial: ttymxc0 at MMIO 0x30860000 (irq = 32, base_baud = 5000000) is a IMX\r\n[    1.410447] printk: console [ttymxc0] enabled\r\n"

    @Test func countersThatRiseMidStreamAreLossRecordsBetweenTheBytesAroundThem() throws {
        try UmockdevTestbed.run(suite: Self.suite) { testbed in
            try testbed.addFixture("ft232r")  // /dev/ttyUSB0, ftdi_sio, serial A50285BI
            // Counts the adapter had before the capture (an earlier session's overruns) are no loss of this one.
            let counters = try EmulatedErrorCounters(testbed: testbed, node: "/dev/ttyUSB0", initial: [.overrun: 7, .framing: 1])
            let directory = temporaryDirectory("emulated-counters")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let capture = try ToolProcess(["capture", "--a7", "serial:A50285BI", "-o", directory, "--quiet", "--no-findings"])
            try DevicesHotplugCaptureTests.waitUntilHeld(["/dev/ttyUSB0"], by: capture.pid)
            let board = try testbed.masterDescriptor("/dev/ttyUSB0")

            try DevicesHotplugCaptureTests.write(board, Self.before)
            try waitForBytes(directory, console: 0, count: Self.before.utf8.count)
            // Errors at the UART: the chip reports them with the bytes that follow.
            counters.raise(.overrun, by: 3)
            counters.raise(.framing, by: 2)
            try DevicesHotplugCaptureTests.write(board, Self.after)
            try waitForBytes(directory, console: 0, count: Self.before.utf8.count + Self.after.utf8.count)
            // Nothing more arrives: only the reading at the end of the capture can see these.
            let answered = counters.answeredCount
            counters.raise(.bufferOverrun, by: 1)
            counters.raise(.parity, by: 1)
            counters.raise(.breaks, by: 1)
            capture.signal(SIGTERM)
            #expect(try capture.wait() == 0, "\(capture.standardError)")
            #expect(counters.answeredCount > answered, "the capture read the counters at its end")
            #expect(counters.problem == nil)

            let header = try SessionReader(directory: directory).header
            #expect(header.consoles[0].errorCounters
                == "kept by the driver (TIOCGICOUNT); at open: overrun 7, buffer overrun 0, framing 1, parity 0, break 0")
            let records = Array(try SessionReader(directory: directory))
            let losses = records.compactMap { record -> ControlRecord? in
                if case .control(let control) = record, control.kind == .loss { return control }
                return nil
            }
            let midStream = "3 bytes lost to UART overrun, 2 framing errors"
            let atEnd = "1 byte lost to a full tty buffer (the reader fell behind), 1 parity error, 1 break"
            #expect(losses.map(\.detail) == [midStream, atEnd])
            let lastBefore = try #require(Self.chunkSequence(records, holdingByte: Self.before.utf8.count - 1))
            let firstAfter = try #require(Self.chunkSequence(records, holdingByte: Self.before.utf8.count))
            if losses.count == 2 {
                #expect(losses[0].sequence > lastBefore && losses[0].sequence < firstAfter,
                        "the loss lies between the bytes before the rise (chunk \(lastBefore)) and after it (chunk \(firstAfter)), got \(losses[0].sequence)")
                let lastChunk = records.compactMap { record -> UInt64? in
                    if case .chunk(let chunk) = record { return chunk.sequence }
                    return nil
                }.max() ?? 0
                let stopped = try #require(records.compactMap { record -> UInt64? in
                    if case .control(let control) = record, control.kind == .stopped { return control.sequence }
                    return nil
                }.first)
                #expect(losses[1].sequence > lastChunk && losses[1].sequence < stopped, "read at the end of the capture")
            }

            // The text log, `export --text`, `analyze` and `timeline` each show it where it happened.
            let log = try String(contentsOfFile: "\(directory)/a7.log", encoding: .utf8)
            Self.expectInOrder(log, ["Linux version 6.1.0-imx", "--- LOST: \(midStream) ---", "imx-uart 30860000.serial",
                                     "--- LOST: \(atEnd) ---"])
            let export = try ToolProcess.run(["export", directory, "--console", "a7", "--text"])
            #expect(export.status == 0, "\(export.stderr)")
            Self.expectInOrder(export.stdout, ["Linux version 6.1.0-imx", "--- LOST: \(midStream) ---", "imx-uart 30860000.serial",
                                               "--- LOST: \(atEnd) ---"])
            let analyze = try ToolProcess.run(["analyze", directory])
            #expect(analyze.stdout.contains("warning: a7: \(midStream); lines around it may be incomplete"),
                    "analyze exit \(analyze.status):\n\(analyze.stdout)\n\(analyze.stderr)")
            let timeline = try ToolProcess.run(["timeline", directory])
            // The terminal view cuts lines at its width (80 columns without a terminal).
            #expect(timeline.stdout.contains("warning: a7: \(midStream); lines around it"),
                    "timeline exit \(timeline.status):\n\(timeline.stdout)\n\(timeline.stderr)")
        }
    }

    /// The sequence number of the chunk of console 0 that holds its byte at `offset`.
    static func chunkSequence(_ records: [SessionRecord], holdingByte offset: Int) -> UInt64? {
        var seen = 0
        for record in records {
            guard case .chunk(let chunk) = record, chunk.console == 0 else { continue }
            if offset < seen + chunk.bytes.count { return chunk.sequence }
            seen += chunk.bytes.count
        }
        return nil
    }

    static func expectInOrder(_ text: String, _ parts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        var rest = text[...]
        for part in parts {
            guard let range = rest.range(of: part) else {
                Issue.record("\"\(part)\" missing or out of order in:\n\(text)", sourceLocation: sourceLocation)
                return
            }
            rest = rest[range.upperBound...]
        }
    }
}
