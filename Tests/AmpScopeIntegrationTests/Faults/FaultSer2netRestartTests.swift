import AmpScope
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import AmpScopeTestSupport

/// Fault benchmark (issue 17): ser2net killed and started again 20 times while the board
/// prints at 115200 baud into the PTY it exports over RFC 2217. ser2net's trace-read file
/// (appended across its restarts) holds every byte it read from the device; what it read but
/// had not sent when it was killed is lost, and the session must be the rest of it in order,
/// with a hangup and a gap at each restart. Loss and reconnect delays are printed as figures.
@Suite(.serialized) struct FaultSer2netRestartTests {
    static let restarts = 20

    @Test func twentySer2netRestartsLeaveTwentyGapsAndOnlyWhatSer2netHeld() throws {
        let board = try TestPTY()
        let ser2net = try Ser2netProcess([(.rfc2217, board.slavePath)], traceRead: true)
        let directory = temporaryDirectory("fault-ser2net")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let capture = try ToolProcess([
            "capture", "--a7", ser2net.exports[0].selector, "-o", directory, "--until", "a7:END-OF-TEST", "--quiet", "--no-findings",
        ])
        let printer = BoardPrinter(board.master, label: "a7", bytesPerSecond: 11_520)
        printer.start()
        var listening: [UInt64] = []
        for restart in 0..<Self.restarts {
            let recorded = recordedBytes(directory, console: 0)
            try waitForBytes(directory, console: 0, count: recorded + 4_000)
            ser2net.stop()
            try FaultReplugTests.waitForLog(directory, "port hung up", count: restart + 1, console: "a7")
            try ser2net.start()
            listening.append(monotonicNow())
            try FaultReplugTests.waitForLog(directory, "port is back after", count: restart + 1, console: "a7")
        }
        try waitForBytes(directory, console: 0, count: recordedBytes(directory, console: 0) + 4_000)
        let printed = try printer.finish(with: Array("END-OF-TEST".utf8)).accepted
        #expect(try capture.wait() == 0, "\(capture.standardError)\nser2net: \(ser2net.output)")
        ser2net.stop()

        let session = try exportBytes(directory, console: "a7")
        let traced = ser2net.tracedBytes(0)
        // A PTY keeps what the board prints while ser2net is down, but not all of what its
        // buffer held when ser2net was killed: that part is the PTY's, measured, not asserted.
        let unread = Self.gaps(of: traced, in: printed)
        #expect(unread != nil, "what ser2net read is what the board printed, in order, with stretches missing")
        let gaps = Self.gaps(of: session, in: traced)
        #expect(gaps != nil, "the session is what ser2net read, in order, with stretches missing")
        let controls = controlRecords(try SessionReader(directory: directory))
        let reopened = controls.filter { $0.kind == .reopened }
        #expect(controls.filter { $0.kind == .hangup }.count == Self.restarts)
        #expect(reopened.count == Self.restarts)
        #expect(controls.filter { $0.kind == .gap }.count == Self.restarts)
        if let gaps {
            #expect(gaps.count <= Self.restarts, "bytes go missing only at restarts: \(gaps.count) stretches")
            let lost = gaps.map { Double($0.count) }
            reportFigure("ser2net-restart", "\(Self.restarts) restarts at 11520 B/s: \(session.count) of \(traced.count) bytes ser2net read are in the "
                + "session; lost \(traced.count - session.count) in \(gaps.count) stretches; bytes per restart \(percentiles(lost + Array(repeating: 0, count: Self.restarts - gaps.count)))")
        }
        if let unread {
            reportFigure("ser2net-restart", "board printed \(printed.count) bytes; the PTY lost \(printed.count - traced.count) of them "
                + "in \(unread.count) stretches as ser2net was killed (its buffer at close; a real UART loses all it gets while ser2net is down)")
        }
        let delays = zip(listening, reopened).map { Double(Int64(bitPattern: $1.time &- $0)) / 1e6 }
        reportFigure("ser2net-restart", "ser2net listening again to reconnected record (ms): \(percentiles(delays))")
    }

    /// The stretches of `full` missing from `part` when `part` is `full` with stretches taken
    /// out; nil when it is not. After a mismatch, the next 600 bytes of `part` (more than a
    /// line, so they hold a line number and occur once) are looked for further on in `full`.
    static func gaps(of part: [UInt8], in full: [UInt8]) -> [(offset: Int, count: Int)]? {
        var gaps: [(offset: Int, count: Int)] = []
        var i = 0
        var j = 0
        while j < part.count {
            if i < full.count && full[i] == part[j] {
                i += 1
                j += 1
                continue
            }
            let window = part[j..<min(part.count, j + 600)]
            guard let found = (i..<max(i, full.count - window.count + 1)).first(where: { full[$0..<($0 + window.count)].elementsEqual(window) })
            else { return nil }
            gaps.append((i, found - i))
            i = found
        }
        if i < full.count { gaps.append((i, full.count - i)) }
        return gaps
    }
}
