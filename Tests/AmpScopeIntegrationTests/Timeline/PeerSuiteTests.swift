import Foundation
import Glibc
import Testing
@testable import AmpScopeTestSupport

/// The kernel problems other tools' own test suites find (tuxparse, KernelCI logspec, LAVA,
/// syzkaller: 196 real kernel logs kept outside the project, in ../shared/peer-suites), scored by
/// that folder's score.py on the built `ampscope` binary: at least 170 of the 178 expected
/// (log, problem) pairs found by the rule the peer's class calls for, and no kernel-problem rule
/// on the 29 logs the peers call clean.
@Suite struct PeerSuiteTests {
    /// Where the suites are: AMPSCOPE_PEER_SUITES, else ../shared/peer-suites beside the package.
    static var suites: String {
        if let given = ProcessInfo.processInfo.environment["AMPSCOPE_PEER_SUITES"], !given.isEmpty { return given }
        return RepositoryPaths.shared.appendingPathComponent("peer-suites").path
    }

    static var binary: String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // On Linux the test runner is `<build>/debug/ampscopePackageTests.xctest`.
        if directory.lastPathComponent.hasSuffix(".xctest") { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("ampscope").path
    }

    /// One row of score.py's ampscope table.
    struct Row: Equatable {
        var suite: String
        var expected: Int
        var strict: Int
        var falseAlarms: Int
        var crashes: Int
        var timeouts: Int
    }

    /// The ampscope table's rows (`| suite | logs | clean | expected | strict | any | missed |
    /// false alarms | crashes | timeouts | seconds |`), the total under the name "all".
    static func rows(of markdown: String) -> [Row] {
        var rows: [Row] = []
        var inAmpscope = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("### ") { inAmpscope = line == "### ampscope" }
            guard inAmpscope, line.hasPrefix("| ") else { continue }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 10, let expected = Int(cells[3]), let strict = Int(cells[4]), let alarms = Int(cells[7]),
                  let crashes = Int(cells[8]), let timeouts = Int(cells[9]) else { continue }
            rows.append(Row(suite: cells[0].replacingOccurrences(of: "*", with: ""), expected: expected, strict: strict,
                            falseAlarms: alarms, crashes: crashes, timeouts: timeouts))
        }
        return rows
    }

    @Test func scoreTableIsReadAsPrinted() {
        let table = """
            ### ampscope

            | suite | logs | clean logs | expected (log, class) | strict match | any kernel-problem rule | missed | false alarms on clean | crashes | timeouts | seconds |
            |---|---|---|---|---|---|---|---|---|---|---|
            | lava | 12 | 2 | 14 | 13 | 14 | 1 | 1 | 0 | 2 | 6.1 |
            | **all** | 196 | 29 | 178 | 117 | 121 | 61 | 7 | 3 | 0 | 94.7 |

            ### by class (all suites): expected / ampscope strict

            | class | expected | ampscope |
            | oops | 21 | 19 |
            """
        #expect(Self.rows(of: table) == [
            Row(suite: "lava", expected: 14, strict: 13, falseAlarms: 1, crashes: 0, timeouts: 2),
            Row(suite: "all", expected: 178, strict: 117, falseAlarms: 7, crashes: 3, timeouts: 0),
        ])
    }

    @Test func peersKernelProblemsAreFoundWithoutFalseAlarms() throws {
        let score = Self.suites + "/score.py"
        try #require(FileManager.default.fileExists(atPath: score), """
            The peers' suites are not at \(Self.suites) (they stay outside the project, in ../shared/peer-suites); \
            set AMPSCOPE_PEER_SUITES to the folder holding score.py.
            """)
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "ampscope not built at \(Self.binary): run swift build first")
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3 is missing: .ci/run installs it (apt package python3)")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ampscope-peer-suites-\(ProcessInfo.processInfo.processIdentifier)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        // score.py predates the inconclusive verdict: it accepts exit 0 and 3 and counts any
        // other as a crash. Exit 2 still comes with the whole JSON document (checked here), so
        // the scorer is handed it as exit 0; anything else passes through unchanged.
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let wrapper = out + "/ampscope-exit2-as-0"
        try """
            #!/bin/sh
            output=$("\(Self.binary)" "$@"); status=$?
            printf '%s\\n' "$output"
            if [ "$status" -eq 2 ]; then
                printf '%s' "$output" | grep -q '"outcome" *: *"inconclusive"' || exit 2
                exit 0
            fi
            exit "$status"
            """.write(toFile: wrapper, atomically: true, encoding: .utf8)
        chmod(wrapper, 0o755)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [score, "--ampscope", wrapper, "--out", out]
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read before waiting: the table would fill the pipe and block the scorer.
        let table = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "score.py failed (\(process.terminationStatus)):\n\(errors)")
        let rows = Self.rows(of: table)
        let all = try #require(rows.first { $0.suite == "all" }, "score.py printed no total row:\n\(table)")
        #expect(all.expected == 178, "the suites changed: \(all.expected) expected pairs\n\(table)")
        #expect(all.strict >= 170, "found \(all.strict) of \(all.expected)\n\(table)")
        #expect(all.falseAlarms == 0, "false alarms on clean logs\n\(table)")
        #expect(all.crashes == 0 && all.timeouts == 0, "ampscope crashed or timed out\n\(table)")
        #expect(rows.count == 5, "one row per suite and the total\n\(table)")
    }
}
