import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import AmpScope

/// The remote-processor rules of parsers/rules/remoteproc-platforms.yaml, each on lines from a
/// public log (URL above the test) or built from the exact format string of the source that
/// prints them (file named), with the platform advice its data keys select, and the real near
/// misses that must stay quiet.
@Suite struct DiagnosisPlatformRuleTests {
    /// An A-core console holding only `texts`, 10 ms apart, with no M-core console.
    static func log(_ texts: [String]) -> BootScript {
        BootScript(
            lines: texts.enumerated().map { BootScript.ScriptLine(side: .a7, time: 20 + Double($0.offset) * 0.01, text: $0.element) },
            withM4Console: false)
    }

    static func finding(_ rule: String, _ script: BootScript) throws -> Finding {
        try #require(script.diagnose().findings.first { $0.rule == rule }, "no \(rule) among \(script.problems())")
    }

    // https://e2e.ti.com/support/processors-group/processors/f/791/t/1427871 (failing case)
    @Test func tiSciRequestRefusedIsAProbeFailureWithTheK3Advice() throws {
        let failing = Self.log([
            "[ 6.670963] platform 78000000.r5f: ti-sci processor request failed: -19",
            "[ 6.671050] platform 78000000.r5f: ti_sci_proc_request failed, ret = -19",
            "[ 6.674274] k3_r5_rproc bus@f0000:bus@b00000:r5fss@78000000: k3_r5_core_of_init failed, ret = -19",
            "[ 6.674301] k3_r5_rproc bus@f0000:bus@b00000:r5fss@78000000: k3_r5_cluster_of_init failed, ret = -19",
        ])
        #expect(failing.problems() == ["remoteproc-probe-failed"])
        let finding = try Self.finding("remoteproc-probe-failed", failing)
        #expect(finding.fix.contains("TI K3: ti_sci_proc_request -19"))
        #expect(!finding.fix.contains("STM32MP:") && !finding.fix.contains("ZynqMP/Versal:") && !finding.fix.contains("i.MX:"))
    }

    // Same page, the working attach: the warning is the normal notice for a core already running.
    @Test func tiAttachNoticeIsNotAFailure() {
        let attach = Self.log([
            "[ 6.569096] platform 78000000.r5f: R5F core may have been powered on by a different host, programmed state (0) != actual state (1)",
            "[ 6.572660] platform 78000000.r5f: configured R5F for IPC-only mode",
            "[ 6.573291] platform 78000000.r5f: assigned reserved memory node r5f-dma-memory@9da00000",
            "[ 6.573941] remoteproc remoteproc3: 78000000.r5f is available",
            "[ 6.574088] remoteproc remoteproc3: attaching to 78000000.r5f",
            "[ 6.589108] platform 78000000.r5f: R5F core initialized in IPC-only mode",
            "[ 6.589191] rproc-virtio rproc-virtio.5.auto: assigned reserved memory node r5f-dma-memory@9da00000",
            "[ 6.589483] rproc-virtio rproc-virtio.5.auto: registered virtio1 (type 7)",
            "[ 6.589504] remoteproc remoteproc3: remote processor 78000000.r5f is now attached",
        ])
        #expect(attach.problems().isEmpty)
    }

    // Built from drivers/remoteproc/stm32_rproc.c ("failed to get mcu_reset", through
    // dev_err_probe's "error %pe: ") and drivers/base/dd.c ("%s: probe of %s failed with error %d"), Linux 6.1.
    @Test func stm32McuResetMissingIsAProbeFailureWithTheStm32Advice() throws {
        let failing = Self.log([
            "[    1.400000] OF: fdt: Machine model: STMicroelectronics STM32MP157F-DK2 Discovery Board",
            "[    1.500000] stm32-rproc 10000000.m4: error -EINVAL: failed to get mcu_reset",
            "[    1.500100] stm32-rproc: probe of 10000000.m4 failed with error -22",
        ])
        #expect(failing.problems() == ["remoteproc-probe-failed"])
        let finding = try Self.finding("remoteproc-probe-failed", failing)
        #expect(finding.fix.contains("STM32MP: the m4 (m33) node needs its reset"))
        #expect(!finding.fix.contains("TI K3:"))
    }

    // Built from drivers/remoteproc/xlnx_r5_remoteproc.c zynqmp_r5_get_rsc_table_va ("failed to get rsc_addr").
    @Test func zynqmpResourceTableUnmappableIsAProbeFailureWithTheZynqmpAdvice() throws {
        let failing = Self.log(["[    3.100000] zynqmp_r5_remoteproc ffe00000.r5f: failed to get rsc_addr"])
        #expect(failing.problems() == ["remoteproc-probe-failed"])
        let finding = try Self.finding("remoteproc-probe-failed", failing)
        #expect(finding.fix.contains("ZynqMP/Versal:"))
        #expect(!finding.fix.contains("TI K3:"))
    }

    // https://community.st.com/t5/stm32-mcus-products/non-sucure-signed-m33-app-cause-linux-kernal-crash/td-p/855251
    @Test func opteePanicDuringCoprocessorStartIsNotAKernelPanic() throws {
        let panic = Self.log([
            "[ 53.569732] remoteproc remoteproc0: powering up m33",
            "[ 53.578881] remoteproc remoteproc0: Booting fw image M33_HelloNS_CM33_sign.bin, size 15796",
            "E/TC:0 stm32_iac_itr:197 IAC exception ID: 156",
            "E/TC:0 Panic at /usr/src/debug/optee-os-stm32mp/4.0.0-stm32mp-r2/core/drivers/firewall/stm32_iac.c:212 <stm32_iac_itr>",
            "E/TC:0 TEE load address @ 0x82000000",
            "I/TC: Halting CPU 1",
        ])
        #expect(panic.problems() == ["secure-firmware-panic"])
        let finding = try Self.finding("secure-firmware-panic", panic)
        #expect(finding.message.contains("not a Linux kernel panic"))
        #expect(finding.fix.contains("STM32MP2: stm32_iac_itr"))
    }

    // Built from drivers/remoteproc/remoteproc_core.c: dev_warn "unsupported resource %d" and
    // dev_err(dev->parent, "Allocated carveout doesn't fit device address request"), Linux 6.1.
    @Test func resourceTableMismatch() throws {
        let unsupported = Self.log([
            "[   20.100000] remoteproc remoteproc0: powering up imx-rproc",
            "[   20.110000] remoteproc remoteproc0: Booting fw image rpmsg_lite_str_echo.elf, size 212040",
            "[   20.120000] remoteproc remoteproc0: unsupported resource 5",
        ])
        #expect(unsupported.problems() == ["remoteproc-resource-table-mismatch"])
        let carveout = Self.log(["[   20.120000] stm32-rproc 10000000.m4: Allocated carveout doesn't fit device address request"])
        #expect(carveout.problems() == ["remoteproc-resource-table-mismatch"])
        #expect(try Self.finding("remoteproc-resource-table-mismatch", carveout).fix.contains("STM32MP: compare"))
    }

    // https://e2e.ti.com/support/processors-group/processors/f/processors-forum/1289532/am6442-problems-loading-demo-project-into-r5f-from-linux
    @Test func genericBootFailedExplainsItsErrnoAndThePlatform() throws {
        let lines = [
            "[ 8090.904281] 001: remoteproc remoteproc0: powering up 78000000.r5f",
            "[ 8090.905150] 001: remoteproc remoteproc0: Booting fw image r5f.elf, size 411176",
            "[ 8090.905790] 001: remoteproc remoteproc0: Boot failed: -22",
        ]
        let failed = Self.log(lines)
        #expect(failed.problems() == ["remoteproc-start-failed"])
        let finding = try Self.finding("remoteproc-start-failed", failed)
        #expect(finding.fix.contains("-22 (EINVAL)"))
        #expect(!finding.fix.contains("-16 (EBUSY)"))
        // The model line (as TI's kernels print it) selects the K3 advice.
        let withModel = Self.log(["[    0.000000] Machine model: Texas Instruments AM642 EVM"] + lines)
        #expect(try Self.finding("remoteproc-start-failed", withModel).fix.contains("TI K3: load the MCU+ SDK"))
        // A failure that names its own cause gets its own rule, not this one.
        let withCause = Self.log(["[ 8090.905700] remoteproc remoteproc0: unsupported resource 5"] + lines)
        #expect(withCause.problems() == ["remoteproc-resource-table-mismatch"])
    }

    // Built from remoteproc_core.c "crash detected in %s: type %s" and "recovering %s", Linux 6.1.
    @Test func crashDetected() throws {
        let crash = Self.log([
            "[    0.000000] OF: fdt: Machine model: STMicroelectronics STM32MP157F-DK2 Discovery Board",
            "[  120.000000] remoteproc remoteproc0: crash detected in m4: type watchdog",
            "[  120.000100] remoteproc remoteproc0: handling crash #1 in m4",
            "[  120.000200] remoteproc remoteproc0: recovering m4",
            "[  120.100000] stm32-rproc 10000000.m4: wdg irq registered",
        ])
        #expect(crash.problems() == ["remoteproc-crash-detected"])
        #expect(try Self.finding("remoteproc-crash-detected", crash).fix.contains("STM32MP: the M4's watchdog"))
    }

    // Built from stm32_rproc.c "%s: failed (%s, err:%d)" (dev_err on the rproc device),
    // ti_k3_r5_remoteproc.c "failed to send mailbox message, status = %d" and
    // xlnx_r5_remoteproc.c "failed to send message".
    @Test func mailboxSendFailuresOnEachPlatform() throws {
        let stm32 = Self.log(["[  300.000000] remoteproc remoteproc0: stm32_rproc_kick: failed (vq0, err:-62)"])
        #expect(stm32.problems() == ["mailbox-send-failed"])
        #expect(try Self.finding("mailbox-send-failed", stm32).fix.contains("STM32MP: the M4 must enable the IPCC"))
        let ti = Self.log(["[  300.000000] platform 78000000.r5f: failed to send mailbox message, status = -62"])
        #expect(ti.problems() == ["mailbox-send-failed"])
        let tiFix = try Self.finding("mailbox-send-failed", ti).fix
        #expect(tiFix.contains("TI K3:") && !tiFix.contains("ZynqMP:"))
        let zynqmp = Self.log(["[  300.000000] zynqmp_r5_remoteproc ffe00000.r5f: failed to send message"])
        #expect(zynqmp.problems() == ["mailbox-send-failed"])
        let zynqmpFix = try Self.finding("mailbox-send-failed", zynqmp).fix
        #expect(zynqmpFix.contains("ZynqMP:") && !zynqmpFix.contains("TI K3:"))
    }

    // The line quoted in issue 16; format from U-Boot board/st/stm32mp1/stm32mp1.c board_copro_image_process.
    @Test func stm32UbootLoadFailedAndItsSuccessNearMiss() throws {
        let failed = Self.log(["Load Remote Processor 0 with data@addr=0xc2000000 32908 bytes: Failed!"])
        #expect(failed.problems() == ["uboot-rproc-load-failed"])
        #expect(try Self.finding("uboot-rproc-load-failed", failed).fix.contains("STM32MP1: U-Boot's stm32 copro driver"))
        #expect(Self.log(["Load Remote Processor 0 with data@addr=0xc2000000 32908 bytes: Success!"]).problems().isEmpty)
    }

    // The line quoted in issue 16 (format: U-Boot arch/arm/lib/interrupts_64.c do_sync), and
    // https://community.toradex.com/t/boot-mcu-from-u-boot-on-am62x/20636 for the "Error" handler.
    @Test func ubootArm64AbortsAreUbootCrashesWithTheirKind() throws {
        let sync = Self.log(["\"Synchronous Abort\" handler, esr 0x8600000f", "Resetting CPU ..."])
        #expect(sync.problems().contains("uboot-crash"))
        let syncFix = try Self.finding("uboot-crash", sync).fix
        #expect(syncFix.contains("instruction abort") && !syncFix.contains("SError"))
        let serror = Self.log(["\"Error\" handler, esr 0xbf000000", "elr: 0000000080897258 lr : 000000008089959c (reloc)", "Resetting CPU ..."])
        #expect(serror.problems().contains("uboot-crash"))
        #expect(try Self.finding("uboot-crash", serror).fix.contains("is an SError"))
    }

    // https://community.nxp.com/t5/i-MX-Processors/iMX93evk-RemoteProc/td-p/2046403
    @Test func kernelSErrorDuringRemoteprocStart() throws {
        let serror = Self.log([
            "[    0.000000] Machine model: NXP i.MX93 11X11 EVK board",
            "remoteproc0: Booting fw image /usr/lib/firmware/imx93-11x11-evk_m33_TCM_rpmsg_lite_pingpong_rtos_linux_remote.elf",
            "SError Interrupt on CPU1, code 0x00000000be000011 -- SError",
            "pc : __memcpy+0x13c/0x240",
            "lr : rproc_start+0x64/0x1b4",
        ])
        #expect(serror.problems().contains("arm64-serror"))
        #expect(try Self.finding("arm64-serror", serror).fix.contains("i.MX93: Linux writes the M33's TCM"))
    }

    // https://lkft.validation.linaro.org/scheduler/job/5660839 (Dragonboard 845c, next-20221012,
    // quoted in LKFT's report): a CoreSight STM ("STM32" = its 32-bit channels), not an STM32 SoC.
    @Test func coresightStmIsNotAnStm32() {
        let trace = Self.log([
            "[   19.125768] remoteproc remoteproc1: remote processor remoteproc-cdsp is now up",
            "[   19.138140] xhci_hcd 0000:01:00.0: Adding to iommu group 6",
            "[   19.150419] coresight stm0: STM32 initialized",
            "[   19.618073] remoteproc remoteproc2: 4080000.remoteproc is available",
        ])
        #expect(trace.problems().isEmpty)
        let line = Array("[   19.150419] coresight stm0: STM32 initialized".utf8)
        #expect(line.withUnsafeBytes { BootScript.classifier.classify($0, consoleKind: .application) } == nil)
    }

    // https://github.com/bootlin/buildroot-external-st/issues/30: STM32MP1 announces the first
    // channel before "rpmsg host is online" and the second after it.
    @Test func stm32ChannelAnnouncedBeforeHostOnlineIsHealthy() {
        let stm32 = Self.log([
            "[  136.626935] remoteproc remoteproc0: powering up m4",
            "[  136.631240] remoteproc remoteproc0: Booting fw image OpenAMP_TTY_echo.elf, size 197920",
            "[  136.638985]  remoteproc0#vdev0buffer: assigned reserved memory node vdev0buffer@10042000",
            "[  136.653920] virtio_rpmsg_bus virtio0: creating channel rpmsg-tty-channel addr 0x400",
            "[  136.660432] virtio_rpmsg_bus virtio0: rpmsg host is online",
            "[  136.663712] virtio_rpmsg_bus virtio0: creating channel rpmsg-tty-channel addr 0x401",
            "[  136.665998]  remoteproc0#vdev0buffer: registered virtio0 (type 7)",
            "[  136.679447] remoteproc remoteproc0: remote processor m4 is now up",
        ])
        #expect(stm32.problems().isEmpty)
    }
}
