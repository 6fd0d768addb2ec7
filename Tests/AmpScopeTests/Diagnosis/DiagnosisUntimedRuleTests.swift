import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import AmpScope

/// The rule language's way to decide an absence without times (`untimed:`) and to compare with
/// a bound line's field (`same-as:`), as a rule writer meets them, and what the engine makes of
/// them on boots written by hand (BootScript: the real parser definitions, lines with or without
/// host times).
@Suite struct DiagnosisUntimedRuleTests {
    static func rule(_ when: String) -> String {
        """
        rules:
          - id: test-rule
            severity: error
            confidence: high
            title: Test
            message: "seen {up.line}"
            fix: nothing
            when:
        \(when)

        """
    }

    @Test func untimedAndSameAsAreReadAndBadValuesAreLocated() throws {
        let good = try RuleLoader.parse(files: [("good.yaml", Self.rule("""
                  all:
                    - present: {event: mcore-started, as: up}
                    - absent: {event: rpmsg-channel, after: up, within: 5s, untimed: {followed-by: [shell-prompt]}}
                    - absent: {event: linux.rproc-booting-fw, after: up, where: {field: firmware, same-as: up.name}, untimed: log-ends}
            """))])
        guard case .all(let parts) = try #require(good.first).condition, parts.count == 3,
              case .absent(let prompt, _) = parts[1], case .absent(let ends, _) = parts[2] else {
            Issue.record("unexpected shape: \(good)")
            return
        }
        #expect(prompt.untimed == .followedBy(["shell-prompt"]))
        #expect(ends.untimed == .logEnds)
        #expect(ends.predicates == [FieldPredicate(field: "firmware", test: .sameAs(binding: "up", field: "name"))])

        let bad = try #require(throws: RuleError.self) {
            try RuleLoader.parse(files: [("bad.yaml", Self.rule("""
                      all:
                        - present: {event: mcore-started, as: up}
                        - absent: {event: rpmsg-channel, after: up, untimed: sometimes}
                        - absent: {event: rpmsg-channel, where: {field: firmware, same-as: firmware}}
                        - absent: {event: rpmsg-channel, where: {field: firmware, same-as: gone.firmware}}
                """))])
        }
        let lines = bad.problems.map(\.description)
        #expect(lines.contains { $0.hasPrefix("bad.yaml:11:") && $0.hasSuffix("'untimed' must be 'log-ends' or {followed-by: [events]}") }, "\(lines)")
        #expect(lines.contains { $0.contains("'same-as' needs a bound name and a field, e.g. missing.firmware, not 'firmware'") }, "\(lines)")
        #expect(lines.contains { $0.contains("'gone' is not bound by any condition of this rule") }, "\(lines)")
        // An event a rule waits for as proof must exist, like any other it names.
        let unknown = RuleCheck.unknownEvents(rules: try RuleLoader.parse(files: [("u.yaml", Self.rule("""
                  all:
                    - present: {event: mcore-started, as: up}
                    - absent: {event: rpmsg-channel, after: up, within: 5s, untimed: {followed-by: [no-such-event]}}
            """))]), definitions: try DefinitionLoader.builtin())
        #expect(unknown.map(\.description).contains { $0.contains("names event 'no-such-event'") })
    }

    static let remoteprocUp = BootScript(lines: [
        .init(side: .a7, time: 0.0, text: "[    0.000000] Booting Linux on physical CPU 0x0"),
        .init(side: .a7, time: 2.3, text: "[    2.343055] Run /sbin/init as init process"),
        .init(side: .a7, time: 42.1, text: "[   42.138938] remoteproc remoteproc0: powering up imx-rproc"),
        // The firmware's RPMsg vdev (remoteproc_virtio.c): without it the core has nothing to announce.
        .init(side: .a7, time: 42.2, text: "[   42.236666] rproc-virtio rproc-virtio.1.auto: registered virtio0 (type 7)"),
        .init(side: .a7, time: 42.2, text: "[   42.259822] remoteproc remoteproc0: remote processor imx-rproc is now up"),
    ])

    @Test func anAbsenceWithHostTimesIsMeasuredAndStaysConfident() throws {
        // 10 s of host-timed log after "is now up" with no channel: measured, confidence as written.
        let measured = Self.remoteprocUp.adding(.a7, 52.3, "root@colibri-imx7:~# uptime").diagnose()
        let finding = try #require(measured.findings.first { $0.rule == "no-name-service-announcement" })
        #expect(finding.confidence == .medium)
        #expect(!finding.message.contains("could not be measured"))
        // The same log captured for only 1 s after it: neither measured nor shown, so not decided.
        let short = Self.remoteprocUp.adding(.a7, 43.2, "[   43.200000] random: crng init done").diagnose()
        #expect(!short.findings.contains { $0.rule == "no-name-service-announcement" })
        #expect(short.notChecked.contains { $0.rule == "no-name-service-announcement" })
        #expect(short.gaps?.contains { $0.missing.contains("no-name-service-announcement could not be checked") } == true, "\(short.gaps ?? [])")
    }

    @Test func aPromptAfterThePointDecidesAnUntimedAbsenceWithLowerConfidence() throws {
        let untimed = Self.remoteprocUp.adding(.a7, 43.0, "root@colibri-imx7:~# ls /dev/ttyRPMSG*").with { $0.a7Timed = false }.diagnose()
        let finding = try #require(untimed.findings.first { $0.rule == "no-name-service-announcement" }, "\(untimed.notChecked)")
        #expect(finding.confidence == .low)
        #expect(finding.message.contains("this is what the log shows instead: it goes on after a7 line 5 to a7 line 6"), "\(finding.message)")
        // An announcement anywhere after, however late, is not an absence.
        let announced = Self.remoteprocUp
            .adding(.a7, 42.9, "[   42.900000] virtio_rpmsg_bus virtio0: creating channel rpmsg-tty addr 0x400")
            .adding(.a7, 43.0, "root@colibri-imx7:~# ls /dev/ttyRPMSG*").with { $0.a7Timed = false }.diagnose()
        #expect(!announced.findings.contains { $0.rule == "no-name-service-announcement" })
    }

    @Test func aCaptureWithoutFindingsEndsWithItsVerdictNotJustNone() throws {
        // A live capture stopped during the kernel boot: no finding, and not healthy either.
        let cut = BootScript.healthyLegacy.cut(.a7, after: 3.3).cut(.m4, after: 3.3).diagnose()
        #expect(cut.findings.filter { $0.severity >= .warning }.isEmpty, "\(cut.findings)")
        var summary = CaptureSummary(directory: "s", seconds: 3.3, stopReason: "Ctrl-C", consoles: [], findings: [cut], liveFindingsProblem: nil)
        #expect(summary.text.contains("verdict: INCONCLUSIVE: nothing wrong was found, but the a7 log ends at 3.230 s (line 23:"), "\(summary.text)")
        // Garbage statistics as a capture has them, for both consoles: all lines clean.
        let clean = [UInt16(0), 1].map {
            LaneActivity(console: $0, firstGarbageLine: nil, cleanLinesBeforeGarbage: 0, linesFromFirstGarbage: 0, garbageLinesFromFirstGarbage: 0)
        }
        summary.findings = [BootScript.healthyLegacy.with { $0.activity = clean }.diagnose()]
        #expect(summary.text.contains("verdict: No problem found in 1 boot."), "\(summary.text)")
    }
}
