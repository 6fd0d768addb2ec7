import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// A port whose driver keeps no error counters says so once in the session header (issue 17),
/// on a real pseudo-terminal (the pty driver implements no TIOCGICOUNT).
@Suite struct CaptureLossCountersTests {
    @Test func aPortWithoutErrorCountersSaysSoInTheSessionHeader() throws {
        let a7 = try TestPTY()
        let directory = temporaryDirectory("no-counters")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let capture = try ToolProcess(["capture", "--a7", a7.slavePath, "-o", directory, "--until", "a7:DONE", "--quiet"])
        try a7.waitUntilOpened()
        try a7.write("hello\r\nDONE\r\n")
        #expect(try capture.wait(deadline: 120) == 0, "\(capture.standardError)")
        let header = try SessionReader(directory: directory).header
        let counters = try #require(header.consoles[0].errorCounters)
        #expect(counters.hasPrefix("not kept: the driver keeps no error counters (TIOCGICOUNT"), "\(counters)")
        #expect(counters.contains("cannot be detected"))
        let loss = Array(try SessionReader(directory: directory)).contains { record in
            if case .control(let control) = record { return control.kind == .loss }
            return false
        }
        #expect(!loss, "no counters, so no loss can be claimed either way")
    }
}
