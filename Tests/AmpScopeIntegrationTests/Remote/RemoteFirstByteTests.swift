import AmpScope
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import AmpScopeTestSupport

/// RFC 2217 from the first byte (issue 17): the board is already printing as fast as its PTY
/// takes bytes when ampscope connects to ser2net, on a machine kept busy by this test. ser2net
/// opens the device only when a client connects; its trace-read file holds every byte it then
/// read from the device, which is what it sent. The session must hold exactly those bytes.
/// The capture asks for 57600 baud where ser2net's config says 115200, so ser2net changes the
/// device's settings while the bytes flow (the suspected cause of the loss seen once in dad7805).
@Suite(.serialized) struct RemoteFirstByteTests {
    static let runs = 20
    static let end = Array("END-OF-TEST".utf8)

    @Test func everyByteSer2netSentIsInTheSessionWhenTheBoardWasAlreadyPrinting() throws {
        let load = try BusyLoad(processes: 2)
        defer { load.stop() }
        var unsent: [Int] = []
        for run in 0..<Self.runs {
            let board = try TestPTY()
            let ser2net = try Ser2netProcess([(.rfc2217, board.slavePath)], traceRead: true)
            let printer = BoardPrinter(board.master, label: "run \(run)")
            printer.start()
            // The printer has filled the PTY (nobody reads it yet) before the connection opens.
            try waitUntil("run \(run): the board printer fills its PTY") { printer.isBlocked }
            let directory = temporaryDirectory("first-byte-\(run)")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let capture = try ToolProcess([
                "capture", "--a7", ser2net.exports[0].selector, "--baud", "57600", "-o", directory, "--until", "a7:END-OF-TEST", "--quiet", "--no-findings",
            ])
            try waitForBytes(directory, console: 0, count: 256 * 1024)
            let printed = try printer.finish(with: Self.end).accepted
            #expect(try capture.wait() == 0, "run \(run): \(capture.standardError)\nser2net: \(ser2net.output)")

            let session = try exportBytes(directory, console: "a7")
            let traced = ser2net.tracedBytes(0)
            #expect(session.count == traced.count && session == traced,
                    "run \(run): the session has \(session.count) bytes, ser2net read \(traced.count); first difference at \(Self.firstDifference(session, traced))")
            // What ser2net read is what the board printed from some point on (a PTY keeps what was
            // printed before ser2net opened it, so that point should be the start).
            #expect(printed.count >= traced.count && Array(printed.suffix(traced.count)) == traced,
                    "run \(run): ser2net's bytes are not the end of what the board printed")
            unsent.append(printed.count - traced.count)
            let controls = controlRecords(try SessionReader(directory: directory))
            #expect(controls.contains { $0.kind == .settingsApplied && $0.detail?.contains("the server set the remote port to") == true },
                    "run \(run): the settings were confirmed while the board printed")
            #expect(controls.contains { $0.detail?.contains("the server set the remote port to 57600 8N1") == true })
            #expect(!controls.contains { $0.kind == .loss || $0.kind == .hangup || $0.kind == .note && $0.detail?.contains("raw") == true },
                    "run \(run): \(controls.map { "\($0.kind): \($0.detail ?? "")" })")
        }
        print("RemoteFirstByteTests: \(Self.runs) runs under load \(load.processes) busy processes; bytes printed but not sent by ser2net per run: \(unsent)")
    }

    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    }
}

/// Busy processes that keep the machine's cores loaded for the length of a test (`sh` loops),
/// ended by their own process ids.
final class BusyLoad {
    let processes: Int
    private var children: [Process] = []

    init(processes: Int) throws {
        self.processes = processes
        for _ in 0..<processes {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "while :; do :; done"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            children.append(process)
        }
    }

    func stop() {
        for child in children where child.isRunning {
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
        }
        children.removeAll()
    }

    deinit { stop() }
}
