#!/usr/bin/env python3
"""Generate a realistic multi-boot i.MX7D A7 console log, deterministic by seed.

    generate_log.py OUT SIZE_MB [SEED]

Each boot: (sometimes) U-Boot SPL, U-Boot with bootaux of the M4 firmware, the hand-over,
Linux with printk times (clock, imx_rpmsg/MU, virtio_rpmsg_bus, rpmsg_ns, remoteproc lines from
DOMAIN.md among generic driver probes), systemd, the login prompt, a shell session with modprobe
imx_rpmsg_tty and echo traffic, and a reboot with systemd-shutdown. About 4 % of boots carry a
WARNING splat, 0.5 % an Oops. Output stops at the first boot boundary past SIZE_MB * 10^6 bytes.
"""
import random
import sys

GENERIC_KERNEL = [
    "CPU: ARMv7 Processor [410fc075] revision 5 (ARMv7), cr=10c5387d",
    "CPU: div instructions available: patching division code",
    "CPU: PIPT / VIPT nonaliasing data cache, VIPT aliasing instruction cache",
    "Memory policy: Data cache writealloc",
    "cma: Reserved 128 MiB at 0x{a:08x}",
    "percpu: Embedded 16 pages/cpu s{n}6 r8192 d22{n} u65536",
    "Built 1 zonelists, mobility grouping on.  Total pages: 130048",
    "Dentry cache hash table entries: 65536 (order: 6, 262144 bytes, linear)",
    "Inode-cache hash table entries: 32768 (order: 5, 131072 bytes, linear)",
    "mem auto-init: stack:off, heap alloc:off, heap free:off",
    "Memory: {n}388K/524288K available (12288K kernel code, 1010K rwdata, 3528K rodata, 1024K init, 384K bss, {n}1740K reserved, 131072K cma-reserved, 0K highmem)",
    "SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=2, Nodes=1",
    "rcu: Hierarchical RCU implementation.",
    "NR_IRQS: 16, nr_irqs: 16, preallocated irqs: 16",
    "GIC: Using split EOI/Deactivate mode",
    "Switching to timer-based delay loop, resolution 125ns",
    "sched_clock: 56 bits at 8MHz, resolution 125ns, wraps every 2199023255500ns",
    "clocksource: arch_sys_counter: mask: 0xffffffffffffff max_cycles: 0x1d854df40, max_idle_ns: 440795202120 ns",
    "Console: colour dummy device 80x30",
    "Calibrating delay loop (skipped), value calculated using timer frequency.. 16.00 BogoMIPS (lpj=80000)",
    "pid_max: default: 32768 minimum: 301",
    "Mount-cache hash table entries: 1024 (order: 0, 4096 bytes, linear)",
    "CPU0: update cpu_capacity 1024",
    "CPU0: thread -1, cpu 0, socket 0, mpidr 80000000",
    "Setting up static identity map for 0x80100000 - 0x80100060",
    "smp: Bringing up secondary CPUs ...",
    "CPU1: thread -1, cpu 1, socket 0, mpidr 80000001",
    "smp: Brought up 1 node, 2 CPUs",
    "SMP: Total of 2 processors activated (32.00 BogoMIPS).",
    "devtmpfs: initialized",
    "VFP support v0.3: implementor 41 architecture 2 part 30 variant 7 rev 5",
    "clocksource: jiffies: mask: 0xffffffff max_cycles: 0xffffffff, max_idle_ns: 19112604462750000 ns",
    "futex hash table entries: 512 (order: 3, 32768 bytes, linear)",
    "pinctrl core: initialized pinctrl subsystem",
    "NET: Registered protocol family 16",
    "DMA: preallocated 256 KiB pool for atomic coherent allocations",
    "thermal_sys: Registered thermal governor 'step_wise'",
    "cpuidle: using governor menu",
    "hw-breakpoint: found 5 (+1 reserved) breakpoint and 4 watchpoint registers.",
    "hw-breakpoint: maximum watchpoint size is 8 bytes.",
    "imx7d-pinctrl 302c0000.iomuxc-lpsr: initialized IMX pinctrl driver",
    "imx7d-pinctrl 30330000.pinctrl: initialized IMX pinctrl driver",
    "vgaarb: loaded",
    "SCSI subsystem initialized",
    "usbcore: registered new interface driver usbfs",
    "usbcore: registered new interface driver hub",
    "usbcore: registered new device driver usb",
    "i2c i2c-0: IMX I2C adapter registered",
    "rn5t618 0-0033: device detected",
    "mc: Linux media interface: v0.10",
    "videodev: Linux video capture interface: v2.00",
    "pps_core: LinuxPPS API ver. 1 registered",
    "PTP clock support registered",
    "Advanced Linux Sound Architecture Driver Initialized.",
    "Bluetooth: Core ver 2.22",
    "NET: Registered protocol family 31",
    "clocksource: Switched to clocksource arch_sys_counter",
    "NET: Registered protocol family 2",
    "IP idents hash table entries: 8192 (order: 4, 65536 bytes, linear)",
    "tcp_listen_portaddr_hash hash table entries: 512 (order: 0, 6144 bytes, linear)",
    "TCP established hash table entries: 4096 (order: 2, 16384 bytes, linear)",
    "TCP: Hash tables configured (established 4096 bind 4096)",
    "UDP hash table entries: 256 (order: 1, 8192 bytes, linear)",
    "NET: Registered protocol family 1",
    "RPC: Registered named UNIX socket transport module.",
    "RPC: Registered udp transport module.",
    "PCI: CLS 0 bytes, default 64",
    "hw perfevents: enabled with armv7_cortex_a7 PMU driver, 5 counters available",
    "Initialise system trusted keyrings",
    "workingset: timestamp_bits=30 max_order=17 bucket_order=0",
    "squashfs: version 4.0 (2009/01/31) Phillip Lougher",
    "NFS: Registering the id_resolver key type",
    "io scheduler mq-deadline registered",
    "io scheduler kyber registered",
    "imx-sdma 30bd0000.sdma: firmware: direct-loading firmware imx/sdma/sdma-imx7d.bin",
    "imx-sdma 30bd0000.sdma: loaded firmware 4.5",
    "brd: module loaded",
    "loop: module loaded",
    "nand: device found, Manufacturer ID: 0x2c, Chip ID: 0xdc",
    "nand: Micron MT29F4G08ABADAWP",
    "nand: 512 MiB, SLC, erase size: 128 KiB, page size: 2048, OOB size: 64",
    "libphy: Fixed MDIO Bus: probed",
    "fec 30be0000.ethernet eth0: registered PHC device 0",
    "usbcore: registered new interface driver asix",
    "ehci_hcd: USB 2.0 'Enhanced' Host Controller (EHCI) Driver",
    "ci_hdrc ci_hdrc.0: EHCI Host Controller",
    "ci_hdrc ci_hdrc.0: new USB bus registered, assigned bus number 1",
    "hub 1-0:1.0: USB hub found",
    "hub 1-0:1.0: 1 port detected",
    "input: {name} as /devices/soc0/{name}/input/input{n}",
    "snvs_rtc 30370000.snvs:snvs-rtc-lp: registered as rtc0",
    "i2c /dev entries driver",
    "imx2-wdt 30280000.wdog: timeout 60 sec (nowayout=0)",
    "sdhci: Secure Digital Host Controller Interface driver",
    "sdhci-pltfm: SDHCI platform and OF driver helper",
    "mmc0: SDHCI controller on 30b40000.mmc [30b40000.mmc] using ADMA",
    "usbcore: registered new interface driver usbhid",
    "usbhid: USB HID core driver",
    "NET: Registered protocol family 10",
    "Segment Routing with IPv6",
    "NET: Registered protocol family 17",
    "Registering SWP/SWPB emulation handler",
    "Loading compiled-in X.509 certificates",
    "ubi0: attaching mtd3",
    "ubi0: scanning is finished",
    "ubi0: attached mtd3 (name \"ubi\", size 508 MiB)",
    "ubi0: PEB size: 131072 bytes (128 KiB), LEB size: 126976 bytes",
    "ubi0: background thread \"ubi_bgt0d\" started, PID {n}",
    "UBIFS (ubi0:2): Mounting in unauthenticated mode",
    "UBIFS (ubi0:2): background thread \"ubifs_bgt0_2\" started, PID {n}",
    "UBIFS (ubi0:2): UBIFS: mounted UBI device 0, volume 2, name \"rootfs\"",
    "VFS: Mounted root (ubifs filesystem) on device 0:15.",
    "devtmpfs: mounted",
    "Freeing unused kernel memory: 1024K",
]

SYSTEMD_UNITS = [
    "Created slice system-getty.slice.", "Created slice system-serial\\x2dgetty.slice.",
    "Created slice User and Session Slice.", "Started Dispatch Password Requests to Console Directory Watch.",
    "Reached target Paths.", "Reached target Remote File Systems.", "Reached target Slices.",
    "Reached target Swap.", "Listening on Syslog Socket.", "Listening on Process Core Dump Socket.",
    "Listening on Journal Socket.", "Listening on udev Control Socket.", "Listening on udev Kernel Socket.",
    "Mounted Kernel Debug File System.", "Mounted Temporary Directory (/tmp).", "Started Journal Service.",
    "Started Remount Root and Kernel File Systems.", "Started Apply Kernel Variables.",
    "Started Create Static Device Nodes in /dev.", "Reached target Local File Systems (Pre).",
    "Started udev Kernel Device Manager.", "Started udev Coldplug all Devices.",
    "Reached target Local File Systems.", "Started Network Time Synchronization.",
    "Reached target System Time Set.", "Reached target Basic System.", "Started D-Bus System Message Bus.",
    "Started Login Service.", "Started Serial Getty on ttymxc0.", "Reached target Login Prompts.",
    "Started Network Service.", "Reached target Network.", "Reached target Multi-User System.",
]

SHUTDOWN = [
    "Stopped target Multi-User System.", "Stopping Login Service...", "Stopped Serial Getty on ttymxc0.",
    "Stopped Network Service.", "Stopped target Network.", "Stopped D-Bus System Message Bus.",
    "Stopped Journal Service.", "Unmounted Temporary Directory (/tmp).", "Reached target Shutdown.",
    "Reached target Final Step.", "Started Reboot.", "Reached target Reboot.",
]

FUNCS = ["rpmsg_send_offchannel_raw", "virtqueue_add_outbuf", "imx_mu_send", "rproc_vq_interrupt",
         "clk_core_disable", "__clk_disable_unused", "mmc_blk_issue_rq", "fec_enet_tx_queue"]


# What was injected, printed at the end so a benchmark run can check the analysis found it all.
INJECTED = {"warning": 0, "oops": 0}


class Boot:
    def __init__(self, rng, out, index):
        self.rng = rng
        self.out = out
        self.index = index
        self.t = 0.0
        self.scale = rng.uniform(0.97, 1.04)

    def line(self, text):
        self.out.append(text)

    def k(self, text, step=0.0004):
        self.t += step * self.scale + self.rng.uniform(0, 0.00004)
        self.out.append("[%5d.%06d] %s" % (int(self.t), int(self.t * 1e6) % 1000000, text))

    def filler(self, templates, count):
        rng = self.rng
        for _ in range(count):
            template = rng.choice(templates)
            self.k(template.format(a=rng.randrange(0x80000000, 0x9fffffff), n=rng.randrange(1, 999),
                                   name=rng.choice(["gpio-keys", "30370000.snvs:snvs-powerkey", "ad7879"])),
                   step=rng.uniform(0.0001, 0.02))


def uboot(b):
    rng = b.rng
    if rng.random() < 0.3:
        b.line("")
        b.line("U-Boot SPL 2018.03-2.1.0+git.%07x (Jun 12 2019 - 10:11:12 +0000)" % rng.randrange(16 ** 7))
        b.line("Trying to boot from MMC1")
    b.line("")
    b.line("U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)")
    b.line("")
    b.line("CPU:   Freescale i.MX7D rev1.3 996 MHz (running at 792 MHz)")
    b.line("CPU:   Extended Commercial temperature grade (-20C to 105C) at %dC" % rng.randrange(30, 60))
    b.line("Reset cause: %s" % rng.choice(["POR", "WDOG", "POR"]))
    b.line("I2C:   ready")
    b.line("DRAM:  512 MiB")
    b.line("PMIC:  RN5T567 LSIVER=0x01 OTPVER=0x0d")
    b.line("NAND:  512 MiB")
    b.line("MMC:   FSL_SDHC: 0")
    b.line("*** Warning - bad CRC, using default environment")
    b.line("")
    b.line("In:    serial")
    b.line("Out:   serial")
    b.line("Err:   serial")
    b.line("Model: Toradex Colibri iMX7 Dual 512MB V1.1D, Serial# %08d" % rng.randrange(10 ** 8))
    b.line("Net:   FEC0")
    b.line("Hit any key to stop autoboot:  0")
    b.line("ubi0: attaching mtd1")
    b.line("ubi0: scanning is finished")
    b.line("ubi0: attached mtd1 (name \"mtd=3\", size 508 MiB)")
    b.line("Read 0 bytes from volume m4firmware to 80800000")
    b.line("No size specified -> Using max size (%d)" % rng.randrange(200000, 300000))
    b.line("## Starting auxiliary core at 0x1FFF%04X ..." % rng.randrange(0x8000, 0x9000))
    b.line("Read 0 bytes from volume kernel to 81000000")
    b.line("No size specified -> Using max size (6688152)")
    b.line("Read 0 bytes from volume dtb to 82000000")
    b.line("No size specified -> Using max size (%d)" % rng.randrange(40000, 60000))
    b.line("Kernel image @ 0x81000000 [ 0x000000 - 0x660d98 ]")
    b.line("## Flattened Device Tree blob at 82000000")
    b.line("   Booting using the fdt blob at 0x82000000")
    b.line("   Loading Device Tree to 8fff1000, end 8ffff671 ... OK")
    b.line("   Updating MTD partitions...")
    b.line("")
    b.line("Starting kernel ...")
    b.line("")


def splat(b):
    rng = b.rng
    b.k("------------[ cut here ]------------", 0.3)
    b.k("WARNING: CPU: %d PID: %d at drivers/rpmsg/virtio_rpmsg_bus.c:%d %s+0x%x/0x%x"
        % (rng.randrange(2), rng.randrange(1, 2000), rng.randrange(100, 900), rng.choice(FUNCS), rng.randrange(0x400), rng.randrange(0x400, 0x800)))
    b.k("Modules linked in: imx_rpmsg_tty")
    b.k("CPU: 0 PID: %d Comm: kworker/0:1 Not tainted 4.14.98-0.0.0-devel #1" % rng.randrange(2000))
    b.k("Hardware name: Freescale i.MX7 Dual (Device Tree)")
    b.k("Workqueue: events rpmsg_work")
    for _ in range(rng.randrange(6, 12)):
        b.k("[<8%07x>] (%s) from [<8%07x>] (%s+0x%x/0x%x)" % (rng.randrange(16 ** 7), rng.choice(FUNCS), rng.randrange(16 ** 7), rng.choice(FUNCS), rng.randrange(0x200), rng.randrange(0x200, 0x400)))
    b.k("---[ end trace %016x ]---" % rng.randrange(16 ** 16))


def oops(b):
    rng = b.rng
    b.k("Unable to handle kernel NULL pointer dereference at virtual address 00000000", 0.4)
    b.k("pgd = 8%07x" % rng.randrange(16 ** 7))
    b.k("[00000000] *pgd=00000000")
    b.k("Internal error: Oops: 5 [#1] PREEMPT SMP ARM")
    b.k("Modules linked in: imx_rpmsg_tty")
    b.k("CPU: 1 PID: %d Comm: sh Not tainted 4.14.98-0.0.0-devel #1" % rng.randrange(2000))
    b.k("Hardware name: Freescale i.MX7 Dual (Device Tree)")
    b.k("PC is at rpmsg_send_offchannel_raw+0x2c/0x1e4")
    b.k("LR is at rpmsg_tty_write+0x58/0x88")
    for _ in range(8):
        b.k("[<8%07x>] (%s) from [<8%07x>] (%s)" % (rng.randrange(16 ** 7), rng.choice(FUNCS), rng.randrange(16 ** 7), rng.choice(FUNCS)))
    b.k("---[ end trace %016x ]---" % rng.randrange(16 ** 16))


def kernel(b):
    rng = b.rng
    b.t = 0.0
    b.out.append("[    0.000000] Booting Linux on physical CPU 0x0")
    b.k("Linux version 4.14.98-0.0.0-devel (oe-user@oe-host) (gcc version 7.3.0 (GCC)) #1 SMP PREEMPT Mon Jan 1 00:00:00 UTC 2019", 0)
    b.k("CPU: ARMv7 Processor [410fc075] revision 5 (ARMv7), cr=10c5387d", 0)
    b.k("OF: fdt: Machine model: Toradex Colibri iMX7D on Colibri Evaluation Board V3", 0)
    b.k("Memory policy: Data cache writealloc", 0)
    b.k("OF: reserved mem: initialized node linux,cma, compatible id shared-dma-pool", 0)
    b.k("Kernel command line: user_debug=30 ubi.mtd=ubi root=ubi0:rootfs rw rootfstype=ubifs ubi.fm_autoconvert=1 console=tty1 console=ttymxc0,115200n8 consoleblank=0", 0)
    b.filler(GENERIC_KERNEL[:30], rng.randrange(60, 90))
    b.k("imx rpmsg driver is registered.")
    b.k("MU is ready for cross core communication!")
    b.k("virtio_rpmsg_bus virtio0: rpmsg host is online")
    b.k("imx rpmsg driver is registered.")
    b.filler(GENERIC_KERNEL[30:70], rng.randrange(60, 90))
    b.k("30860000.serial: ttymxc0 at MMIO 0x30860000 (irq = 30, base_baud = 5000000) is a IMX")
    b.k("printk: console [ttymxc0] enabled", 0.01)
    b.k("30890000.serial: ttymxc1 at MMIO 0x30890000 (irq = 31, base_baud = 5000000) is a IMX")
    b.k("virtio_rpmsg_bus virtio0: creating channel rpmsg-openamp-demo-channel addr 0x1e", 0.05)
    b.filler(GENERIC_KERNEL[70:], rng.randrange(80, 120))
    if rng.random() < 0.04:
        INJECTED["warning"] += 1
        splat(b)
    b.k("clk: Disabling unused clocks", 0.02)
    b.k("ALSA device list:")
    b.k("  No soundcards found.")
    b.k("VFS: Mounted root (ubifs filesystem) on device 0:15.")
    b.k("Freeing unused kernel memory: 1024K")
    b.k("Run /sbin/init as init process", 0.03)
    b.k("systemd[1]: systemd 244.5+ running in system mode. (+PAM -AUDIT -SELINUX +IMA -APPARMOR -SMACK +SYSVINIT +UTMP -LIBCRYPTSETUP -GCRYPT)", 0.1)
    b.k("systemd[1]: Detected architecture arm.")


def userspace(b):
    rng = b.rng
    b.line("")
    b.line("Welcome to TDX Wayland with XWayland 5.7.6-devel-20210324+build.0 (dunfell)!")
    b.line("")
    for unit in SYSTEMD_UNITS:
        b.line("[  OK  ] %s" % unit)
        if rng.random() < 0.15:
            b.k(rng.choice(GENERIC_KERNEL[70:]).format(a=0, n=rng.randrange(999), name="gpio-keys"), rng.uniform(0.01, 0.2))
    if rng.random() < 0.05:
        b.line("[FAILED] Failed to start Network Time Synchronization.")
    b.line("")
    b.line("TDX Wayland with XWayland 5.7.6-devel-20210324+build.0 colibri-imx7 ttymxc0")
    b.line("")
    b.line("colibri-imx7 login: root")
    b.line("root@colibri-imx7:~# modprobe imx_rpmsg_tty")
    b.k("imx_rpmsg_tty virtio0.rpmsg-openamp-demo-channel.-1.30: new channel: 0x400 -> 0x1e!", rng.uniform(5, 20))
    b.k("Install rpmsg tty driver!")
    for _ in range(rng.randrange(1, 6)):
        word = "".join(rng.choice("abcdefghijklmnop") for _ in range(rng.randrange(3, 12)))
        b.line("root@colibri-imx7:~# echo %s > /dev/ttyRPMSG30" % word)
        b.line("root@colibri-imx7:~# cat /dev/ttyRPMSG30")
        b.line("%s" % word)
    b.line("root@colibri-imx7:~# uptime")
    b.line(" %02d:%02d:%02d up %d min,  1 user,  load average: %.2f, %.2f, %.2f"
           % (rng.randrange(24), rng.randrange(60), rng.randrange(60), rng.randrange(1, 59), rng.random(), rng.random(), rng.random()))
    b.line("root@colibri-imx7:~# ls /dev/tty*")
    for row in range(rng.randrange(3, 8)):
        b.line("  ".join("/dev/tty%d" % (row * 6 + c) for c in range(6)))
    b.line("root@colibri-imx7:~# ps")
    b.line("  PID USER       VSZ STAT COMMAND")
    for pid in range(1, rng.randrange(30, 50)):
        b.line("%5d root     %5d %s    %s" % (pid * 7, rng.randrange(0, 9000), rng.choice(["S ", "SW", "S<", "R "]),
                                             rng.choice(["/sbin/init", "[kthreadd]", "[ksoftirqd/0]", "[kworker/0:1]", "/lib/systemd/systemd-journald", "/sbin/agetty -o -p -- \\u --keep-baud 115200 ttymxc0 vt220", "-sh"])))
    b.line("root@colibri-imx7:~# cat /proc/cpuinfo | head -4")
    b.line("processor\t: 0")
    b.line("model name\t: ARMv7 Processor rev 5 (v7l)")
    b.line("BogoMIPS\t: 16.00")
    b.line("Features\t: half thumb fastmult vfp edsp neon vfpv3 tls vfpv4 idiva idivt vfpd32 lpae evtstrm")
    if rng.random() < 0.005:
        INJECTED["oops"] += 1
        oops(b)
    b.line("root@colibri-imx7:~# reboot")
    for unit in SHUTDOWN:
        b.line("[  OK  ] %s" % unit)
    b.k("systemd-shutdown[1]: Syncing filesystems and block devices.", rng.uniform(30, 300))
    b.k("systemd-shutdown[1]: Sending SIGTERM to remaining processes...")
    b.k("systemd-journald[%d]: Received SIGTERM from PID 1 (systemd-shutdown)." % rng.randrange(90, 200))
    b.k("systemd-shutdown[1]: Unmounting file systems.")
    b.k("UBIFS (ubi0:2): un-mount UBI device 0")
    b.k("systemd-shutdown[1]: All filesystems unmounted.")
    b.k("systemd-shutdown[1]: Rebooting.")
    b.k("reboot: Restarting system")


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: generate_log.py OUT SIZE_MB [SEED]")
    out_path, size = sys.argv[1], int(float(sys.argv[2]) * 1_000_000)
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    written = 0
    boots = 0
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        while written < size:
            lines = []
            boot = Boot(rng, lines, boots)
            uboot(boot)
            kernel(boot)
            userspace(boot)
            text = "\n".join(lines) + "\n"
            out.write(text)
            written += len(text.encode())
            boots += 1
    print("%s: %d bytes, %d boots, %d WARNING splats, %d Oopses"
          % (out_path, written, boots, INJECTED["warning"], INJECTED["oops"]))


if __name__ == "__main__":
    main()
