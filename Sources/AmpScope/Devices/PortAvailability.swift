import SystemPackage

/// Whether a port can be opened right now by this user, and if not, why.
public struct PortAvailability: Sendable, Hashable, Codable {
    /// Processes that have the port open ("pid 812 (picocom -b 115200 /dev/ttyUSB0)"). Without
    /// root only this user's processes are visible.
    public var heldBy: [String]
    /// open(2) for read+write would pass the permission check.
    public var openable: Bool
    /// Why not, and what to do about it.
    public var reason: String?

    public init(heldBy: [String], openable: Bool, reason: String?) {
        self.heldBy = heldBy
        self.openable = openable
        self.reason = reason
    }

    public static func check(node: String, user: UserIdentity = .current()) -> PortAvailability {
        let holders = holders(of: node).filter { $0.pid != SystemIdentity.processID }.map(\.description)
        guard let denial = FileAccess.readWriteDenial(node) else {
            return PortAvailability(heldBy: holders, openable: true, reason: nil)
        }
        let code = denial.rawValue
        if denial == .permissionDenied || denial == .notPermitted, let access = DeviceNodeAccess.read(path: node) {
            return PortAvailability(heldBy: holders, openable: false,
                                    reason: PermissionAdvice.advice(for: access, user: user))
        }
        return PortAvailability(heldBy: holders, openable: false, reason: "\(node): \(errnoText(code))")
    }

    /// Holders of the node and, when the node is a link (a by-id name, a link of the user's own,
    /// umockdev's emulated nodes), of what it points to: /proc shows the target.
    static func holders(of node: String) -> [PortHolder] {
        var holders = PortHolders.holding(node)
        if let target = FileSystemProbe.symlinkTarget(node) {
            let absolute = target.hasPrefix("/") ? target : String(node[..<(node.lastIndex(of: "/") ?? node.endIndex)]) + "/" + target
            for holder in PortHolders.holding(absolute) where !holders.contains(holder) { holders.append(holder) }
        }
        return holders.sorted { $0.pid < $1.pid }
    }
}
