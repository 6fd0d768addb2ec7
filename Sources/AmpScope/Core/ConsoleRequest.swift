/// One console the user asked to capture.
public struct ConsoleRequest: Sendable, Hashable {
    public var name: String
    /// A path or a selector (serial:, by-id:, usb:VID:PID[/ifN], path:), see PortSelector.
    public var port: String
    public var settings: SerialSettings
    public var kind: ConsoleKind

    public init(name: String, port: String, settings: SerialSettings, kind: ConsoleKind? = nil) {
        self.name = name
        self.port = port
        self.settings = settings
        self.kind = kind ?? ConsoleKind.inferred(forName: name)
    }

    /// A board profile's consoles with those given on the command line: same name replaces, a
    /// new name is added after them.
    public static func merging(_ base: [ConsoleRequest], overrides: [ConsoleRequest]) -> [ConsoleRequest] {
        var merged = base
        for request in overrides {
            if let index = merged.firstIndex(where: { $0.name == request.name }) {
                merged[index] = request
            } else {
                merged.append(request)
            }
        }
        return merged
    }

    /// Why `name` cannot name a console (it names the log file), or nil when it can.
    static func nameProblem(_ name: String) -> String? {
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        guard !name.isEmpty, name.utf8.count <= 16, allowed else {
            return "console name \"\(name)\": use 1–16 letters, digits, - or _ (it names the log file)"
        }
        return nil
    }
}
