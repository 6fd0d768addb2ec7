/// What the probe read from the board over its Linux shell: plain data, written beside the
/// session as `facts.json` (docs/session-format.md) and carried into the timeline, the rules
/// and the report. A field that is nil was not collected (the command failed, timed out or the
/// probe stopped before it); an empty list was collected and is empty.
public struct BoardFacts: Sendable, Hashable, Codable {
    public static let currentFormat = "ampscope-facts/1"

    public var format: String
    /// The console the probe asked (its role name, e.g. `a7`).
    public var console: String
    /// CLOCK_MONOTONIC ns when the probe typed its first and saw its last command's end.
    public var started: UInt64?
    public var finished: UInt64?
    /// `uname -r`.
    public var kernelRelease: String?
    /// /proc/cmdline.
    public var commandLine: String?
    /// The device tree's `model`.
    public var model: String?
    /// rpmsg, M-core, remoteproc and mailbox (MU) nodes under /sys/firmware/devicetree/base.
    public var deviceTreeNodes: [DeviceTreeNode]?
    /// Children of /reserved-memory.
    public var reservedMemory: [DeviceTreeNode]?
    /// Loaded modules whose name mentions rpmsg, rproc/remoteproc or virtio (from /proc/modules).
    public var modules: [String]?
    public var remoteprocs: [RemoteprocFact]?
    /// /dev/ttyRPMSG* device nodes.
    public var rpmsgTTYs: [String]?
    /// /sys/bus/rpmsg/devices entries (channels Linux created).
    public var rpmsgDevices: [String]?
    /// clk_summary lines of UART, MU and M-core clocks; nil when debugfs is not mounted.
    public var clocks: [String]?
    /// /proc/iomem lines.
    public var iomem: [IomemRange]?
    /// /proc/uptime's first field (seconds since boot, 10 ms resolution), and the CLOCK_MONOTONIC
    /// ns (capture's clock) at which its answer arrived.
    public var uptime: Double?
    public var uptimeReadAt: UInt64?
    /// The kernel ring buffer as `dmesg` printed it (in facts.json; left out of the timeline's copy).
    public var dmesg: [String]?
    /// How the dmesg listing compared with what the live console showed (the timeline's copy).
    public var dmesgMerge: DmesgMerge?
    /// U-Boot variables read with `printenv` before the boot went on (`--uboot-probe`): bootcmd,
    /// bootargs/defargs, fdt_file and every variable naming the M-core (m4, aux, rpmsg, fdt_fixup).
    public var ubootEnvironment: [String: String]?
    /// Every command as typed (the marker echoes left out), with its exit status.
    public var commands: [ProbeCommandResult]
    /// What went wrong (time-outs, a login refused): said in the report as it is.
    public var problems: [String]

    public init(console: String) {
        format = Self.currentFormat
        self.console = console
        commands = []
        problems = []
    }

    /// Whether anything beyond the command list was collected.
    public var isEmpty: Bool {
        kernelRelease == nil && commandLine == nil && deviceTreeNodes == nil && reservedMemory == nil && modules == nil
            && remoteprocs == nil && rpmsgTTYs == nil && rpmsgDevices == nil && clocks == nil && iomem == nil && dmesg == nil && dmesgMerge == nil
            && ubootEnvironment == nil
    }
}

public struct DmesgMerge: Sendable, Hashable, Codable {
    public var lines: Int
    /// printk lines the live console never showed (before the console was enabled, below its loglevel).
    public var missedByConsole: Int
    /// Of those, lines the parsers know, added to the kernel lane at their printk time.
    public var recoveredEvents: Int

    /// Whether the live console showed this boot's kernel, so dmesg could be compared with it.
    public var merged: Bool
    /// The console showed none of this boot's kernel; its lines were placed through /proc/uptime.
    public var placedByUptime: Bool?
    /// The first of the missed lines (at most 20), as printed by dmesg.
    public var missedSamples: [String]

    public init(lines: Int, missedByConsole: Int, recoveredEvents: Int, merged: Bool, missedSamples: [String] = []) {
        self.merged = merged
        self.missedSamples = missedSamples
        self.lines = lines
        self.missedByConsole = missedByConsole
        self.recoveredEvents = recoveredEvents
    }
}

/// One device-tree node as /sys/firmware/devicetree shows it.
public struct DeviceTreeNode: Sendable, Hashable, Codable {
    /// Path below /sys/firmware/devicetree/base, e.g. `/soc/aips-bus@30800000/rpmsg`.
    public var path: String
    /// `okay`, `disabled`; nil when the node has no status property (which means okay).
    public var status: String?
    public var compatible: [String]
    /// `reg` as 32-bit cells in hex (`0x8fff0000`), as the kernel stores them (big-endian).
    public var reg: [String]
    /// `memory-region` phandles resolved to reserved-memory node names where possible.
    public var memoryRegion: [String]
    /// The node's own phandle (hex), so memory-region references can be resolved.
    public var phandle: String?
    public var noMap: Bool

    public init(path: String, status: String? = nil, compatible: [String] = [], reg: [String] = [], memoryRegion: [String] = [],
                phandle: String? = nil, noMap: Bool = false) {
        self.path = path
        self.status = status
        self.compatible = compatible
        self.reg = reg
        self.memoryRegion = memoryRegion
        self.phandle = phandle
        self.noMap = noMap
    }

    /// The last path component (`rpmsg`, `imx7d-cm4`, `vdev0vring0@90000000`).
    public var name: String { path.split(separator: "/").last.map(String.init) ?? path }

    /// Which class of AMP node this is, for the rule facts: rpmsg, remoteproc, mailbox or m4.
    public var role: String {
        let lower = name.lowercased() + " " + compatible.joined(separator: " ").lowercased()
        if lower.contains("rpmsg") { return "rpmsg" }
        if lower.contains("rproc") || lower.contains("remoteproc") { return "remoteproc" }
        if name.hasPrefix("mailbox@") || lower.contains(",imx") && lower.contains("-mu") { return "mailbox" }
        return "m4"
    }
}

public struct RemoteprocFact: Sendable, Hashable, Codable {
    /// `remoteproc0`.
    public var instance: String
    public var name: String?
    /// `offline`, `running`, `crashed`, `suspended`, `attached`, ...
    public var state: String?
    public var firmware: String?

    public init(instance: String, name: String? = nil, state: String? = nil, firmware: String? = nil) {
        self.instance = instance
        self.name = name
        self.state = state
        self.firmware = firmware
    }
}

public struct IomemRange: Sendable, Hashable, Codable {
    public var start: String
    public var end: String
    public var name: String
    /// Nesting depth (two spaces per level in /proc/iomem).
    public var depth: Int

    public init(start: String, end: String, name: String, depth: Int) {
        self.start = start
        self.end = end
        self.name = name
        self.depth = depth
    }
}

public struct ProbeCommandResult: Sendable, Hashable, Codable {
    /// The script entry (`cmdline`, `devicetree`, ...).
    public var id: String
    /// The command as typed between the markers.
    public var command: String
    /// Exit status; nil when the command did not finish.
    public var status: Int?
    public var outputLines: Int
    /// `not found on the target`, `timed out after 30 s`, ...
    public var note: String?

    public init(id: String, command: String, status: Int?, outputLines: Int, note: String? = nil) {
        self.id = id
        self.command = command
        self.status = status
        self.outputLines = outputLines
        self.note = note
    }
}
