import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import AmpScope

/// The rules of parsers/rules/bootloader-and-remote-errors.yaml (issue 16): each event that had
/// definitions but no rule (U-Boot's remoteproc paths, stm32prog, STM32MP1's board code, the remote
/// firmware's RPMsg layer) is now a finding, with the platform's advice; the lines their sources print
/// without an error (a dev_warn, a first measurement U-Boot retries) are not. Lines as the sources
/// print them (the definitions' examples).
@Suite struct DiagnosisBootloaderAndRemoteErrorTests {
    static func a7(_ lines: [String]) -> BootScript {
        BootScript(lines: lines.enumerated().map { .init(side: .a7, time: 1 + Double($0.offset) * 0.01, text: $0.element) })
            .with { $0.withM4Console = false }
    }

    static func m4(_ lines: [String]) -> BootScript {
        BootScript(lines: lines.enumerated().map { .init(side: .m4, time: 1 + Double($0.offset) * 0.01, text: $0.element) })
    }

    @Test("each event becomes its rule's finding, citing the line", arguments: [
        (["stm32_m4_proc m4@10000000: Unable to assert hold boot (ret=-22)"], "uboot-rproc-error", "STM32MP1 (drivers/remoteproc/stm32_copro.c)"),
        (["Invalid aux core address: 1fff8000"], "uboot-rproc-error", "i.MX (arch/arm/mach-imx/imx_bootaux.c"),
        (["Operation Failed with error (-22)"], "uboot-rproc-error", "errno of the rproc subcommand"),
        (["Error: Layout: invalid checksum : 0x12 expected 0x34"], "uboot-flashing-error", "flash layout .tsv"),
        (["SYSCFG: I/O compensation failed, timeout."], "stm32mp1-board-error", "sysconf_init"),
    ])
    func applicationConsoleErrors(_ lines: [String], _ rule: String, _ advice: String) throws {
        let diagnosis = Self.a7(lines).diagnose()
        let finding = try #require(diagnosis.findings.first { $0.rule == rule }, "\(diagnosis.findings.map(\.rule))")
        #expect(finding.message.contains(lines[0]))
        #expect(finding.fix.contains(advice), "\(finding.fix)")
    }

    @Test("the remote firmware's RPMsg errors are a finding from the M-core console", arguments: [
        ("ERROR: Failed to create rpmsg virtio device.", ""),
        ("[00001.234][ERR  ]VIRT_UART_Init UART0 failed.", "STM32MP (STM32CubeMP1"),
        ("unexpected Remote endpoint destroy", ""),
    ])
    func remoteFirmwareErrors(_ line: String, _ advice: String) throws {
        let diagnosis = Self.m4(["*** Booting Zephyr OS build v3.6.0 ***", line]).diagnose()
        let finding = try #require(diagnosis.findings.first { $0.rule == "mcore-rpmsg-error" }, "\(diagnosis.findings.map(\.rule))")
        #expect(finding.severity == .error)
        #expect(finding.message.contains(line))
        if !advice.isEmpty { #expect(finding.fix.contains(advice), "\(finding.fix)") }
    }

    @Test("lines their sources print without an error are no finding", arguments: [
        // stm32_copro.c dev_warn: U-Boot starts the firmware anyway.
        (["stm32_m4_proc m4@10000000: No valid resource table for this firmware"], "uboot-rproc-error"),
        // board_check_usb_power measures twice; the first miss is only a retry.
        (["Previous ADC measurements was not the one expected, retry in 20ms"], "stm32mp1-board-error"),
        // STM32MP1's loader: its own load line has its own rule.
        (["Remote Processor 0 initialization failed", "Load Remote Processor 0 with data@addr=0xc2000000 32908 bytes: Failed!"], "uboot-rproc-error"),
    ])
    func nearMissesAreNoFinding(_ lines: [String], _ rule: String) {
        #expect(!Self.a7(lines).problems().contains(rule))
    }

    @Test("TI's echo firmware: its waiting line is the link up and the channels announced, and its silence after it is no missing traffic")
    func tiEchoWaitingLineIsAnAnnouncement() throws {
        let line = "[IPC RPMSG ECHO] Remote Core waiting for messages at end point 14 ... !!!"
        let bytes = Array(line.utf8)
        let match = try #require(bytes.withUnsafeBytes { BootScript.classifier.classify($0, consoleKind: .microcontroller) })
        #expect(BootScript.classifier.definitions[match.definitionIndex].event == "rpmsg-linked")
        let alone = Self.m4(["[IPC RPMSG ECHO] Jan 10 2024 12:00:00", line])
        #expect(!alone.problems().contains("mcore-announced-no-traffic"))
        // The same silence after an rpmsg-lite announcement (which prints each message) is still one.
        let nxp = Self.m4(["RPMSG Ping-Pong FreeRTOS RTOS API Demo...", "Nameservice announce sent."])
        #expect(nxp.problems().contains("mcore-announced-no-traffic"))
    }
}
