/// Where the RPMsg vrings live, as far as the facts say: the rpmsg node's `reg`, the
/// reserved-memory regions named for vrings, vdev buffers or the M-core, else the window the
/// Toradex/NXP i.MX7 FreeRTOS BSP compiles in (0x8FF00000–0x8FFFFFFF, vrings at 0x8FFF0000 and
/// 0x8FFF8000). /proc/iomem over that window says whether Linux treats it as its own RAM.
public struct VringWindow: Sendable, Hashable {
    public var start: UInt64
    public var end: UInt64
    /// Where the window comes from: a node path, or the BSP default.
    public var source: String

    public static let bspDefault = VringWindow(start: 0x8FF0_0000, end: 0x8FFF_FFFF, source: "the i.MX7 FreeRTOS BSP's vrings (default)")

    public var text: String { "0x\(String(start, radix: 16))-0x\(String(end, radix: 16))" }

    /// The windows the facts name, or the BSP default when they name none.
    public static func windows(_ facts: BoardFacts) -> [VringWindow] {
        var found: [VringWindow] = []
        for node in facts.deviceTreeNodes ?? [] where node.role == "rpmsg" {
            found += ranges(node.reg, source: node.path)
        }
        for node in facts.reservedMemory ?? [] {
            let name = node.name.lowercased()
            guard ["vring", "vdev", "rpmsg", "m4", "cm4"].contains(where: name.contains) else { continue }
            found += ranges(node.reg, source: node.path)
        }
        return found.isEmpty ? [bspDefault] : found
    }

    /// `reg` cells as (address, size) pairs of one cell each (i.MX7: #address-cells = #size-cells = 1).
    static func ranges(_ cells: [String], source: String) -> [VringWindow] {
        let values = cells.compactMap { UInt64($0.dropFirst(2), radix: 16) }
        return stride(from: 0, to: values.count - values.count % 2, by: 2).compactMap { index in
            guard values[index + 1] > 0 else { return nil }
            return VringWindow(start: values[index], end: values[index] + values[index + 1] - 1, source: source)
        }
    }

    /// /proc/iomem ranges overlapping any window.
    public static func iomemOverlapping(_ facts: BoardFacts) -> [IomemRange] {
        let windows = windows(facts)
        return (facts.iomem ?? []).filter { range in
            guard let start = UInt64(range.start.dropFirst(2), radix: 16), let end = UInt64(range.end.dropFirst(2), radix: 16) else { return false }
            return windows.contains { start <= $0.end && end >= $0.start }
        }
    }
}
