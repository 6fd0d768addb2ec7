import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import AmpScope

/// The remote side of `rules coverage`: the table of lines M-core and R5 firmware print
/// (parsers/remote-side/prints.tsv, read from the firmware sources it cites) against the
/// built-in definitions, on the M-core console.
@Suite struct RemotePrintCoverageTests {
    static let table = RepositoryPaths.path("parsers/remote-side/prints.tsv")

    static func measure() throws -> KernelSourceCoverage {
        try KernelSourceCoverage.measure(remotePrints: table, classifier: Classifier(definitions: DefinitionLoader.builtin()))
    }

    /// The table's own columns: each row names a repository, a tag or full commit, and a file.
    @Test func everyRowCitesRepositoryRefAndFile() throws {
        let text = try String(contentsOfFile: Self.table, encoding: .utf8)
        let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("repo\t") }
        #expect(rows.count >= 100)
        for row in rows {
            let columns = row.split(separator: "\t", omittingEmptySubsequences: false)
            try #require(columns.count == 8, "\(row)")
            #expect(columns[0].split(separator: "/").count == 2, "repository owner/name: \(row)")
            let ref = columns[1]
            #expect(ref.count == 40 && ref.allSatisfy(\.isHexDigit) || ref.hasPrefix("v"), "tag or full commit: \(row)")
            #expect(columns[2].hasSuffix(".c"), "a C file: \(row)")
        }
        // Every firmware family the issue names is in the table.
        for repo in ["nxp-mcuxpresso/mcux-sdk-examples", "OpenAMP/open-amp", "zephyrproject-rtos/zephyr",
                     "TexasInstruments/mcupsdk-core-k3", "STMicroelectronics/STM32CubeMP1"] {
            #expect(rows.contains { $0.hasPrefix(repo + "\t") }, "no row from \(repo)")
        }
    }

    @Test func remoteErrorAndWarningLinesAreCoveredAndSourced() throws {
        let coverage = try Self.measure()
        #expect(coverage.errorWarningPermille >= 900, "\(coverage.totalsTable().joined(separator: "\n"))")
        let unsourced = Set(coverage.rows.compactMap { $0.isCovered && $0.definition?.source == nil ? $0.definition?.id : nil })
        #expect(unsourced.isEmpty, "definitions without source: \(unsourced.sorted())")
    }

    /// The rules reason on the M-core reaching the link and the name service: the lines the
    /// firmware prints at those points must carry those events.
    @Test func linkAndNameServiceLinesCarryTheEventsTheRulesUse() throws {
        let coverage = try Self.measure()
        func event(of format: String) -> String? {
            coverage.rows.first { $0.call.format == format }?.definition?.event
        }
        #expect(event(of: "Link is up!") == "rpmsg-link-up")
        #expect(event(of: "Nameservice announce sent.") == "rpmsg-linked")
        #expect(event(of: "Nameservice sent, ready for incoming messages...") == "rpmsg-linked")
        #expect(event(of: "Try to create rpmsg endpoint.") == "rpmsg-link-up")
        #expect(event(of: "Successfully created rpmsg endpoint.") == "rpmsg-linked")
        #expect(event(of: "Virtual UART0 OpenAMP-rpmsg channel creation") == "rpmsg-linked")
        #expect(event(of: "Sending pong...") == "rpmsg-message")
        #expect(event(of: "Msg received on VIRTUAL UART0 channel:  %s") == "rpmsg-message")
        // A failure before the link is an error the timeline shows, not a healthy event.
        #expect(coverage.rows.first { $0.call.format == "failed rpmsg_init_vdev" }?.definition?.severity == .error)
    }

    @Test func aMalformedTableIsRefusedWithItsLine() throws {
        let path = temporaryDirectory("remote-prints") + ".tsv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "# comment\nrepo\tref\tpath\tline\tprint\tlevel\tprefix\tformat\nOpenAMP/open-amp\tv2023.10.0\tx.c\t1\tprintf\tloud\t\tboom\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: CoverageError.malformedRemotePrint(path: path, line: 3)) {
            try KernelSourceCoverage.measure(remotePrints: path, classifier: Classifier(definitions: DefinitionLoader.builtin()))
        }
    }
}
