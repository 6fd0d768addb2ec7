import Foundation

/// What `ampscope ports` shows for one port: the adapter, whether it can be opened, and the
/// selector to bind a console to it.
public struct PortListing: Sendable, Hashable, Codable {
    public var adapter: SerialAdapter
    public var availability: PortAvailability
    public var selector: String

    public init(adapter: SerialAdapter, availability: PortAvailability, selector: String) {
        self.adapter = adapter
        self.availability = availability
        self.selector = selector
    }

    /// Every port present now.
    public static func current() throws(DeviceError) -> [PortListing] {
        let adapters = try SerialAdapters.list()
        let user = UserIdentity.current()
        return adapters.map { adapter in
            PortListing(
                adapter: adapter, availability: PortAvailability.check(node: adapter.node, user: user),
                selector: PortSelector.stable(for: adapter, among: adapters).description)
        }
    }

    /// A table that fits 80 columns: one row per port, then its identity and selector indented.
    public static func table(_ listings: [PortListing], width: Int = 80) -> String {
        guard !listings.isEmpty else {
            return "No serial ports found. Plug in the USB-serial adapter and check `dmesg | tail` for the name it got.\n"
        }
        let nodeWidth = max(12, listings.map(\.adapter.node.count).max() ?? 0)
        func row(_ cells: [(String, Int)], last: String) -> String {
            let text = cells.map { pad($0.0, $0.1) }.joined(separator: "  ") + "  " + last
            return fit(text, width)
        }
        var lines = [row([("PORT", nodeWidth), ("USB ID", 9), ("DRIVER", 9), ("LATENCY", 7), ("ACCESS", 6)], last: "ADAPTER")]
        for listing in listings {
            let adapter = listing.adapter
            let name = [adapter.manufacturer, adapter.product].compactMap { $0 }.joined(separator: " ")
            lines.append(row([
                (adapter.node, nodeWidth), (adapter.usbID ?? "-", 9), (adapter.driver ?? "-", 9),
                (adapter.latencyTimer.map { "\($0) ms" } ?? "-", 7), (listing.availability.status, 6),
            ], last: name.isEmpty ? "-" : name))
            lines.append(fit("    select \(listing.selector)", width))
            var identity: [String] = []
            if let serial = adapter.serial { identity.append("serial \(serial)") }
            if let interface = adapter.interfaceNumber { identity.append("interface \(interface)") }
            if !identity.isEmpty { lines.append(fit("    " + identity.joined(separator: ", "), width)) }
            if let byID = adapter.byID { lines.append(fit("    by-id \(SerialAdapter.baseName(byID))", width)) }
            if !listing.availability.heldBy.isEmpty {
                lines.append(fit("    held by " + listing.availability.heldBy.joined(separator: "; "), width))
            }
            if let reason = listing.availability.reason { lines.append(fit("    cannot open: \(reason)", width)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The listings as a JSON array, keys sorted, for scripts.
    public static func json(_ listings: [PortListing]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(listings)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// Cuts at `width` with an ellipsis; the JSON form always has the whole text.
    private static func fit(_ text: String, _ width: Int) -> String {
        let trimmed = String(text.reversed().drop(while: { $0 == " " }).reversed())
        guard trimmed.count > width else { return trimmed }
        return String(trimmed.prefix(width - 1)) + "…"
    }
}

extension PortAvailability {
    /// "ok", "busy" (another process has it) or "denied".
    var status: String {
        if !openable { return "denied" }
        return heldBy.isEmpty ? "ok" : "busy"
    }
}
