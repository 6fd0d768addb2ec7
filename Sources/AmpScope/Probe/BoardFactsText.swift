/// The facts as short plain lines, for `ampscope probe`'s output and the report's
/// "Facts from the board" section (which adds its own markup).
public enum BoardFactsText {
    public struct Item: Sendable, Hashable {
        public var label: String
        public var value: String
    }

    /// One item per fact, in the order a forum reader asks for them; long lists are shortened
    /// (the full data is in facts.json and report.json).
    public static func items(_ facts: BoardFacts, listLimit: Int = 12) -> [Item] {
        var items: [Item] = []
        func add(_ label: String, _ value: String?) { if let value { items.append(Item(label: label, value: value)) } }
        func list(_ values: [String]?, none: String) -> String? {
            guard let values else { return nil }
            if values.isEmpty { return none }
            let shown = values.prefix(listLimit).joined(separator: ", ")
            return values.count > listLimit ? shown + " (+\(values.count - listLimit) more)" : shown
        }
        add("kernel (uname -r)", facts.kernelRelease)
        add("device-tree model", facts.model)
        add("/proc/cmdline", facts.commandLine)
        if let nodes = facts.deviceTreeNodes {
            if nodes.isEmpty { add("device-tree rpmsg / M-core / remoteproc / mailbox nodes", "none") }
            for node in nodes { add("node \(node.path)", describe(node)) }
        }
        if let reserved = facts.reservedMemory {
            add("reserved-memory", reserved.isEmpty ? "no /reserved-memory node" : list(reserved.map { node in
                node.name + (node.reg.count >= 2 ? " [\(node.reg[0]) +\(node.reg[1])]" : "") + (node.noMap ? " no-map" : "")
            }, none: "none"))
        }
        add("modules (rpmsg, remoteproc, virtio)", list(facts.modules, none: "none loaded"))
        if let remoteprocs = facts.remoteprocs {
            if remoteprocs.isEmpty { add("remoteproc", "no /sys/class/remoteproc entries") }
            for rproc in remoteprocs {
                add("remoteproc \(rproc.instance)", "name \(rproc.name ?? "?"), state \(rproc.state ?? "?"), firmware \(rproc.firmware ?? "?")")
            }
        }
        add("/dev/ttyRPMSG*", list(facts.rpmsgTTYs, none: "none"))
        add("/sys/bus/rpmsg/devices", list(facts.rpmsgDevices, none: "none"))
        add("clocks (clk_summary)", list(facts.clocks, none: "no UART or M-core clock lines"))
        if facts.iomem != nil {
            let windows = VringWindow.windows(facts)
            let overlapping = VringWindow.iomemOverlapping(facts).map { "\($0.start)-\($0.end) \($0.name)" }
            add("/proc/iomem over the vring window \(windows.map(\.text).joined(separator: ", "))",
                list(overlapping, none: "nothing: Linux does not map it"))
        }
        if let merge = facts.dmesgMerge, merge.merged, merge.placedByUptime == true {
            add("dmesg", "\(merge.lines) lines; the capture began after the boot: \(merge.recoveredEvents) known kernel events from it are in the timeline, placed through /proc/uptime (\(facts.uptime.map { String(format: "%.2f s", $0) } ?? "?"))")
        } else if let merge = facts.dmesgMerge, merge.merged {
            add("dmesg", "\(merge.lines) lines; \(merge.missedByConsole) the console did not show live, \(merge.recoveredEvents) of them known events added to the timeline")
        } else if let merge = facts.dmesgMerge {
            add("dmesg", "\(merge.lines) lines; the capture saw none of this boot's kernel lines live (board already up), so they are not placed in the timeline")
        } else if let dmesg = facts.dmesg {
            add("dmesg", "\(dmesg.count) lines")
        }
        if let environment = facts.ubootEnvironment {
            for name in environment.keys.sorted() { add("U-Boot \(name)", environment[name]!) }
        }
        // Exit status 2 of a reading loop means "not there", already said by its fact line.
        for command in facts.commands where command.status != 0 && !(command.status == 2 && FactsParser.statusTwoMeansAbsent(command.id)) {
            add("'\(command.id)'", command.note ?? (command.status.map { "exit status \($0)" } ?? "did not finish"))
        }
        for problem in facts.problems { add("problem", problem) }
        return items
    }

    static func describe(_ node: DeviceTreeNode) -> String {
        var parts = ["status \(node.status ?? "okay (no status property)")"]
        if !node.compatible.isEmpty { parts.append("compatible \(node.compatible.joined(separator: " "))") }
        if !node.reg.isEmpty { parts.append("reg <\(node.reg.joined(separator: " "))>") }
        if !node.memoryRegion.isEmpty { parts.append("memory-region <\(node.memoryRegion.joined(separator: " "))>") }
        return parts.joined(separator: "; ")
    }

    /// `label: value` lines for a terminal.
    public static func plain(_ facts: BoardFacts) -> String {
        items(facts).map { "  \($0.label): \($0.value)" }.joined(separator: "\n")
    }
}
