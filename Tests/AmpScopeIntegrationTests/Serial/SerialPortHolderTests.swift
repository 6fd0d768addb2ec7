import Foundation
import Glibc
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// Who holds a port, found on a real pseudo-terminal this process holds.
@Suite struct SerialPortHolderTests {
    @Test func holdersAreFoundThroughSymlinks() throws {
        let terminal = try SerialTestPTY()
        let link = temporaryDirectory("holder-link")
        unlink(link)
        try #require(symlink(terminal.slavePath, link) == 0)
        defer { unlink(link) }
        let holders = PortHolders.holding(link)
        let ours = try #require(holders.first { $0.pid == getpid() })
        #expect(ours.command == PortHolders.commandLine(of: getpid()))
        #expect(!ours.command.isEmpty)
        #expect(PortHolders.holding("/dev/ttyUSB-ampscope-missing").isEmpty)
    }
}
