import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// A boot diagnosed on a thread that does not know its number (boots in parallel) reads, once
/// numbered, exactly as if it had been diagnosed knowing it: the number is in every finding, in
/// the gaps' boot lists and in the two gap texts that name the boot.
@Suite struct UnnumberedDiagnosisTests {
    static let classifier = try! Classifier()
    static let diagnoser = try! Diagnoser.builtin()

    static func onlyBoot(of text: String, _ label: String) throws -> (BootTimeline, [TimelineConsole]) {
        let directory = temporaryDirectory("unnumbered-\(label)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/a7.log"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let timeline = try TimelineAnalyzer.run(.logs([LogInput(path: path, consoleName: "a7")]), classifier: classifier)
        let boot = try #require(timeline.boots.first)
        return (boot, timeline.consoles)
    }

    @Test func aBootWithoutLinesIsNamedByTheNumberItGetsLater() throws {
        let (boot, consoles) = try Self.onlyBoot(of: "", "empty")
        let examined = Self.diagnoser.examine(boot, consoles: consoles)
        #expect(examined.numbered(1).gaps?.map(\.missing) == ["the input has no console line at all"])
        let later = examined.numbered(7)
        #expect(later.boot == 7)
        #expect(later.gaps?.map(\.missing) == ["boot 7 has no console line"])
        #expect(later.gaps?.map(\.boots) == [[7]])
    }

    @Test func aBootOfUnknownLinesIsNamedByTheNumberItGetsLater() throws {
        let (boot, consoles) = try Self.onlyBoot(of: "hello\nworld\nthird line\n", "unknown")
        let later = Self.diagnoser.examine(boot, consoles: consoles).numbered(12)
        #expect(later.gaps?.map(\.missing) == ["none of the 3 lines of boot 12 is U-Boot, Linux or M-core output that ampscope knows"])
        #expect(later.gaps?.map(\.boots) == [[12]])
    }

    @Test func findingsTakeTheNumber() throws {
        let log = "U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)\nStarting kernel ...\n"
            + "[    0.000000] Booting Linux on physical CPU 0x0\n"
            + "[    1.000000] WARNING: CPU: 0 PID: 1 at drivers/clk/clk.c:123 clk_disable+0x10/0x20\n"
        let (boot, consoles) = try Self.onlyBoot(of: log, "finding")
        let direct = Self.diagnoser.diagnose(boot, consoles: consoles)
        #expect(direct.findings.contains { $0.rule == "kernel-warning" })
        let later = Self.diagnoser.examine(boot, consoles: consoles).numbered(40)
        #expect(later.findings.map(\.rule) == direct.findings.map(\.rule))
        #expect(later.findings.allSatisfy { $0.boot == 40 })
    }

    /// A log cut in the kernel phase with nothing wrong: a gap whose text names no boot.
    @Test func otherGapsTakeTheNumberInTheirBootList() throws {
        let log = "U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)\nStarting kernel ...\n"
            + "[    0.000000] Booting Linux on physical CPU 0x0\n"
        let (boot, consoles) = try Self.onlyBoot(of: log, "cut")
        let direct = Self.diagnoser.diagnose(boot, consoles: consoles)
        let gaps = try #require(direct.gaps)
        #expect(gaps.contains { $0.missing.hasPrefix("the a7 log ends") })
        let later = Self.diagnoser.examine(boot, consoles: consoles).numbered(40)
        #expect(later.gaps?.map(\.missing) == gaps.map(\.missing))
        #expect(later.gaps?.map(\.boots) == gaps.map { _ in [40] })
    }
}
