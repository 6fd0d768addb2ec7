/// The board `ampscope demo` replays, compiled into the binary so the demo needs no files.
/// It is samples/demo/colibri-imx7-clock-gating.board verbatim (a test keeps the two equal).
public enum DemoBoard {
    public static let fileName = "colibri-imx7-clock-gating.board"
    /// The fault the demo injects: the M4 stops when Linux gates unused clocks.
    public static let haltConsole = "m4"
    public static let haltTrigger = "a7:clk: Disabling unused clocks"

    public static let script = #"""
# Demo board: Colibri iMX7 (legacy flow: U-Boot bootaux + imx_rpmsg), with a user's M4 firmware
# that prints a heartbeat. A reconstruction from the strings in shared/DOMAIN.md, not a real capture.
# `ampscope demo` replays it with the fault: --halt m4 --when a7:'clk: Disabling unused clocks'
console a7 kind=application baud=115200
console m4 kind=microcontroller baud=115200
0.0000 a7 
0.0020 a7 U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)
0.0040 a7 
0.0100 a7 CPU:   Freescale i.MX7D rev1.3 996 MHz (running at 792 MHz)
0.0120 a7 CPU:   Extended Commercial temperature grade (-20C to 105C) at 43C
0.0140 a7 Reset cause: POR
0.2200 a7 DRAM:  512 MiB
0.4100 a7 PMIC:  RN5T567 LSIVER=0x01 OTPVER=0x0d
0.4800 a7 Model: Toradex Colibri iMX7 Dual 512MB V1.1D, Serial# 06413914
0.6200 a7 Net:   FEC0
0.6240 a7 Hit any key to stop autoboot:  0 
1.6400 a7 Read 0 bytes from volume m4firmware to 80800000
1.9100 a7 No size specified -> Using max size (296504)
1.9300 a7 ## Starting auxiliary core at 0x1FFF8311 ...
1.9330 m4 
1.9340 m4 RPMSG String Echo FreeRTOS RTOS API Demo...
1.9360 m4 RPMSG Init as Remote
2.2000 m4 [m4] heartbeat 1: adc=0x025
2.3100 a7 Read 0 bytes from volume kernel to 81000000
2.4500 m4 [m4] heartbeat 2: adc=0x04a
2.7000 m4 [m4] heartbeat 3: adc=0x06f
2.9500 m4 [m4] heartbeat 4: adc=0x094
3.1200 a7 No size specified -> Using max size (6688152)
3.2000 m4 [m4] heartbeat 5: adc=0x0b9
3.2600 a7 Read 0 bytes from volume dtb to 82000000
3.2800 a7 No size specified -> Using max size (47016)
3.3000 a7 Kernel image @ 0x81000000 [ 0x000000 - 0x660d98 ]
3.3020 a7 ## Flattened Device Tree blob at 82000000
3.3040 a7    Booting using the fdt blob at 0x82000000
3.3300 a7    Loading Device Tree to 8ffe6000, end 8fff47a7 ... OK
3.3520 a7    Updating MTD partitions...
3.3600 a7 
3.3610 a7 Starting kernel ...
3.3620 a7 
3.4500 m4 [m4] heartbeat 6: adc=0x0de
3.7000 m4 [m4] heartbeat 7: adc=0x103
3.9500 m4 [m4] heartbeat 8: adc=0x128
3.9504 a7 [    0.000000] Booting Linux on physical CPU 0x0
3.9504 a7 [    0.000000] Linux version 4.14.159-0.0.0-devel+git.7c1e3d4b8c95 (oe-user@oe-host) (gcc version 9.2.0 (GCC)) #1 SMP Tue Dec 15 13:15:07 UTC 2020
3.9504 a7 [    0.000000] CPU: ARMv7 Processor [410fc075] revision 5 (ARMv7), cr=10c5387d
3.9504 a7 [    0.000000] OF: fdt: Machine model: Toradex Colibri iMX7D on Colibri Evaluation Board V3
3.9504 a7 [    0.000000] Kernel command line: user_debug=30 ubi.mtd=ubi root=ubi0:rootfs rw rootfstype=ubifs ubi.fm_autoconvert=1 console=tty1 console=ttymxc0,115200n8 consoleblank=0
3.9504 a7 [    0.000000] Memory: 434168K/522240K available (9216K kernel code, 442K rwdata, 2560K rodata, 1024K init, 409K bss, 22136K reserved, 65536K cma-reserved, 0K highmem)
4.0450 a7 [    0.094612] imx rpmsg driver is registered.
4.0475 a7 [    0.097058] MU is ready for cross core communication!
4.0523 a7 [    0.101944] virtio_rpmsg_bus virtio0: rpmsg host is online
4.0685 m4 Name service handshake is done, M4 has setup a rpmsg channel [1 ---> 1024]
4.0686 a7 [    0.118232] virtio_rpmsg_bus virtio0: creating channel rpmsg-openamp-demo-channel addr 0x1
4.2000 m4 [m4] heartbeat 9: adc=0x14d
4.3736 a7 [    0.423224] printk: console [ttymxc0] enabled
4.4500 m4 [m4] heartbeat 10: adc=0x172
4.6525 a7 [    0.702131] 30860000.serial: ttymxc0 at MMIO 0x30860000 (irq = 26, base_baud = 5000000) is a IMX
4.7000 m4 [m4] heartbeat 11: adc=0x197
4.9500 m4 [m4] heartbeat 12: adc=0x1bc
5.1549 a7 [    1.204455] ubi0: attaching mtd1
5.2000 m4 [m4] heartbeat 13: adc=0x1e1
5.4500 m4 [m4] heartbeat 14: adc=0x206
5.6834 a7 [    1.733019] ubi0: attached mtd1 (name "ubi", size 126 MiB)
5.7000 m4 [m4] heartbeat 15: adc=0x22b
5.9500 m4 [m4] heartbeat 16: adc=0x250
6.0093 a7 [    2.058899] clk: Disabling unused clocks
6.0628 a7 [    2.112367] UBIFS (ubi0:2): mounted UBI device 0, volume 2, name "rootfs"
6.1519 a7 [    2.201532] VFS: Mounted root (ubifs filesystem) on device 0:14.
6.2000 m4 [m4] heartbeat 17: adc=0x275
6.2935 a7 [    2.343055] Run /sbin/init as init process
6.4187 a7 [    2.468269] systemd[1]: systemd 244.5+ running in system mode. (+PAM -AUDIT -SELINUX +IMA -APPARMOR -SMACK +SYSVINIT +UTMP -LIBCRYPTSETUP -GCRYPT -GNUTLS +ACL +XZ -LZ4 -SECCOMP +BLKID -ELFUTILS +KMOD -IDN2 -IDN -PCRE2 default-hierarchy=hybrid)
6.4500 m4 [m4] heartbeat 18: adc=0x29a
6.7000 m4 [m4] heartbeat 19: adc=0x2bf
6.9500 m4 [m4] heartbeat 20: adc=0x2e4
7.2000 m4 [m4] heartbeat 21: adc=0x309
7.4500 m4 [m4] heartbeat 22: adc=0x32e
7.7000 m4 [m4] heartbeat 23: adc=0x353
7.9500 m4 [m4] heartbeat 24: adc=0x378
8.0500 a7 
8.0510 a7 TDX Wayland 5.1.0 colibri-imx7 ttymxc0
8.0520 a7 
8.0530 a7 colibri-imx7 login: \c
8.2000 m4 [m4] heartbeat 25: adc=0x39d
8.4500 m4 [m4] heartbeat 26: adc=0x3c2
8.7000 m4 [m4] heartbeat 27: adc=0x3e7
8.9500 m4 [m4] heartbeat 28: adc=0x40c
9.2000 m4 [m4] heartbeat 29: adc=0x431
9.4500 m4 [m4] heartbeat 30: adc=0x456
9.7000 m4 [m4] heartbeat 31: adc=0x47b
9.9500 m4 [m4] heartbeat 32: adc=0x4a0
10.2000 m4 [m4] heartbeat 33: adc=0x4c5
10.3600 a7 [    6.410233] random: crng init done
"""#
}
