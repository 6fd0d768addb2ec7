import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// The rule language as a rule writer meets it: the built-ins load and name only events the
/// parsers produce; broken rule files get every problem at its line and column.
@Suite struct DiagnosisLoaderTests {
    static let broken = """
        rules:
          - id: bad-rule
            severity: critical
            confidence: high
            title: Broken
            colour: red
            message: "at {gate.time}"
            fix: nothing
            when:
              all:
                - present: {event: clocks-gated, as: clk}
                - silent: {console: microcontroller, near: gate, within: 3 parsecs, for-at-least: 5s}

        """

    @Test func brokenRuleFileListsEveryProblemWithLineAndColumn() throws {
        let error = try #require(throws: RuleError.self) { try RuleLoader.parse(files: [("my.yaml", Self.broken)]) }
        let lines = error.problems.map(\.description)
        // Columns counted by hand in the text above (1-based, like the parser definition loader).
        #expect(lines.contains("my.yaml:3:15: severity 'critical' is not known; expected one of info, warning, error"))
        #expect(lines.contains { $0.hasPrefix("my.yaml:6:5: unknown key 'colour'; expected one of confidence, confirmed-by, description, fix,") })
        #expect(lines.contains("my.yaml:12:66: within '3 parsecs' is not a duration; write a number with a unit: ns, us, ms, s or min (e.g. 300ms, 5s)"))
        #expect(lines.contains("my.yaml:12:52: 'gate' is not bound by any condition of this rule (write 'as: gate' on the event it means)"))
        #expect(lines.contains("my.yaml:7:14: placeholder {gate.time} names 'gate', which no condition binds; bound names: clk"))
        #expect(error.problems.count == 5, "\(lines)")
    }

    @Test func syntaxErrorsAndMissingPartsAreLocated() throws {
        let syntax = try #require(throws: RuleError.self) { try RuleLoader.parse(files: [("s.yaml", "rules:\n  - id: x\n    when: {present: [\n")]) }
        #expect(syntax.problems.count == 1)
        #expect(syntax.problems[0].description.hasPrefix("s.yaml:4:1: not valid YAML"))

        let missing = try #require(throws: RuleError.self) {
            try RuleLoader.parse(files: [("m.yaml", "rules:\n  - id: lonely\n    severity: error\n    when: {present: kernel-panic, absent: kernel-oops}\n")])
        }
        let texts = missing.problems.map(\.description)
        #expect(texts.contains("m.yaml:2:5: missing 'confidence'; expected one of high, medium, low"))
        #expect(texts.contains("m.yaml:2:5: missing 'title'"))
        #expect(texts.contains("m.yaml:4:11: a condition has exactly one of absent, present; combine several with 'all:' or 'any:'"))
    }

    @Test func aValidUserRuleLoadsAndFires() throws {
        let text = """
            rules:
              - id: my-login-late
                severity: warning
                confidence: low
                title: Login took long
                when:
                  all:
                    - present: {event: kernel-start, as: kernel}
                    - absent: {event: login-prompt, after: kernel, within: 5s}
                message: "No login prompt within 5 s of the kernel start ({kernel.console} line {kernel.line} at {kernel.time})."
                fix: Look at what the boot waits for.
                references: [https://example.org/boot-time]
            """
        let rules = try RuleLoader.parse(files: [("user.yaml", text)])
        #expect(rules.map(\.id) == ["my-login-late"])
        #expect(RuleCheck.unknownEvents(rules: rules, definitions: try DefinitionLoader.builtin()).isEmpty)
        let diagnoser = Diagnoser(rules: rules)
        // Legacy fixture: kernel at 2.790 s, login prompt at 12.400 s.
        let diagnosis = diagnoser.diagnose(BootScript.healthyLegacy.boot(), consoles: BootScript.healthyLegacy.consoles)
        #expect(diagnosis.findings.map(\.message) == ["No login prompt within 5 s of the kernel start (a7 line 15 at 2.790 s)."])
    }

    @Test func builtinRulesLoadCoverTheCatalogueAndNameOnlyKnownEvents() throws {
        let rules = try RuleLoader.builtin()
        let catalogue: Set<String> = [
            "rpmsg-node-disabled", "m4-not-started", "m4-halted-at-clock-gating", "m4-halted-during-linux-boot",
            "uart-shared-with-linux", "m4-console-garbage-after-linux", "wrong-baud", "no-name-service-announcement",
            "rpmsg-link-never-up", "channel-not-bound", "vring-memory-not-reserved", "rpmsg-probe-failed",
            "remoteproc-firmware-missing", "remoteproc-boot-failed", "mailbox-kick-failed", "m4-reset", "m4-fault",
            "fdt-overlaps-m4-memory", "m4-started-after-rpmsg-probe", "kernel-hang-after-starting-kernel", "uboot-crash",
            "m4-firmware-load-failed", "uboot-script-failed", "wrong-device-tree", "kernel-panic", "kernel-oops", "kernel-bug",
            "kernel-warning", "out-of-memory", "clk-ignore-unused-active",
            // From the M-core console alone (issue 15).
            "mcore-waited-for-link-until-log-end", "mcore-rpmsg-demo-silent-after-banner", "mcore-announced-no-traffic",
            "mcore-console-garbage-after-clean-start",
            // The two consoles disagree (parsers/rules/mcore-console-vs-linux.yaml, issue 15).
            "mcore-console-silent-after-channel-bound",
            // From facts the probe reads on the board (docs/probe.md).
            "rpmsg-node-disabled-on-board", "clk-ignore-unused-on-board", "remoteproc-crashed", "remoteproc-offline", "rpmsg-tty-missing",
            // Every platform's remoteproc (parsers/rules/remoteproc-platforms.yaml, issue 16).
            "remoteproc-probe-failed", "remoteproc-resource-table-mismatch", "remoteproc-start-failed", "remoteproc-crash-detected",
            "mailbox-send-failed", "secure-firmware-panic", "uboot-rproc-load-failed", "arm64-serror", "remoteproc-firmware-not-elf",
            "rpmsg-tty-protocol-mismatch", "mcore-rpmsg-init-failed",
            // The M-core announced, Linux created no channel (issue 19).
            "name-service-sent-no-channel",
            // U-Boot, STM32MP1 board and remote-firmware error lines (parsers/rules/bootloader-and-remote-errors.yaml, issue 16).
            "uboot-rproc-error", "uboot-flashing-error", "stm32mp1-board-error", "mcore-rpmsg-error",
        ]
        #expect(Set(rules.map(\.id)) == catalogue)
        #expect(RuleCheck.unknownEvents(rules: rules, definitions: try DefinitionLoader.builtin()) == [])
        // ../shared beside the checkout, as the README and .ci/run expect it.
        let domainPath = RepositoryPaths.shared.appendingPathComponent("DOMAIN.md").path
        let domain = try #require(try? String(contentsOfFile: domainPath, encoding: .utf8),
                                  "\(domainPath) not readable: clone the repository beside shared/ (the .ci/run check step says so too)")
        for rule in rules {
            #expect(!rule.references.isEmpty, "\(rule.id) has no reference")
            // The platform rules cite the public logs their tests quote (DiagnosisPlatformRuleTests).
            // The U-Boot and firmware error rules cite the source files that print their lines.
            if rule.location.file.hasSuffix("remoteproc-platforms.yaml") || rule.location.file.hasSuffix("bootloader-and-remote-errors.yaml") { continue }
            for reference in rule.references {
                #expect(domain.contains(reference), "\(rule.id): \(reference) is not a DOMAIN.md reference")
            }
        }
    }

    @Test func unknownEventNamesAreReported() throws {
        let rules = try RuleLoader.parse(files: [("u.yaml", """
            rules:
              - id: typo
                severity: error
                confidence: high
                title: Typo
                when: {present: {event: kernel-panik}}
                message: typo
                fix: none
            """)])
        let problems = RuleCheck.unknownEvents(rules: rules, definitions: try DefinitionLoader.builtin())
        #expect(problems.map(\.description) == ["u.yaml:2:5: rule 'typo' names event 'kernel-panik', which no parser definition produces (a definition id or an 'event:' name)"])
    }

    @Test func rulesCheckCommandLocatesProblemsInARuleFile() throws {
        let path = temporaryDirectory("rule-check") + ".yaml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.broken.write(toFile: path, atomically: true, encoding: .utf8)
        let bad = try ToolProcess.run(["rules", "check", path])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("\(path):3:15: severity 'critical' is not known"))
        let good = try ToolProcess.run(["rules", "check", RepositoryPaths.root.appendingPathComponent("parsers").path])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("; \(try RuleLoader.builtin().count) rules"))
    }
}
