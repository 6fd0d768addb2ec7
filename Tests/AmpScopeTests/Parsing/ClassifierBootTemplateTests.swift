import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// A whole i.MX7 boot through the classifier, line by line, against the event each line must
/// become. (The same template is what the issue-3 throughput benchmark will generate its
/// multi-GB logs from; speed is measured in Benchmarks/, not here.)
@Suite("Classifier boot template")
struct ClassifierBootTemplateTests {
    /// One boot of the application console; the ids are what each line must become (checked by hand
    /// against parsers/*.yaml), nil for lines no definition describes.
    static let template: [(line: String, id: String?)] = [
        ("U-Boot SPL 2018.03 (Jan 01 2020 - 00:00:00 +0000)", "uboot.spl-banner"),
        ("U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)", "uboot.banner"),
        ("CPU:   Freescale i.MX7D rev1.3 996 MHz (running at 792 MHz)", "uboot.cpu"),
        ("CPU:   Extended Commercial temperature grade (-20C to 105C) at 43C", "uboot.cpu-temperature"),
        ("Reset cause: POR", "uboot.reset-cause"),
        ("Board: Toradex Colibri iMX7D", nil),
        ("I2C:   ready", nil),
        ("DRAM:  512 MiB", "uboot.dram"),
        ("PMIC:  RN5T567 LSIVER=0x01 OTPVER=0x0d", "uboot.pmic"),
        ("Model: Toradex Colibri iMX7 Dual 512MB V1.1D, Serial# 06413914", "uboot.model"),
        ("Net:   FEC0", nil),
        ("Hit any key to stop autoboot:  0", "uboot.autoboot"),
        ("Read 0 bytes from volume m4firmware to 80800000", "uboot.ubi-read"),
        ("No size specified -> Using max size (296504)", "uboot.ubi-max-size"),
        ("## Starting auxiliary core at 0x1FFF80BD ...", "uboot.bootaux-start"),
        ("Kernel image @ 0x81000000 [ 0x000000 - 0x660d98 ]", "uboot.kernel-image"),
        ("## Flattened Device Tree blob at 82000000", "uboot.fdt-blob"),
        ("   Booting using the fdt blob at 0x82000000", "uboot.fdt-booting"),
        ("   Loading Device Tree to 8fff1000, end 8ffff671 ... OK", "uboot.fdt-loading"),
        ("Starting kernel ...", "uboot.starting-kernel"),
        ("", nil),
        ("[    0.000000] Booting Linux on physical CPU 0x0", "linux.booting"),
        ("[    0.000000] Linux version 4.14.98-2.0.0+g1b2c3d4 (oe-user@oe-host) (gcc version 8.3.0) #1 SMP PREEMPT", "linux.version"),
        ("[    0.000000] CPU: ARMv7 Processor [410fc075] revision 5 (ARMv7), cr=10c5387d", nil),
        ("[    0.000000] CPU: div instructions available: patching division code", nil),
        ("[    0.000000] OF: fdt: Machine model: Toradex Colibri iMX7D 512MB on Colibri Evaluation Board V3", "linux.machine-model"),
        ("[    0.000000] Memory policy: Data cache writealloc", nil),
        ("[    0.000000] cma: Reserved 128 MiB at 0x87c00000", nil),
        ("[    0.000000] percpu: Embedded 16 pages/cpu @8bd4b000 s33548 r8192 d23796 u65536", nil),
        ("[    0.000000] Built 1 zonelists, mobility grouping on.  Total pages: 130048", nil),
        ("[    0.000000] Kernel command line: user_debug=30 ubi.mtd=ubi root=ubi0:rootfs rootfstype=ubifs console=ttymxc0,115200n8", "linux.command-line"),
        ("[    0.000000] PID hash table entries: 2048 (order: 1, 8192 bytes)", nil),
        ("[    0.000000] Memory: 367312K/524288K available (9216K kernel code, 412K rwdata)", nil),
        ("[    0.000000] Virtual kernel memory layout:", nil),
        ("[    0.000000] SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=2, Nodes=1", nil),
        ("[    0.000000] Preemptible hierarchical RCU implementation.", nil),
        ("[    0.000000] NR_IRQS: 16, nr_irqs: 16, preallocated irqs: 16", nil),
        ("[    0.000010] sched_clock: 32 bits at 8MHz, resolution 125ns, wraps every 268435456000ns", "linux.sched-clock"),
        ("[    0.001574] Calibrating delay loop (skipped), value calculated using timer frequency.. 16.00 BogoMIPS", nil),
        ("[    0.001600] pid_max: default: 32768 minimum: 301", nil),
        ("[    0.001748] Mount-cache hash table entries: 1024 (order: 0, 4096 bytes)", nil),
        ("[    0.002814] CPU: Testing write buffer coherency: ok", nil),
        ("[    0.003300] Setting up static identity map for 0x80100000 - 0x80100078", nil),
        ("[    0.003700] Hierarchical SRCU implementation.", nil),
        ("[    0.004500] smp: Bringing up secondary CPUs ...", nil),
        ("[    0.005300] CPU1: thread -1, cpu 1, socket 0, mpidr 80000001", nil),
        ("[    0.005400] smp: Brought up 1 node, 2 CPUs", nil),
        ("[    0.006100] devtmpfs: initialized", nil),
        ("[    0.011000] clocksource: jiffies: mask: 0xffffffff max_cycles: 0xffffffff, max_idle_ns: 19112604462750000 ns", nil),
        ("[    0.012000] pinctrl core: initialized pinctrl subsystem", nil),
        ("[    0.013300] NET: Registered protocol family 16", nil),
        ("[    0.016000] DMA: preallocated 256 KiB pool for atomic coherent allocations", nil),
        ("[    0.090000] imx rpmsg driver is registered.", "linux.imx-rpmsg-registered"),
        ("[    0.097058] MU is ready for cross core communication!", "linux.mu-ready"),
        ("[    0.100000] virtio_rpmsg_bus virtio0: rpmsg host is online", "linux.rpmsg-host-online"),
        ("[    0.120000] SCSI subsystem initialized", nil),
        ("[    0.130000] usbcore: registered new interface driver usbfs", nil),
        ("[    0.140000] clocksource: Switched to clocksource mxc_timer1", nil),
        ("[    0.150000] NET: Registered protocol family 2", nil),
        ("[    0.160000] TCP established hash table entries: 4096 (order: 2, 16384 bytes)", nil),
        ("[    0.170000] virtio_rpmsg_bus virtio0: creating channel rpmsg-openamp-demo-channel addr 0x1e", "linux.rpmsg-channel"),
        ("[    0.423224] 30860000.serial: ttymxc0 at MMIO 0x30860000 (irq = 30, base_baud = 1500000) is a IMX", "linux.uart-probe"),
        ("[    0.423224] console [ttymxc0] enabled", "linux.console-enabled"),
        ("[    0.500000] brd: module loaded", nil),
        ("[    0.600000] nand: device found, Manufacturer ID: 0x2c, Chip ID: 0xdc", nil),
        ("[    0.700000] ubi0: attaching mtd3", nil),
        ("[    0.800000] fec 30be0000.ethernet eth0: registered PHC device 0", nil),
        ("[    0.900000] usbcore: registered new interface driver usb-storage", nil),
        ("[    1.000000] input: 30370000.snvs:snvs-powerkey as /devices/soc0/soc/30000000.aips-bus/30370000.snvs/input/input0", nil),
        ("[    1.100000] snvs_rtc 30370000.snvs:snvs-rtc-lp: rtc core: registered 30370000.snvs:snvs-r as rtc1", nil),
        ("[    1.200000] sdhci: Secure Digital Host Controller Interface driver", nil),
        ("[    1.300000] NET: Registered protocol family 10", nil),
        ("[    1.400000] ThumbEE CPU extension supported.", nil),
        ("[    1.500000] Registering SWP/SWPB emulation handler", "linux.swp-emulation"),
        ("[    2.058899] clk: Disabling unused clocks", "linux.clk-disabling-unused"),
        ("[    2.100000] UBIFS (ubi0:0): background thread \"ubifs_bgt0_0\" started, PID 93", nil),
        ("[    2.200000] VFS: Mounted root (ubifs filesystem) on device 0:13.", "linux.rootfs-mounted"),
        ("[    2.300000] devtmpfs: mounted", nil),
        ("[    2.310000] Freeing unused kernel memory: 1024K", "linux.freeing-init-memory"),
        ("[    2.343055] Run /sbin/init as init process", "linux.run-init"),
        ("[    2.468269] systemd[1]: systemd 244.5+ running in system mode. (+PAM -AUDIT)", "linux.systemd-start"),
        ("[    2.500000] systemd[1]: Detected architecture arm.", nil),
        ("", nil),
        ("Welcome to TDX Wayland with XWayland 5.7.6-devel-20240101+build.0 (dunfell)!", "linux.welcome"),
        ("", nil),
        ("[  OK  ] Created slice system-getty.slice.", nil),
        ("[  OK  ] Started Journal Service.", nil),
        ("[  OK  ] Reached target Local File Systems.", "linux.systemd-reached-target"),
        ("[  OK  ] Started Serial Getty on ttymxc0.", "linux.serial-getty"),
        ("[  OK  ] Reached target Multi-User System.", "linux.systemd-reached-target"),
        ("TDX Wayland 5.7.6-devel colibri-imx7 ttymxc0", nil),
        ("", nil),
        ("colibri-imx7-02950638 login: root", "linux.login-prompt"),
        ("root@colibri-imx7-02950638:~# modprobe imx_rpmsg_tty", "linux.shell-prompt"),
        ("[   18.700000] imx_rpmsg_tty virtio0.rpmsg-openamp-demo-channel.-1.30: new channel: 0x400 -> 0x1e!", "linux.rpmsg-client-new-channel"),
        ("[   18.700100] Install rpmsg tty driver!", "linux.rpmsg-tty-installed"),
        ("root@colibri-imx7-02950638:~# echo hello > /dev/ttyRPMSG30", "linux.shell-prompt"),
        ("root@colibri-imx7-02950638:~# reboot", "linux.shell-prompt"),
    ]

    @Test("the template's lines become exactly the events listed next to them")
    func templateEvents() throws {
        let classifier = try Classifier()
        for (line, id) in Self.template {
            let match = Array(line.utf8).withUnsafeBytes { classifier.classify($0, consoleKind: .application) }
            #expect(match.map { classifier.definitions[$0.definitionIndex].id } == id, "\(line)")
        }
    }
}
