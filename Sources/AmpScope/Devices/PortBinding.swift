/// A console's port as the user named it, and the device it names right now.
public struct PortBinding: Sendable, Hashable {
    public var selector: PortSelector
    /// The path to open: the adapter's node, or the path as given for ports udev does not list.
    public var node: String
    /// The USB adapter behind it, when udev knows one.
    public var adapter: SerialAdapter?

    public init(selector: PortSelector, node: String, adapter: SerialAdapter?) {
        self.selector = selector
        self.node = node
        self.adapter = adapter
    }

    /// Resolves one port against a listing of the adapters.
    public static func resolve(_ port: String, among adapters: [SerialAdapter]) throws(DeviceError) -> PortBinding {
        let selector = try PortSelector.parse(port)
        let adapter = try selector.resolve(in: adapters)
        if case .remote(let endpoint) = selector {
            // Nothing to look up locally; the name is what two consoles must not share.
            return PortBinding(selector: selector, node: endpoint.description, adapter: nil)
        }
        if case .device(let path) = selector {
            // Open the path the user gave (it may be a link of their own), but record the adapter.
            return PortBinding(selector: selector, node: path, adapter: adapter)
        }
        // resolve() throws unless exactly one adapter matches an identity selector.
        return PortBinding(selector: selector, node: adapter?.node ?? port, adapter: adapter)
    }

    /// The adapters to resolve `ports` against: listed once, and only read through libudev when a
    /// port needs it or udev works (plain paths must work without /sys and libudev).
    public static func adapters(for ports: [String]) throws(DeviceError) -> [SerialAdapter] {
        let needsUdev = ports.contains { port in
            switch (try? PortSelector.parse(port)) ?? .device(port) {
            case .device, .remote: return false
            default: return true
            }
        }
        do {
            return try SerialAdapters.list()
        } catch {
            if needsUdev { throw error }
            return []
        }
    }

    /// The network end, for a console exported by ser2net.
    public var remote: RemoteEndpoint? {
        if case .remote(let endpoint) = selector { return endpoint }
        return nil
    }

    /// Whether an adapter that just appeared is this console's (the same selector matches it).
    public func isReturning(_ candidate: SerialAdapter) -> Bool {
        selector.matches(candidate)
    }
}
