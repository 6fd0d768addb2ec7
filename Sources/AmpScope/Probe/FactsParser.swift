/// Reads each probe command's output (the lines between its markers) into `BoardFacts`. The
/// loop commands print one record per line with a one-letter tag (`N` node, `P` property,
/// `R` remoteproc, `T` tty, `D` rpmsg device, `M` model), so the parse is exact.
enum FactsParser {
    /// Commands whose `exit 2` means "the thing read does not exist here" rather than a failure.
    static func statusTwoMeansAbsent(_ id: String) -> Bool {
        ["devicetree", "reserved-memory", "remoteproc", "rpmsg", "clocks"].contains(id)
    }

    static func absenceNote(_ id: String) -> String {
        switch id {
        case "devicetree": return "no /sys/firmware/devicetree on the target"
        case "reserved-memory": return "no /reserved-memory node in the device tree"
        case "remoteproc": return "no /sys/class/remoteproc (remoteproc not in this kernel)"
        case "rpmsg": return "no /sys/bus/rpmsg (rpmsg not in this kernel or not loaded)"
        case "clocks": return "debugfs is not mounted (mount -t debugfs none /sys/kernel/debug for the clock summary)"
        default: return "not present on the target"
        }
    }

    static func parse(_ id: String, output: [String], status: Int, into facts: inout BoardFacts) {
        let lines = output.map { $0.trimmingTrailingSpaces }
        switch id {
        case "uname": facts.kernelRelease = lines.first { !$0.isEmpty }
        case "cmdline": facts.commandLine = lines.filter { !$0.isEmpty }.joined(separator: " ")
        case "devicetree":
            guard status == 0 else { return }
            let (nodes, model) = nodes(lines)
            facts.deviceTreeNodes = nodes
            facts.model = model
            resolveMemoryRegions(&facts)
        case "reserved-memory":
            facts.reservedMemory = status == 0 ? nodes(lines).nodes : []
            resolveMemoryRegions(&facts)
        case "modules":
            facts.modules = lines.compactMap { line in
                guard let name = line.split(separator: " ").first.map(String.init) else { return nil }
                let lower = name.lowercased()
                return ["rpmsg", "rproc", "remoteproc", "virtio"].contains { lower.contains($0) } ? name : nil
            }
        case "remoteproc": facts.remoteprocs = status == 0 ? remoteprocs(lines) : []
        case "rpmsg":
            facts.rpmsgTTYs = tagged("T", lines)
            facts.rpmsgDevices = status == 0 ? tagged("D", lines) : []
        case "clocks": facts.clocks = status == 0 ? lines.filter { !$0.isEmpty } : nil
        case "iomem": facts.iomem = lines.compactMap(iomem)
        case "dmesg": facts.dmesg = lines
        case "uptime": facts.uptime = lines.first.flatMap { $0.split(separator: " ").first }.flatMap { Double($0) }
        default: break
        }
    }

    private static func tagged(_ tag: String, _ lines: [String]) -> [String] {
        lines.compactMap { $0.hasPrefix(tag + " ") ? String($0.dropFirst(tag.count + 1)) : nil }
    }

    static func nodes(_ lines: [String]) -> (nodes: [DeviceTreeNode], model: String?) {
        var nodes: [DeviceTreeNode] = []
        var model: String?
        for line in lines {
            if line.hasPrefix("M ") {
                model = String(line.dropFirst(2)).trimmingTrailingSpaces
            } else if line.hasPrefix("N ") {
                nodes.append(DeviceTreeNode(path: String(line.dropFirst(2))))
            } else if line.hasPrefix("P "), !nodes.isEmpty {
                let parts = line.dropFirst(2).split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
                let name = parts.first.map(String.init) ?? ""
                let value = parts.count > 1 ? String(parts[1]).trimmingTrailingSpaces : ""
                switch name {
                case "status": nodes[nodes.count - 1].status = value
                case "compatible": nodes[nodes.count - 1].compatible = value.split(separator: " ").map(String.init)
                case "reg": nodes[nodes.count - 1].reg = cells(value)
                case "memory-region": nodes[nodes.count - 1].memoryRegion = cells(value)
                case "phandle": nodes[nodes.count - 1].phandle = cells(value).first
                case "no-map": nodes[nodes.count - 1].noMap = true
                default: break
                }
            }
        }
        return (nodes, model)
    }

    /// `8fff000000010000` → [0x8fff0000, 0x00010000]: big-endian 32-bit cells.
    static func cells(_ hex: String) -> [String] {
        let digits = Array(hex.lowercased().filter(\.isHexDigit))
        return stride(from: 0, to: digits.count - digits.count % 8, by: 8).map { "0x" + String(digits[$0..<$0 + 8]) }
    }

    /// memory-region phandles → the names of the reserved-memory nodes that carry them.
    static func resolveMemoryRegions(_ facts: inout BoardFacts) {
        guard let reserved = facts.reservedMemory, var nodes = facts.deviceTreeNodes else { return }
        let names = Dictionary(reserved.compactMap { node in node.phandle.map { ($0, node.name) } }, uniquingKeysWith: { first, _ in first })
        for index in nodes.indices {
            nodes[index].memoryRegion = nodes[index].memoryRegion.map { names[$0] ?? $0 }
        }
        facts.deviceTreeNodes = nodes
    }

    static func remoteprocs(_ lines: [String]) -> [RemoteprocFact] {
        var found: [RemoteprocFact] = []
        for line in lines {
            if line.hasPrefix("R ") {
                found.append(RemoteprocFact(instance: String(line.dropFirst(2))))
            } else if line.hasPrefix("P "), !found.isEmpty {
                let parts = line.dropFirst(2).split(separator: " ", maxSplits: 1)
                let value = parts.count > 1 ? String(parts[1]).trimmingTrailingSpaces : ""
                switch parts.first {
                case "name": found[found.count - 1].name = value
                case "state": found[found.count - 1].state = value
                case "firmware": found[found.count - 1].firmware = value
                default: break
                }
            }
        }
        return found
    }

    /// `  80208000-811fffff : Kernel code`.
    static func iomem(_ line: String) -> IomemRange? {
        let depth = line.prefix { $0 == " " }.count / 2
        let parts = line.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let range = parts[0].split(separator: "-")
        guard range.count == 2 else { return nil }
        let start = range[0].filter(\.isHexDigit), end = range[1].filter(\.isHexDigit)
        guard !start.isEmpty, !end.isEmpty else { return nil }
        return IomemRange(start: "0x" + start, end: "0x" + end, name: parts[1].drop { $0 == " " }.trimmingTrailingSpaces, depth: depth)
    }

    /// The variables that matter for the M-core from `printenv`'s `name=value` lines.
    static func ubootEnvironment(_ lines: [String]) -> [String: String] {
        var environment: [String: String] = [:]
        let always: Set<String> = ["bootcmd", "bootargs", "defargs", "fdt_file", "fdtfile", "fdt_board", "bootdelay", "fdt_addr_r"]
        for line in lines {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let name = String(line[..<equals])
            let lower = name.lowercased()
            guard always.contains(lower) || ["m4", "aux", "rpmsg", "fdt_fixup", "rproc"].contains(where: lower.contains) else { continue }
            environment[name] = String(line[line.index(after: equals)...])
        }
        return environment
    }
}
