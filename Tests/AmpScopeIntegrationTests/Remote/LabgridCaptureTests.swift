import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// `ampscope capture --place` in a real labgrid lab on loopback: labgrid 26's coordinator and
/// exporter, the exporter's own ser2net in front of two terminals the test writes as the board.
@Suite(.serialized) struct LabgridCaptureTests {
    @Test(.timeLimit(.minutes(15)))
    func aPlaceIsCapturedByteForByteThroughItsExportersSer2netAndReleasedAfterwards() throws {
        let a7 = try TestPTY()
        let m4 = try TestPTY()
        let lab = try LabgridLab(place: "colibri-3", serialPorts: [("a7", a7.slavePath, 115_200), ("m4", m4.slavePath, 57_600)])
        let directory = temporaryDirectory("labgrid-capture")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try lab.owner() == "None")

        let capture = try ToolProcess(
            ["capture", "--place", "colibri-3", "--acquire", "--coordinator", lab.coordinator, "-o", directory,
             "--until", "m4:END-OF-TEST", "--quiet"],
            environment: lab.environment)
        try a7.waitUntilOpened()
        try m4.waitUntilOpened()
        for (index, name) in ["a7", "m4"].enumerated() {
            try waitForRecord(directory, "ser2net confirmed the \(name) settings") {
                $0.console == UInt16(index) && $0.kind == .settingsApplied && $0.detail?.contains("the server set") == true
            }
        }
        // The exporter's speed for each resource reached its UART through RFC 2217.
        #expect(try a7.slaveBaud() == 115_200)
        #expect(try m4.slaveBaud() == 57_600)
        let owner = try lab.owner()
        #expect(owner.hasSuffix("/" + NSUserName()), "the place is held by \(owner) while ampscope captures it")

        var sent: [String: [UInt8]] = ["a7": [], "m4": []]
        for round in 0..<10 {
            for (name, pty) in [("a7", a7), ("m4", m4)] {
                let bytes = RemoteSer2netCaptureTests.everyByteValue(round: round)
                try pty.write(bytes)
                sent[name]! += bytes
            }
            for (index, name) in ["a7", "m4"].enumerated() {
                try waitForBytes(directory, console: UInt16(index), count: sent[name]!.count)
            }
        }
        let end = Array("\r\nEND-OF-TEST\r\n".utf8)
        try m4.write(end)
        sent["m4"]! += end
        #expect(try capture.wait() == 0, "capture: \(capture.standardError)\nexporter: \(lab.log("exporter.log"))")

        for name in ["a7", "m4"] {
            let exported = try exportBytes(directory, console: name)
            #expect(exported == sent[name]!, "\(name): \(exported.count) bytes captured, \(sent[name]!.count) sent")
        }
        let header = try SessionReader(directory: directory).header
        #expect(header.consoles.map(\.name) == ["a7", "m4"])
        #expect(header.consoles.allSatisfy { $0.remote?.transport == "rfc2217" && $0.remote?.address == "127.0.0.1" })
        #expect(capture.standardError.contains("labgrid place colibri-3"), "\(capture.standardError)")
        // Acquired by ampscope, so released by it.
        #expect(try lab.owner() == "None")
    }

    @Test(.timeLimit(.minutes(15)))
    func aPlaceAnotherUserHoldsIsNeverTakenAndAFreeOneIsNotAcquiredUnasked() throws {
        let a7 = try TestPTY()
        let lab = try LabgridLab(place: "verdin-1", serialPorts: [("a7", a7.slavePath, 115_200)])
        let directory = temporaryDirectory("labgrid-refused")
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let unasked = try ToolProcess.run(
            ["capture", "--place", "verdin-1", "--coordinator", lab.coordinator, "-o", directory, "--quiet", "--duration", "5"],
            environment: lab.environment)
        #expect(unasked.status != 0)
        #expect(unasked.stderr.contains("place verdin-1 is not acquired") && unasked.stderr.contains("--acquire"), "\(unasked.stderr)")
        #expect(try lab.owner() == "None")

        let taken = try lab.client(["-p", "verdin-1", "acquire"], user: "alice")
        #expect(taken.status == 0, "\(taken.stderr)")
        let refused = try ToolProcess.run(
            ["capture", "--a7", "labgrid:verdin-1/a7", "--acquire", "--coordinator", lab.coordinator, "-o", directory, "--quiet", "--duration", "5"],
            environment: lab.environment)
        #expect(refused.status != 0)
        let alice = try lab.owner()
        #expect(alice.hasSuffix("/alice"))
        #expect(refused.stderr.contains("acquired by \(alice)") && refused.stderr.contains("never takes"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/session.json"), "a refused capture wrote a session")
        // Still alice's, and nothing of hers was opened.
        #expect(try lab.owner() == alice)

        let unknown = try ToolProcess.run(
            ["capture", "--a7", "labgrid:verdin-1/nope", "--coordinator", lab.coordinator, "-o", directory, "--quiet"],
            environment: ["PATH": lab.environment["PATH"]!, "LG_USERNAME": "alice"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no serial port named nope") && unknown.stderr.contains("a7"), "\(unknown.stderr)")
    }
}
