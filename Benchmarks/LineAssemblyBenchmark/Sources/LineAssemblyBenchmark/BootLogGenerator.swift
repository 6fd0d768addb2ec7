/// A deterministic i.MX7D-like console stream: U-Boot lines, printk lines with varying
/// timestamps, systemd lines with ANSI colours, M4 lines ending in CR LF, a few UTF-8 characters.
/// About 60 bytes per line, like the logs in research/perf-baselines.md.
struct BootLogGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static let kernel = [
        "Booting Linux on physical CPU 0x0",
        "Memory policy: Data cache writealloc",
        "imx rpmsg driver is registered.",
        "virtio_rpmsg_bus virtio0: creating channel rpmsg-openamp-demo-channel addr 0x1e",
        "imx_rpmsg_tty virtio0.rpmsg-openamp-demo-channel.-1.30: new channel: 0x400 -> 0x1e!",
        "30860000.serial: ttymxc0 at MMIO 0x30860000 (irq = 30, base_baud = 1500000) is a IMX",
        "clk: Disabling unused clocks",
        "imx7d-cpu-thermal: temperature 42.5°C",
        "EXT4-fs (mmcblk0p2): mounted filesystem with ordered data mode. Opts: (null)",
    ]
    private static let uboot = [
        "U-Boot 2018.03 (Nov 25 2026 - 10:00:00 +0000)",
        "DRAM:  512 MiB",
        "## Starting auxiliary core at 0x1FFF80BD ...",
        "Hit any key to stop autoboot:  0",
    ]
    private static let m4 = [
        "RPMSG String Echo FreeRTOS RTOS API Demo...",
        "Get Message From Master Side : \"hello world!\" [len : 12]",
        "Name service handshake is done, M4 has setup a rpmsg channel [1 ---> 1024]",
    ]

    /// Fills `count` bytes (cut at a line end when possible, then padded with text).
    mutating func generate(count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count + 256)
        var seconds = 0
        var micros = 0
        while out.count < count {
            let pick = next() % 100
            switch pick {
            case 0..<70:
                micros += Int(next() % 40_000)
                if micros >= 1_000_000 { seconds += 1; micros -= 1_000_000 }
                let secondsText = String(seconds)
                let microsText = String(micros)
                out += Array("[\(String(repeating: " ", count: max(0, 5 - secondsText.count)))\(secondsText).\(String(repeating: "0", count: 6 - microsText.count))\(microsText)] ".utf8)
                out += Array(Self.kernel[Int(next() % UInt64(Self.kernel.count))].utf8)
                out.append(0x0A)
            case 70..<80:
                out += Array("[\u{1B}[0;32m  OK  \u{1B}[0m] Started \u{1B}[0;1;39mService \(next() % 97)\u{1B}[0m.\n".utf8)
            case 80..<90:
                out += Array(Self.uboot[Int(next() % UInt64(Self.uboot.count))].utf8)
                out.append(0x0A)
            default:
                out += Array(Self.m4[Int(next() % UInt64(Self.m4.count))].utf8)
                out += [0x0D, 0x0A]
            }
        }
        out.removeLast(out.count - count)
        return out
    }
}
