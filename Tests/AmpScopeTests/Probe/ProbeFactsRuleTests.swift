import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// Board facts in the rule language and the report: the `fact` primitive, `confirmed-by`, the
/// rules that use them, and `rules check` errors for the new syntax.
@Suite struct ProbeFactsRuleTests {
    static func facts(_ change: (inout BoardFacts) -> Void) -> BoardFacts {
        var facts = BoardFacts(console: "a7")
        change(&facts)
        return facts
    }

    static let disabledNode = facts {
        $0.deviceTreeNodes = [DeviceTreeNode(path: "/soc/aips-bus@30800000/rpmsg", status: "disabled", compatible: ["fsl,imx7d-rpmsg"])]
        $0.commandLine = "console=ttymxc0,115200n8 clk_ignore_unused root=ubi0:rootfs"
    }

    static func diagnose(_ script: BootScript, _ facts: BoardFacts?) -> BootDiagnosis {
        var boot = script.boot()
        boot.boardFacts = facts
        return BootScript.diagnoser.diagnose(boot, consoles: script.consoles)
    }

    static let noBootaux = BootScript.healthyLegacy.removing(
        "auxiliary core", "MU is ready", "rpmsg host is online", "creating channel", "new channel", "get 1", "get 101",
        "goodbye", "RPMSG", "Name service", "Get Data")

    @Test func rpmsgNodeDisabledIsConfirmedByTheBoardsDeviceTree() throws {
        let without = try #require(Self.diagnose(Self.noBootaux, nil).findings.first { $0.rule == "rpmsg-node-disabled" })
        #expect(without.confidence == .medium)
        #expect(without.facts == nil)
        let with = try #require(Self.diagnose(Self.noBootaux, Self.disabledNode).findings.first { $0.rule == "rpmsg-node-disabled" })
        #expect(with.confidence == .high)
        #expect(with.facts == [FindingFact(role: "node-status", name: "devicetree.rpmsg.status", value: "disabled")])
        // Same message, evidence and signature: the facts only add certainty.
        #expect(with.message == without.message)
        #expect(with.evidence == without.evidence)
        #expect(with.signature == without.signature)
        // The log already says it, so the board-only rule stays quiet.
        #expect(!Self.diagnose(Self.noBootaux, Self.disabledNode).findings.contains { $0.rule == "rpmsg-node-disabled-on-board" })
    }

    @Test func theBoardAloneCanSayTheNodeIsDisabled() throws {
        // The console joined late: no kernel lines at all, only the probe's answer.
        let late = BootScript(lines: [BootScript.ScriptLine(side: .a7, time: 1, text: "root@colibri-imx7:~# ")])
        let diagnosis = Self.diagnose(late, Self.disabledNode)
        let finding = try #require(diagnosis.findings.first { $0.rule == "rpmsg-node-disabled-on-board" })
        #expect(finding.message.contains("status \"disabled\" for the rpmsg node"))
        #expect(finding.evidence.isEmpty)
        #expect(diagnosis.findings.contains { $0.rule == "clk-ignore-unused-on-board" })
        #expect(Self.diagnose(late, nil).findings.isEmpty)
        // An enabled node, a command line without the flag: nothing.
        let okay = Self.facts { $0.deviceTreeNodes = [DeviceTreeNode(path: "/soc/rpmsg", status: "okay")]; $0.commandLine = "console=ttymxc0" }
        #expect(Self.diagnose(late, okay).findings.isEmpty)
    }

    @Test func clkIgnoreUnusedFromTheLogIsConfirmedByProcCmdline() throws {
        let script = BootScript.healthyLegacy.adding(.a7, 2.793, "[    0.000001] Kernel command line: console=ttymxc0 clk_ignore_unused")
        let finding = try #require(Self.diagnose(script, Self.disabledNode).findings.first { $0.rule == "clk-ignore-unused-active" })
        #expect(finding.facts?.map(\.name) == ["cmdline"])
        #expect(!Self.diagnose(script, Self.disabledNode).findings.contains { $0.rule == "clk-ignore-unused-on-board" })
    }

    @Test func remoteprocStatesAndAMissingTTY() throws {
        let crashed = Self.facts { $0.remoteprocs = [RemoteprocFact(instance: "remoteproc0", name: "imx-rproc", state: "crashed")] }
        let crash = try #require(Self.diagnose(BootScript.healthyRemoteproc, crashed).findings.first { $0.rule == "remoteproc-crashed" })
        #expect(crash.message.contains("state is \"crashed\""))
        // Offline only matters when no channel came up.
        let offline = Self.facts { $0.remoteprocs = [RemoteprocFact(instance: "remoteproc0", state: "offline")] }
        #expect(!Self.diagnose(BootScript.healthyRemoteproc, offline).findings.contains { $0.rule == "remoteproc-offline" })
        let noChannel = BootScript.healthyRemoteproc.removing("creating channel")
        #expect(Self.diagnose(noChannel, offline).findings.contains { $0.rule == "remoteproc-offline" })
        // A tty channel bound, and no /dev/ttyRPMSG*.
        let tty = BootScript.healthyLegacy.adding(.a7, 22, "[   19.000000] imx_rpmsg_tty virtio0.rpmsg-virtual-tty-channel-1.-1.30: new channel: 0x400 -> 0x1e!")
        let noNode = Self.facts { $0.rpmsgTTYs = [] }
        let missing = try #require(Self.diagnose(tty, noNode).findings.first { $0.rule == "rpmsg-tty-missing" })
        #expect(missing.evidence.map(\.lineNumber) == [32])
        #expect(!Self.diagnose(tty, Self.facts { $0.rpmsgTTYs = ["/dev/ttyRPMSG30"] }).findings.contains { $0.rule == "rpmsg-tty-missing" })
        #expect(!Self.diagnose(tty, nil).findings.contains { $0.rule == "rpmsg-tty-missing" })
        // Zephyr announces rpmsg-tty (flow B fixture) and no tty node exists: no driver made one.
        let announced = try #require(Self.diagnose(BootScript.healthyRemoteproc, noNode).findings.first { $0.rule == "rpmsg-tty-missing" })
        #expect(announced.evidence.first?.text.contains("creating channel rpmsg-tty addr 0x400") == true)
        // The pingpong demo's channel is no tty.
        #expect(!Self.diagnose(BootScript.healthyLegacy, noNode).findings.contains { $0.rule == "rpmsg-tty-missing" })
    }

    @Test func rulesCheckLocatesMistakesInTheFactSyntax() throws {
        let text = """
            rules:
              - id: my-fact-rule
                severity: info
                confidence: low
                title: t
                message: m
                fix: f
                when:
                  fact: {name: devicetree.rpmsg.state, equals: disabled}
              - id: my-second
                severity: info
                confidence: low
                title: t
                message: m
                fix: f
                when:
                  fact: {name: cmdline, contains: a, lacks: b}
            """
        do {
            _ = try RuleLoader.parse(files: [("mine.yaml", text)])
            Issue.record("the rules were accepted")
        } catch {
            let problems = error.problems.map(\.description)
            #expect(problems.count == 2, "\(problems)")
            #expect(problems.first?.hasPrefix("mine.yaml:9:") == true, "\(problems)")
            #expect(problems.first?.contains("fact 'devicetree.rpmsg.state' is not known") == true)
            #expect(problems.last?.hasPrefix("mine.yaml:17:") == true, "\(problems)")
            #expect(problems.last?.contains("exactly one of contains, empty, equals, lacks, not-equals") == true)
        }
    }

    @Test func factsAreRedactedLikeTheLogs() throws {
        var boot = BootScript.healthyLegacy.boot()
        boot.boardFacts = Self.facts {
            $0.commandLine = "console=ttymxc0 ip=192.168.1.10 nfsroot=10.0.0.2:/srv/rootfs"
            $0.ubootEnvironment = ["ethaddr": "00:14:2d:4a:5b:6c", "bootcmd": "run m4boot"]
            $0.problems = ["the board refused the login at 192.168.1.10"]
        }
        var timeline = Timeline(consoles: BootScript.healthyLegacy.consoles, inputs: [], boots: [boot])
        var redactor = Redactor()
        timeline.redact(with: &redactor)
        let facts = try #require(timeline.boots.first?.boardFacts)
        #expect(facts.commandLine == "console=ttymxc0 ip=ip-1 nfsroot=ip-2:/srv/rootfs")
        #expect(facts.ubootEnvironment == ["ethaddr": "mac-1", "bootcmd": "run m4boot"])
        #expect(facts.problems == ["the board refused the login at ip-1"])
    }
}
