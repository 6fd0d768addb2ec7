import Foundation
@testable import AmpScope
@testable import AmpScopeTestSupport

/// A boot written as the two consoles' lines with host times (seconds), classified by the real
/// built-in parser definitions and assembled into a `BootTimeline` the way the timeline stage
/// shapes it: events in line order per lane, first and last lines, the boot's duration.
struct BootScript {
    enum Side { case a7, m4 }

    struct ScriptLine {
        var side: Side
        var time: Double
        var text: String
    }

    var lines: [ScriptLine]
    var alignment: ConsoleAlignment.Method = .hostClock
    var endsWithInput = true
    var boundary: BootBoundary = .inputStart
    /// false: the console's lines carry no times at all (a plain log without stamps).
    var a7Timed = true
    var m4Timed = true
    var withM4Console = true
    var activity: [LaneActivity] = []

    static let classifier = try! Classifier(definitions: DefinitionLoader.builtin())
    static let diagnoser = try! Diagnoser.builtin()

    var consoles: [TimelineConsole] {
        [TimelineConsole(id: 0, name: "a7", kind: .application)]
            + (withM4Console ? [TimelineConsole(id: 1, name: "m4", kind: .microcontroller)] : [])
    }

    func removing(_ parts: String...) -> BootScript {
        var copy = self
        copy.lines.removeAll { line in parts.contains { line.text.contains($0) } }
        return copy
    }

    /// Only the lines before `seconds` on one side (the console stopped there).
    func cut(_ side: Side, after seconds: Double) -> BootScript {
        var copy = self
        copy.lines.removeAll { $0.side == side && $0.time > seconds }
        return copy
    }

    func adding(_ side: Side, _ time: Double, _ text: String) -> BootScript {
        var copy = self
        copy.lines.append(ScriptLine(side: side, time: time, text: text))
        return copy
    }

    func with(_ change: (inout BootScript) -> Void) -> BootScript {
        var copy = self
        change(&copy)
        return copy
    }

    func boot() -> BootTimeline {
        var lanes: [ConsoleLane] = []
        for (console, side) in [(UInt16(0), Side.a7), (UInt16(1), Side.m4)] {
            let timed = side == .a7 ? a7Timed : m4Timed
            let own = lines.filter { $0.side == side }.sorted { $0.time < $1.time }
            guard !own.isEmpty, side == .a7 || withM4Console else { continue }
            var lane = ConsoleLane(console: console)
            for (index, line) in own.enumerated() {
                let placement = timed
                    ? TimelinePlacement(time: Int64((line.time * 1e9).rounded()), uncertainty: 100_000, source: .host)
                    : .orderOnly
                let reference = LineReference(console: console, lineNumber: index + 1, byteOffset: UInt64(index * 80), placement: placement, text: line.text)
                if lane.firstLine == nil { lane.firstLine = reference }
                lane.lastLine = reference
                lane.lineCount += 1
                let kind: ConsoleKind = side == .a7 ? .application : .microcontroller
                let bytes = Array(line.text.utf8)
                let match = bytes.withUnsafeBytes { Self.classifier.classify($0, consoleKind: kind) }
                guard let match else { continue }
                let definition = Self.classifier.definitions[match.definitionIndex]
                let event = Event(
                    definitionID: definition.id, name: definition.event, severity: definition.severity, phase: definition.phase,
                    isKey: definition.isKey, console: console, lineNumber: index + 1, byteOffset: UInt64(index * 80),
                    firstByteTime: 0, endTime: 0, targetTime: match.targetTime, fields: match.fields, text: match.text)
                lane.events.append(TimelineEvent(event: TimelineEventRecord(event), placement: placement))
            }
            lanes.append(lane)
        }
        let times = lanes.compactMap { $0.lastLine?.placement.time }
        let statement = alignment == .hostClock ? "both consoles stamped by one host clock" : "no common clock: consoles shown side by side"
        return BootTimeline(
            index: 1, boundary: boundary, hostStart: nil, wallClockStart: nil, duration: times.max(), lanes: lanes,
            alignment: ConsoleAlignment(method: alignment, uncertainty: alignment == .hostClock ? 200_000 : 0, statement: statement),
            kernelClock: nil, facts: BootFacts(endsWithInput: endsWithInput, lineCount: lines.count))
    }

    func diagnose() -> BootDiagnosis {
        Self.diagnoser.diagnose(boot(), consoles: consoles, activity: activity)
    }

    /// Rule ids of the warning and error findings, in the diagnosis's order.
    func problems() -> [String] {
        diagnose().findings.filter { $0.severity >= .warning }.map(\.rule)
    }
}

extension BootScript {
    private static func a7(_ time: Double, _ text: String) -> ScriptLine { ScriptLine(side: .a7, time: time, text: text) }
    private static func m4(_ time: Double, _ text: String) -> ScriptLine { ScriptLine(side: .m4, time: time, text: text) }

    /// Flow A, healthy: U-Boot reads the FreeRTOS pingpong firmware from UBI and starts it with
    /// bootaux, Linux's legacy imx_rpmsg links up during the kernel boot, and after login the
    /// user loads imx_rpmsg_pingpong (strings: shared/DOMAIN.md §1.1, §1.4–§1.6, §1.9).
    static let healthyLegacy = BootScript(lines: [
        a7(0.000, "U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)"),
        a7(0.004, "CPU:   Freescale i.MX7D rev1.3 996 MHz (running at 792 MHz)"),
        a7(0.010, "DRAM:  512 MiB"),
        a7(0.080, "Model: Toradex Colibri iMX7 Dual 512MB V1.1D, Serial# 06413914"),
        a7(1.050, "Hit any key to stop autoboot:  0"),
        a7(1.210, "Read 0 bytes from volume m4firmware to 80800000"),
        a7(1.212, "No size specified -> Using max size (296504)"),
        a7(1.420, "## Starting auxiliary core at 0x1FFF80BD ..."),
        a7(2.310, "Kernel image @ 0x81000000 [ 0x000000 - 0x660d98 ]"),
        a7(2.312, "## Flattened Device Tree blob at 82000000"),
        a7(2.313, "   Booting using the fdt blob at 0x82000000"),
        a7(2.330, "   Loading Device Tree to 9ef1f000, end 9ef2f671 ... OK"),
        a7(2.331, "   Updating MTD partitions..."),
        a7(2.340, "Starting kernel ..."),
        a7(2.790, "[    0.000000] Booting Linux on physical CPU 0x0"),
        a7(2.791, "[    0.000000] Linux version 4.14.159-5.7.6+git.bd3e1b1b6d6b (oe-user@oe-host) #1 SMP"),
        a7(2.792, "[    0.000000] Kernel command line: user_debug=30 ubi.mtd=ubi root=ubi0:rootfs rootfstype=ubifs console=ttymxc0,115200n8"),
        a7(2.890, "[    0.097058] imx rpmsg driver is registered."),
        a7(2.960, "[    0.165012] MU is ready for cross core communication!"),
        a7(2.962, "[    0.167224] virtio_rpmsg_bus virtio0: rpmsg host is online"),
        a7(2.975, "[    0.180109] virtio_rpmsg_bus virtio0: creating channel rpmsg-openamp-demo-channel addr 0x1e"),
        a7(3.215, "[    0.423224] printk: console [ttymxc0] enabled"),
        a7(3.230, "[    0.436120] 30860000.serial: ttymxc0 at MMIO 0x30860000 (irq = 30, base_baud = 1500000) is a IMX"),
        a7(4.850, "[    2.058899] clk: Disabling unused clocks"),
        a7(5.135, "[    2.343055] Run /sbin/init as init process"),
        a7(5.260, "[    2.468269] systemd[1]: systemd 244.5+ running in system mode. (+PAM -AUDIT)"),
        a7(12.400, "colibri-imx7 login: root"),
        a7(21.000, "[   18.201436] imx_rpmsg_pingpong virtio0.rpmsg-openamp-demo-channel.-1.30: new channel: 0x400 -> 0x1e!"),
        a7(21.004, "[   18.205011] get 1 (src: 0x1e)"),
        a7(21.120, "[   18.321000] get 101 (src: 0x1e)"),
        a7(21.121, "[   18.322000] imx_rpmsg_pingpong virtio0.rpmsg-openamp-demo-channel.-1.30: goodbye!"),
        m4(1.430, "RPMSG PingPong FreeRTOS RTOS API Demo..."),
        m4(1.431, "RPMSG Init as Remote"),
        m4(2.980, "Name service handshake is done, M4 has setup a rpmsg channel [30 ---> 1024]"),
        m4(21.002, "Get Data From Master Side : 0"),
        m4(21.119, "Get Data From Master Side : 100"),
    ])

    /// Flow B, healthy: U-Boot starts no M-core; after login the user starts a Zephyr OpenAMP
    /// echo firmware through remoteproc (Zephyr colibri_imx7d doc; DOMAIN.md §1.7, §3 timings).
    static let healthyRemoteproc = BootScript(lines: [
        a7(0.000, "U-Boot 2020.07-5.7.6+git.7b17b83ca4bf (Jan 01 2022 - 00:00:00 +0000)"),
        a7(0.010, "DRAM:  1 GiB"),
        a7(1.050, "Hit any key to stop autoboot:  0"),
        a7(2.100, "Starting kernel ..."),
        a7(2.550, "[    0.000000] Booting Linux on physical CPU 0x0"),
        a7(2.551, "[    0.000000] OF: fdt: Machine model: Toradex Colibri iMX7D 1GB (eMMC) on Colibri Evaluation Board V3"),
        a7(2.552, "[    0.000000] Kernel command line: console=ttymxc0,115200n8 root=/dev/mmcblk0p2 rootwait"),
        a7(2.975, "[    0.423224] printk: console [ttymxc0] enabled"),
        a7(3.950, "[    1.399211] remoteproc remoteproc0: imx-rproc is available"),
        a7(4.610, "[    2.058899] clk: Disabling unused clocks"),
        a7(4.895, "[    2.343055] Run /sbin/init as init process"),
        a7(10.760, "[    8.198064] Generic PHY 30be0000.ethernet-1:00: attached PHY driver"),
        a7(12.300, "colibri-imx7-emmc login: root"),
        a7(40.000, "[   37.449938] remoteproc remoteproc0: powering up imx-rproc"),
        a7(40.012, "[   37.461102] remoteproc remoteproc0: Booting fw image zephyr.elf, size 533064"),
        a7(40.082, "[   37.531395] virtio_rpmsg_bus virtio0: rpmsg host is online"),
        a7(40.083, "[   37.532120] remoteproc0#vdev0buffer: registered virtio0 (type 7)"),
        a7(40.094, "[   37.543806] virtio_rpmsg_bus virtio0: creating channel rpmsg-tty addr 0x400"),
        a7(40.120, "[   37.569822] remoteproc remoteproc0: remote processor imx-rproc is now up"),
        a7(50.000, "root@colibri-imx7-emmc:~# "),
        m4(40.030, "*** Booting Zephyr OS build v3.6.0 ***"),
        m4(40.031, "Starting application thread!"),
        m4(40.032, "OpenAMP remote echo demo started"),
        m4(45.000, "echo message: hello world!"),
    ])
}
