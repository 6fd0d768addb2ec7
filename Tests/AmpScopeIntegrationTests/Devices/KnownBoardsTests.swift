import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import AmpScope

/// parsers/boards/known-boards.yaml: the boards issue 16 names, each console's facts with a
/// source, the Linux device-tree claims checked against the Debian kernel tree `.ci/run`
/// extracts, and the profile snippet accepted by the real board-profile parser.
@Suite struct KnownBoardsTests {
    static let issueBoards = [
        "stm32mp157f-dk2", "stm32mp257f-dk", "am62x-sk", "am64x-evm", "beaglebone-black", "zcu102", "kria-kv260",
        "imx8mp-evk", "imx93-evk", "colibri-imx7", "verdin-imx8mp",
    ]

    @Test func everyBoardOfTheIssueNamesItsCoresWithSources() throws {
        let boards = try KnownBoards.builtin()
        #expect(Set(boards.map(\.name)).isSuperset(of: Self.issueBoards))
        for board in boards {
            #expect(board.consoles.contains { $0.kind == .application }, "\(board.name) has no application console")
            #expect(board.consoles.contains { $0.kind == .microcontroller }, "\(board.name) has no remote-core console")
            for console in board.consoles {
                #expect(console.source.contains("/") , "\(board.name) \(console.name): source names no file or URL")
                #expect(console.baud == 115200 || console.baud == 1_500_000, "\(board.name) \(console.name): unusual baud \(console.baud)")
            }
        }
    }

    /// Every "file (claim, claim)" in a source whose claim is a stdout-path, an alias or a node
    /// reference is looked for in that file of the Debian tree (whitespace, '=', quotes ignored).
    @Test func linuxDeviceTreeClaimsMatchTheDebianKernelTree() throws {
        let tree = try RulesCoverageTests.kernelTree() + "/arch"
        var files: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: tree)
        while let path = walker?.nextObject() as? String {
            if path.hasSuffix(".dts") || path.hasSuffix(".dtsi") { files[(path as NSString).lastPathComponent] = tree + "/" + path }
        }
        let citation = try NSRegularExpression(pattern: #"([\w.-]+\.dtsi?) \(([^)]*)\)"#)
        func normalized(_ text: String) -> String { text.filter { !" \t\n=\";".contains($0) } }
        var checked = 0
        var filesChecked: Set<String> = []
        for board in try KnownBoards.builtin() {
            for console in board.consoles {
                let source = console.source
                for match in citation.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
                    let name = String(source[Range(match.range(at: 1), in: source)!])
                    guard let path = files[name] else { continue }
                    let text = normalized(try String(contentsOfFile: path, encoding: .utf8))
                    for claim in source[Range(match.range(at: 2), in: source)!].components(separatedBy: ", ")
                    where claim.hasPrefix("stdout-path") || claim.hasPrefix("&") || claim.range(of: #"^serial\d"#, options: .regularExpression) != nil {
                        #expect(text.contains(normalized(claim)), "\(board.name) \(console.name): \(name) does not say \"\(claim)\"")
                        checked += 1
                        filesChecked.insert(name)
                    }
                }
            }
        }
        #expect(filesChecked.count >= 8, "only \(filesChecked.sorted()) of the cited device trees are in \(tree); see .ci/run's kernel-source step")
        #expect(checked >= 10)
    }

    @Test func theProfileSnippetIsAValidBoardProfileOnceThePortsAreFilledIn() throws {
        for board in try KnownBoards.builtin() {
            let filled = board.profileSnippet.replacingOccurrences(of: #"FILL-IN: [^"]*"#, with: "serial:TEST", options: .regularExpression)
            let profiles = try BoardProfiles.parse(filled, file: "\(board.name).yaml")
            let profile = try #require(profiles.first)
            let expected = board.consoles.filter { !$0.uart.lowercased().hasPrefix("none") }
            #expect(profile.consoles.map(\.name) == expected.map(\.name))
            #expect(profile.consoles.map(\.baud) == expected.map(\.baud))
            #expect(profile.consoles.map(\.kind) == expected.map(\.kind))
        }
    }

    @Test func theCommandShowsABoardAndRefusesAnUnknownOne() throws {
        let shown = try ToolProcess.run(["boards", "imx8mp-evk"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("m7 (microcontroller): UART4 at 115200 baud"))
        #expect(shown.stdout.contains("source: Zephyr boards/nxp/imx8mp_evk"))
        let unknown = try ToolProcess.run(["boards", "no-such-board"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no known board named no-such-board"))
    }
}
