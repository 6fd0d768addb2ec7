import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import AmpScope

/// mcore-console-silent-after-channel-bound: Linux bound a channel only the M-core's announcement
/// creates, while an rpmsg-lite demo's console shows nothing after its banner (the Colibri iMX8DX
/// thread of samples/real/colibri-imx8dx-rpmsg-tty-modprobe-hangs). Lines as the real demo and the
/// real imx_rpmsg_tty print them.
@Suite struct DiagnosisConsoleDisagreementTests {
    static let rule = "mcore-console-silent-after-channel-bound"

    static func script(m4: [String], a7: [String], timed: Bool = true) -> BootScript {
        var lines: [BootScript.ScriptLine] = []
        for (index, text) in m4.enumerated() { lines.append(.init(side: .m4, time: 1 + Double(index) * 0.1, text: text)) }
        for (index, text) in a7.enumerated() { lines.append(.init(side: .a7, time: 18 + Double(index) * 0.01, text: text)) }
        return BootScript(lines: lines).with {
            $0.a7Timed = timed
            $0.m4Timed = timed
        }
    }

    static let bound = [
        "root@localhost:~# modprobe imx_rpmsg_tty",
        "[   18.703453] imx_rpmsg_tty virtio1.rpmsg-openamp-demo-channel.-1.30: new channel: 0x400 -> 0x1e!",
        "[   18.712476] Install rpmsg tty driver!",
    ]

    @Test("a demo silent after its banner while Linux bound its channel is flagged, with or without times", arguments: [true, false])
    func silentDemoWithBoundChannelIsFlagged(_ timed: Bool) throws {
        let script = Self.script(m4: ["RPMSG String Echo FreeRTOS RTOS API Demo..."], a7: Self.bound, timed: timed)
        let finding = try #require(script.diagnose().findings.first { $0.rule == Self.rule }, "\(script.problems())")
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("new channel: 0x400 -> 0x1e!"))
        #expect(finding.message.contains("RPMSG String Echo FreeRTOS RTOS API Demo..."))
    }

    @Test("not raised when the demo printed its announcement or a message, or Linux bound nothing", arguments: [
        (["RPMSG String Echo FreeRTOS RTOS API Demo...", "Nameservice sent, ready for incoming messages..."], bound),
        (["RPMSG String Echo FreeRTOS RTOS API Demo...", "Get Message From Master Side : \"hello world!\" [len : 12]"], bound),
        (["RPMSG String Echo FreeRTOS RTOS API Demo..."], ["root@localhost:~# modprobe imx_rpmsg_tty"]),
        // A firmware that is not an rpmsg-lite demo: its later lines are not known, so its silence is not shown.
        (["*** Booting Zephyr OS build v3.6.0 ***"], bound),
    ])
    func notRaisedWithoutTheDisagreement(_ m4: [String], _ a7: [String]) {
        #expect(!Self.script(m4: m4, a7: a7).problems().contains(Self.rule))
    }
}
