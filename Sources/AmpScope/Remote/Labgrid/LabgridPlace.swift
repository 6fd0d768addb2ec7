import Foundation

/// A labgrid place as `labgrid-client -p PLACE show` describes it: who holds it, and, while it
/// is acquired, each resource with the parameters its exporter published.
public struct LabgridPlace: Sendable, Equatable {
    public var name: String
    /// `HOST/USER` of whoever acquired it; nil while it is free.
    public var acquiredBy: String?
    /// `HOST/USER` entries the owner allowed to use it too (`labgrid-client allow`).
    public var allowed: [String]
    public var resources: [LabgridResource]

    /// The network serial ports among the acquired resources, in the order labgrid lists them.
    public var serialPorts: [LabgridResource] { resources.filter { $0.className == "NetworkSerialPort" } }
}

/// One acquired resource: `exporter/group/class/name` and its published parameters.
public struct LabgridResource: Sendable, Equatable {
    /// The name the place uses (a match's rename, else the exporter's resource name).
    public var name: String
    public var path: String
    public var className: String
    public var parameters: PythonLiteral

    /// The host and TCP port ser2net listens on for this serial resource, its speed and whether
    /// it speaks RFC 2217; nil port: the exporter has not started ser2net (the place is not
    /// acquired, or the exporter lost the port).
    public var host: String? { parameters["params"]?["host"]?.string }
    public var port: Int? { parameters["params"]?["port"]?.integer }
    public var speed: Int? { parameters["params"]?["speed"]?.integer }
    public var isRawTCP: Bool { parameters["params"]?["protocol"]?.string == "raw" }
    /// Set when the exporter is reachable only through an SSH proxy (`labgrid-exporter -i`).
    public var proxyRequired: Bool { parameters["params"]?["extra"]?["proxy_required"]?.boolean == true }
}

extension LabgridPlace {
    /// Reads the text `labgrid-client -p NAME show` prints (labgrid's `Place.show` and the client's
    /// `print_place`, labgrid 23 to 26).
    public static func parse(show text: String) throws(LabgridError) -> LabgridPlace {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let header = lines.first(where: { $0.hasPrefix("Place '") }), let name = quotedName(header) else {
            throw .unreadableOutput(command: "show", reason: "no \"Place '…':\" line", output: text)
        }
        var place = LabgridPlace(name: name, acquiredBy: nil, allowed: [], resources: [])
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            if line.hasPrefix("  acquired: ") {
                let owner = String(line.dropFirst("  acquired: ".count))
                place.acquiredBy = owner == "None" ? nil : owner
            } else if line.hasPrefix("  allowed: ") {
                place.allowed = line.dropFirst("  allowed: ".count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            } else if line.hasPrefix("Acquired resource '") {
                guard let resourceName = quotedName(line), let open = line.lastIndex(of: "("), let close = line.lastIndex(of: ")") else {
                    throw .unreadableOutput(command: "show", reason: "an unexpected resource line: \(line)", output: text)
                }
                let path = String(line[line.index(after: open)..<close])
                let parts = path.split(separator: "/")
                var literal: [String] = []
                while index < lines.count, lines[index].hasPrefix("  ") {
                    literal.append(lines[index])
                    index += 1
                }
                let parameters: PythonLiteral
                do {
                    parameters = try PythonLiteral.parse(literal.joined(separator: "\n"))
                } catch {
                    throw .unreadableOutput(command: "show", reason: "resource \(resourceName): \(error)", output: text)
                }
                place.resources.append(LabgridResource(
                    name: resourceName, path: path, className: parts.count == 4 ? String(parts[2]) : "", parameters: parameters))
            }
        }
        return place
    }

    private static func quotedName(_ line: String) -> String? {
        guard let first = line.firstIndex(of: "'") else { return nil }
        let rest = line[line.index(after: first)...]
        guard let second = rest.firstIndex(of: "'") else { return nil }
        return String(rest[..<second])
    }
}
