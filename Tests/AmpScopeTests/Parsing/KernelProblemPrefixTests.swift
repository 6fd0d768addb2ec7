import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import AmpScope

/// Kernel reports with the prefixes real logs carry (the lines are from the peers' fixture logs:
/// tuxparse, KernelCI logspec, LAVA, syzkaller): a syslog level, a printk caller id, text before
/// the printk time; `WARNING:` lines that are not kernel reports; and the boot that a bootloader
/// with no known banner starts by handing over to a kernel again.
@Suite struct KernelProblemPrefixTests {
    static let classifier = try! Classifier()

    static func prefix(_ line: String) -> (time: Int64, message: String)? {
        Array(line.utf8).withUnsafeBytes { raw in
            PrintkTime.parse(raw).map { ($0.microseconds, String(decoding: raw[$0.prefixLength...], as: UTF8.self)) }
        }
    }

    static func afterText(_ line: String) -> (time: Int64, message: String)? {
        Array(line.utf8).withUnsafeBytes { raw in
            PrintkTime.parseAfterText(raw).map { ($0.microseconds, String(decoding: raw[$0.prefixLength...], as: UTF8.self)) }
        }
    }

    /// The definition id and kernel time the classifier gives the line on the application console.
    static func classify(_ line: String) -> (id: String, time: Int64?)? {
        Array(line.utf8).withUnsafeBytes { raw in
            classifier.classify(raw, consoleKind: .application).map { (classifier.definitions[$0.definitionIndex].id, $0.targetTime) }
        }
    }

    @Test("a syslog level and a caller id are part of the printk prefix")
    func syslogLevelAndCallerID() {
        let cases: [(String, Int64, String)] = [
            ("<3>[   33.947615] BUG: KCSAN: data-race in __hrtimer_run_queues / hrtimer_active", 33_947_615,
             "BUG: KCSAN: data-race in __hrtimer_run_queues / hrtimer_active"),
            ("<0>[   63.722091] Kernel panic - not syncing: Attempted to kill init!", 63_722_091, "Kernel panic - not syncing: Attempted to kill init!"),
            ("[ 1067.461794][  T132] BUG: KCSAN: data-race in do_page_fault", 1_067_461_794, "BUG: KCSAN: data-race in do_page_fault"),
            ("[ 1034.371675][    C0] WARNING: inconsistent lock state", 1_034_371_675, "WARNING: inconsistent lock state"),
            ("[ 3167.402179][T32668] BUG: MAX_STACK_TRACE_ENTRIES too low!", 3_167_402_179, "BUG: MAX_STACK_TRACE_ENTRIES too low!"),
            ("[    1.000000][ T1] x", 1_000_000, "x"),
            // Not a caller id (no T or C, no digits): the bracket is the message's.
            ("[    1.000000][ X12] x", 1_000_000, "[ X12] x"),
            ("[    1.000000][ T] x", 1_000_000, "[ T] x"),
            ("<12345>[    1.000000] x", 0, ""),
        ]
        for (line, time, message) in cases {
            let found = Self.prefix(line)
            if message.isEmpty {
                #expect(found == nil, "\(line)")
            } else {
                #expect(found?.time == time && found?.message == message, "\(line): \(String(describing: found))")
            }
        }
    }

    @Test("a printk time after other text gives the message, not the line's time")
    func textBeforeTheTime() {
        let cases: [(String, Int64, String)] = [
            ("syzkaller login: [   35.184476] BUG: using __this_cpu_read() in preemptible [00000000] code: syzkaller195313/3344",
             35_184_476, "BUG: using __this_cpu_read() in preemptible [00000000] code: syzkaller195313/3344"),
            ("/init: 384: .: C[  271.381023] Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000200",
             271_381_023, "Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000200"),
            ("[2024-05-01 10:00:00.123] [   12.000000][ T42] BUG: scheduling while atomic: swapper/0/0/0x00000002",
             12_000_000, "BUG: scheduling while atomic: swapper/0/0/0x00000002"),
            // LAVA's log as YAML, and grabserial's stamp (its first field looks like a printk time up to the space).
            (#"- {"dt": "2018-06-19T14:26:32.113406", "lvl": "target", "msg": "[    1.146063] WARNING: CPU: 0 PID: 1 at kernel/smp.c:912 x"}"#,
             1_146_063, #"WARNING: CPU: 0 PID: 1 at kernel/smp.c:912 x"}"#),
            ("[    0.123456  0.000012] [    2.000000] Kernel panic - not syncing: Fatal exception", 2_000_000,
             "Kernel panic - not syncing: Fatal exception"),
        ]
        for (line, time, message) in cases {
            #expect(Self.prefix(line) == nil, "\(line)")
            let found = Self.afterText(line)
            #expect(found?.time == time && found?.message == message, "\(line): \(String(describing: found))")
        }
        #expect(Self.afterText("Kernel image @ 0x81000000 [ 0x000000 - 0x660d98 ]") == nil)
        #expect(Self.afterText("[  OK  ] Started Journal Service.") == nil)
    }

    @Test("kernel reports behind the prefixes of real logs are classified, and text before the time keeps its own meaning")
    func classifiedBehindPrefixes() {
        let cases: [(String, String, Int64?)] = [
            ("<3>[   28.077176] BUG: KASAN: slab-out-of-bounds in kmalloc_oob_right+0x38c/0x3b0", "kernel.kasan", 28_077_176),
            ("[  180.470227][ T3569] BUG: KMSAN: kernel-usb-infoleak in usb_submit_urb+0x6c1/0x2aa0", "kernel.kmsan", 180_470_227),
            ("[  180.187725][ T6213] UBSAN: Undefined behaviour in drivers/misc/lkdtm/bugs.c:243:16", "kernel.ubsan", 180_187_725),
            ("[   92.229826] BUG: KASAN: double-free or invalid-free in kfree+0xd8/0x2b0", "kernel.kasan", 92_229_826),
            ("[  418.945118][T17277] BUG: kernel NULL pointer dereference, address: 0000000000000086", "kernel.x86-null-dereference", 418_945_118),
            ("[   63.550339][    C1] divide_error: 0000 [#1] PREEMPT SMP KASAN", "kernel.divide-error-idtentry", 63_550_339),
            ("[  483.563138][ T4115] [ BUG: Invalid wait context ]", "kernel.lockdep-banner-bug", 483_563_138),
            ("[   48.981019] [ INFO: possible recursive locking detected ]", "kernel.lockdep-banner-info", 48_981_019),
            ("[   18.430694] (stk) :ldisc_install = 0[ BUG: bad unlock balance detected! ]", "kernel.lockdep-banner-bug", 18_430_694),
            ("unreferenced object 0xffff880039a55260 (size 64):", "kernel.kmemleak-object", nil),
            ("syzkaller login: [   35.184476] BUG: using __this_cpu_read() in preemptible [00000000] code: x/1", "kernel.bug", nil),
            ("/init: 384: .: [  271.403835] Kernel panic - not syncing: Attempted to kill init!", "kernel.panic", nil),
            // The login prompt the kernel's output broke into is still the login prompt.
            ("colibri-imx7-emmc-06413914 login: [   18.076809] rsi_91x: unresponsive chip", "linux.login-prompt", nil),
        ]
        for (line, id, time) in cases {
            let found = Self.classify(line)
            #expect(found?.id == id && found?.time == time, "\(line): \(String(describing: found))")
        }
    }

    @Test("WARNING: from firmware, U-Boot, userspace and kernel notices is not a kernel warning; the kernel's report titles are")
    func warningsThatAreNotReports() {
        let notReports = [
            "WARNING: RO_VPD is uninitialized or empty.",
            "WARNING: Caches not enabled",
            "WARNING: can't convert coreboot GPIOs, 'lid' won't be resampled at runtime!",
            "WARNING: /etc/ssh/moduli does not exist, using fixed modulus",
            "[   33.603917][ T3329] WARNING: the mand mount option is being deprecated and",
            "[    0.264710] Speculative Return Stack Overflow: WARNING: kernel not compiled with CPU_SRSO.",
            "WARNING: at least one interface is down",
        ]
        for line in notReports {
            let id = Self.classify(line)?.id
            #expect(Self.classifier.definitions.first { $0.id == id }?.event != "kernel-warning", "\(line): \(String(describing: id))")
        }
        let reports = [
            "[   55.967976] WARNING: CPU: 1 PID: 8377 at arch/x86/kvm/x86.c:7209 kvm_arch_vcpu_ioctl_run+0x1f7/0x5a00",
            "[    0.421936] WARNING: at /build/buildd/linux-linaro-lt-omap-3.1-3.1.1/arch/arm/mach-omap2/omap_hwmod.c:1509 _enable+0x1fc/0x230()",
            "[  594.649596][ T5097] WARNING: HARDIRQ-safe -> HARDIRQ-unsafe lock order detected",
            "[  163.448095] WARNING: bad unlock balance detected!",
            "[ 1722.511384] [ INFO: suspicious RCU usage. ]",
            "[   62.448499] INFO: trying to register non-static key.",
        ]
        for line in reports {
            let id = Self.classify(line)?.id
            #expect(Self.classifier.definitions.first { $0.id == id }?.event == "kernel-warning", "\(line): \(String(describing: id))")
        }
    }

    @Test("a bootloader without a known banner handing over again starts the next boot at its hand-over, not at the kernel's first line")
    func handOverStartsTheNextBoot() throws {
        let path = temporaryDirectory("handover") + ".log"
        try """
            [    5.000000] reboot: Restarting system
            Exiting depthcharge with code 4 at timestamp: 26286036
            Starting kernel ...
            [    0.000000] Linux version 5.10.219-rc1 (kernelci@kci) (gcc (Debian 10.2.1-6) 10.2.1 20210110) #1
            [    2.000000] Run /init as init process

            """.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let timeline = try TimelineAnalyzer.run(.logs([LogInput(path: path, consoleName: "a7", format: .plain)]), classifier: Self.classifier)
        #expect(timeline.boots.map(\.boundary) == [.inputStart, .kernelRestart])
        let second = try #require(timeline.boots.last)
        #expect(second.lanes.first?.firstLine?.text == "Starting kernel ...")
        #expect(second.lanes.first?.lineCount == 3)
    }
}
