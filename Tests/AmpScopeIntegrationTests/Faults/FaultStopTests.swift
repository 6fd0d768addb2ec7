import AmpScope
import Foundation
import Glibc
import Testing
@testable import AmpScopeTestSupport

/// Fault benchmark (issue 17): ampscope stopped (SIGSTOP) for 10 s while the board prints at
/// 115200 baud into an emulated FT232R, then continued. The "UART" has no flow control: what
/// the full tty buffer refuses is lost and counted as a buffer overrun, as serial drivers count
/// it (TIOCGICOUNT, answered through umockdev). The session must say exactly how many bytes were
/// lost, where, and hold every byte that was not.
@Suite(.serialized) struct FaultStopTests {
    static let suite = "FaultStopTests"
    static let stopSeconds: UInt32 = 10

    @Test func aCaptureStoppedForTenSecondsSaysExactlyHowManyBytesWereLost() throws {
        try UmockdevTestbed.run(suite: Self.suite) { testbed in
            try testbed.addFixture("ft232r")
            let counters = try EmulatedErrorCounters(testbed: testbed, node: "/dev/ttyUSB0")
            let directory = temporaryDirectory("fault-stop")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let capture = try ToolProcess(["capture", "--a7", "serial:A50285BI", "-o", directory, "--quiet", "--no-findings"])
            try DevicesHotplugCaptureTests.waitUntilHeld(["/dev/ttyUSB0"], by: capture.pid)
            let board = BoardPrinter(try testbed.masterDescriptor("/dev/ttyUSB0"), label: "a7", overflow: .dropping, bytesPerSecond: 11_520) { lost in
                counters.raise(.bufferOverrun, by: Int32(lost))
            }
            board.start()
            try waitForBytes(directory, console: 0, count: 20_000)

            capture.signal(SIGSTOP)
            // The fault itself lasts ten seconds; nothing is being waited for.
            sleep(Self.stopSeconds)
            let droppedWhileStopped = board.droppedCount
            let continued = monotonicNow()
            capture.signal(SIGCONT)
            let backlog = board.acceptedCount
            try waitForBytes(directory, console: 0, count: backlog)
            let caughtUp = Double(monotonicNow() - continued) / 1e6
            try waitForBytes(directory, console: 0, count: board.acceptedCount + 5_000)
            let printed = try board.finish()
            try waitForBytes(directory, console: 0, count: printed.accepted.count)
            capture.signal(SIGTERM)
            #expect(try capture.wait() == 0, "\(capture.standardError)")

            let dropped = printed.drops.reduce(0) { $0 + $1.count }
            #expect(dropped > 0, "the board printed into a full buffer while ampscope was stopped")
            let records = Array(try SessionReader(directory: directory))
            #expect(DevicesHotplugCaptureTests.bytes(records, console: 0) == printed.accepted, "every byte the tty buffer took is in the session")
            let losses = records.compactMap { record -> ControlRecord? in
                if case .control(let control) = record, control.kind == .loss { return control }
                return nil
            }
            let recorded = losses.compactMap { Self.bufferOverrunBytes($0.detail ?? "") }.reduce(0, +)
            #expect(recorded == dropped, "the session says \(recorded) bytes were lost, the board lost \(dropped): \(losses.map(\.detail))")
            // Each stretch of loss is recorded between the bytes accepted before and after it: after
            // the read that brought the last byte before it, before the read after the one that brought
            // the first byte after it (one read can hold both, when room opened while the backlog drained).
            for drop in printed.drops where drop.offset > 0 {
                guard let before = CaptureEmulatedCountersTests.chunkSequence(records, holdingByte: drop.offset - 1),
                      let after = CaptureEmulatedCountersTests.chunkSequence(records, holdingByte: drop.offset) else { continue }
                let next = records.compactMap { record -> UInt64? in
                    if case .chunk(let chunk) = record, chunk.console == 0, chunk.sequence > after { return chunk.sequence }
                    return nil
                }.first ?? .max
                #expect(losses.contains { $0.sequence > before && $0.sequence < next },
                        "a loss record after chunk \(before) and before chunk \(next) (\(drop.count) bytes dropped at offset \(drop.offset)); losses at \(losses.map(\.sequence)); chunks: \(Self.chunkMap(records))")
            }
            reportFigure("sigstop", "stopped \(Self.stopSeconds) s at 11520 B/s: board dropped \(dropped) bytes (\(droppedWhileStopped) while stopped) in "
                + "\(printed.drops.count) stretches; session loss records say \(recorded) bytes in \(losses.count) records; "
                + "\(printed.accepted.count) bytes kept, all byte for byte")
            reportFigure("sigstop", String(format: "SIGCONT to the stopped backlog recorded: %.1f ms", caughtUp))
        }
    }

    /// "sequence:first byte+count" of console 0's chunks, for a failure message.
    static func chunkMap(_ records: [SessionRecord]) -> String {
        var offset = 0
        return records.compactMap { record -> String? in
            guard case .chunk(let chunk) = record, chunk.console == 0 else { return nil }
            defer { offset += chunk.bytes.count }
            return "\(chunk.sequence):\(offset)+\(chunk.bytes.count)"
        }.joined(separator: " ")
    }

    /// "N bytes lost to a full tty buffer" (or "1 byte …") in a loss record's text.
    static func bufferOverrunBytes(_ text: String) -> Int? {
        for part in text.components(separatedBy: ", ") where part.contains("lost to a full tty buffer") {
            return Int(part.prefix { $0.isNumber })
        }
        return nil
    }
}
