import Foundation
import Testing
@testable import AmpScopeTestSupport

@Suite struct SampleGoldenExpectationTests {
    @Test func readsFindingsEvidenceAndSummary() throws {
        let text = """
            # two boots
            boots: 2
            findings:
              - rule: kernel-panic
                severity: error
                boot: 2
                evidence:
                  - "[    2.5] Kernel panic - not syncing: \\"x\\" \\\\ y"
            summary:
              - "kernel-panic in 1 of 2 boots: 2"
            """
        let expectation = try SampleExpectation.parse(text)
        #expect(expectation.boots == 2)
        #expect(expectation.findings == [.init(rule: "kernel-panic", severity: "error", boot: 2, evidence: ["[    2.5] Kernel panic - not syncing: \"x\" \\ y"])])
        #expect(expectation.summary == ["kernel-panic in 1 of 2 boots: 2"])
        #expect(try SampleExpectation.parse("findings: []\n").findings.isEmpty)
    }

    @Test func rejectsWhatItCannotRead() {
        #expect(throws: SampleExpectation.FormatError.self) { try SampleExpectation.parse("findings:\n  - rule: x\n") }
        #expect(throws: SampleExpectation.FormatError.self) { try SampleExpectation.parse("colour: red\n") }
        #expect(throws: SampleExpectation.FormatError.self) {
            try SampleExpectation.parse("findings:\n  - rule: x\n    severity: error\n    boot: 1\n    evidence:\n      - unquoted\n")
        }
    }
}
