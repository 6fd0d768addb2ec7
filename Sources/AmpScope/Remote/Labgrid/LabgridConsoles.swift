import Foundation

/// Turns labgrid places into consoles: `--place PLACE` takes every serial port of the place,
/// each named by its resource name (an exporter's `a7` and `m4` become those consoles), and a
/// port written `labgrid:PLACE/RESOURCE` becomes that resource's ser2net address.
public enum LabgridConsoles {
    public static let scheme = "labgrid:"

    /// `(place, resource)` of `labgrid:PLACE/RESOURCE`; nil when the port is not a labgrid name.
    public static func name(of port: String) throws(LabgridError) -> (place: String, resource: String)? {
        guard port.hasPrefix(scheme) else { return nil }
        let rest = port.dropFirst(scheme.count)
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw .invalidName(text: port, reason: "expected a place and a resource name")
        }
        return (String(parts[0]), String(parts[1]))
    }

    /// Resolves every labgrid console in `requests` and adds those of `place`. The returned lease
    /// holds the consoles to capture and releases at the end what it acquired here.
    public static func resolve(
        _ requests: [ConsoleRequest], place: String?, acquire: Bool, client: LabgridClient,
        defaults: SerialSettings, report: (String) -> Void = { _ in }
    ) throws(LabgridError) -> LabgridLease {
        var places: [String] = place.map { [$0] } ?? []
        for request in requests {
            if let name = try name(of: request.port), !places.contains(name.place) { places.append(name.place) }
        }
        let lease = LabgridLease(client: client, consoles: requests)
        guard !places.isEmpty else { return lease }
        do throws(LabgridError) {
            var resolved: [String: LabgridPlace] = [:]
            for name in places {
                let shown = try use(name, acquire: acquire, client: client, lease: lease)
                resolved[name] = shown
                let ports = shown.serialPorts.map { "\($0.name) → \(address(of: $0, in: name) ?? "?")" }
                report("labgrid place \(name), held by \(shown.acquiredBy ?? "?"): \(ports.joined(separator: ", "))")
            }
            var consoles: [ConsoleRequest] = []
            var taken: Set<String> = []
            for request in requests {
                guard let name = try name(of: request.port) else { consoles.append(request); continue }
                let shown = resolved[name.place]!
                guard let resource = shown.serialPorts.first(where: { $0.name == name.resource }) else {
                    throw LabgridError.unknownResource(place: name.place, name: name.resource, available: shown.serialPorts.map(\.name))
                }
                consoles.append(try console(request.name, resource, in: name.place, settings: request.settings))
                taken.insert("\(name.place)/\(resource.name)")
            }
            if let place, let shown = resolved[place] {
                for resource in shown.serialPorts where !taken.contains("\(place)/\(resource.name)")
                    && !consoles.contains(where: { $0.name == resource.name }) {
                    do {
                        try ConsoleRequest.validateName(resource.name)
                    } catch {
                        throw LabgridError.invalidName(
                            text: "\(scheme)\(place)/\(resource.name)",
                            reason: "the resource name cannot name a console (\(error)); map it with --console NAME=\(scheme)\(place)/\(resource.name)")
                    }
                    consoles.append(try console(resource.name, resource, in: place, settings: defaults))
                }
            }
            lease.consoles = consoles
            return lease
        } catch {
            lease.release()
            throw error
        }
    }

    /// Shows the place, acquiring it first when asked and free; refuses one held by someone else.
    private static func use(_ name: String, acquire: Bool, client: LabgridClient, lease: LabgridLease) throws(LabgridError) -> LabgridPlace {
        var shown = try client.show(name)
        if shown.acquiredBy == nil {
            guard acquire else { throw .notAcquired(place: name) }
            try client.acquire(name)
            lease.acquired.append(name)
            shown = try client.show(name)
        }
        guard let owner = shown.acquiredBy else { throw .notAcquired(place: name) }
        guard owner == client.identity || shown.allowed.contains(client.identity) else {
            throw .heldByAnotherUser(place: name, owner: owner, you: client.identity)
        }
        guard !shown.serialPorts.isEmpty else { throw .noSerialPorts(place: name, resources: shown.resources.map(\.name)) }
        // The exporter starts ser2net when the place is acquired and publishes its port a moment later.
        let end = Date().addingTimeInterval(client.deadline)
        while shown.serialPorts.contains(where: { $0.port == nil }), Date() < end {
            Thread.sleep(forTimeInterval: 0.2)
            shown = try client.show(name)
        }
        if let missing = shown.serialPorts.first(where: { $0.port == nil }) {
            throw .portNotPublished(place: name, resource: missing.name)
        }
        return shown
    }

    private static func address(of resource: LabgridResource, in place: String) -> String? {
        guard let host = resource.host, let port = resource.port else { return nil }
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return "\(resource.isRawTCP ? "tcp" : "rfc2217")://\(bracketed):\(port)"
    }

    /// The console for one resource: its ser2net address, at the speed the lab configured for it.
    private static func console(_ consoleName: String, _ resource: LabgridResource, in place: String, settings: SerialSettings) throws(LabgridError) -> ConsoleRequest {
        if resource.proxyRequired {
            throw .proxyRequired(place: place, resource: resource.name, host: resource.host ?? "?")
        }
        guard let address = address(of: resource, in: place) else { throw .portNotPublished(place: place, resource: resource.name) }
        var settings = settings
        // The exporter configured the UART's speed; capturing at another would garble the console.
        if let speed = resource.speed { settings.baud = speed }
        return ConsoleRequest(name: consoleName, port: address, settings: settings)
    }
}

/// The consoles a labgrid resolution produced, and the places it acquired for them.
public final class LabgridLease: @unchecked Sendable {
    public internal(set) var consoles: [ConsoleRequest]
    public internal(set) var acquired: [String] = []
    private let client: LabgridClient

    init(client: LabgridClient, consoles: [ConsoleRequest]) {
        self.client = client
        self.consoles = consoles
    }

    /// Releases every place acquired here (never one the user held before); errors are returned
    /// as text for the summary, since the capture itself is already safe on disk.
    @discardableResult
    public func release() -> [String] {
        var problems: [String] = []
        for place in acquired.reversed() {
            do {
                try client.release(place)
            } catch {
                problems.append("could not release labgrid place \(place): \(error)")
            }
        }
        acquired = []
        return problems
    }
}
