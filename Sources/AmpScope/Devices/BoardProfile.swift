/// A board's consoles, saved once so a capture is `ampscope capture --board NAME`:
///
/// ```yaml
/// boards:
///   colibri-imx7:
///     baud: 115200                 # default for its consoles
///     parsers: [parsers]           # parser folders, relative to this file
///     login: root                  # the probe's Linux user; password from AMPSCOPE_PASSWORD
///     consoles:
///       a7: { port: "serial:A50285BI", kind: application }
///       m4: { port: "serial:A50285BJ", baud: 115200, kind: microcontroller }
/// ```
public struct BoardProfile: Sendable, Hashable {
    public struct Console: Sendable, Hashable {
        public var name: String
        /// A path or selector (serial:, by-id:, usb:VID:PID[/ifN], path:).
        public var port: String
        public var baud: Int?
        public var kind: ConsoleKind?
    }

    public var name: String
    public var consoles: [Console]
    public var baud: Int?
    /// The Linux user the probe logs in as (the password comes from AMPSCOPE_PASSWORD only).
    public var login: String?
    /// Parser definition folders, absolute (resolved against the file's folder).
    public var parserFolders: [String]
    /// Where it was defined: "file:line".
    public var location: String

    /// The capture requests: each console's baud, else the board's, else `defaults`.
    public func consoleRequests(defaults: SerialSettings) -> [ConsoleRequest] {
        consoles.map { console in
            var settings = defaults
            if let baud = console.baud ?? baud { settings.baud = baud }
            return ConsoleRequest(name: console.name, port: console.port, settings: settings, kind: console.kind)
        }
    }
}

/// Where board profiles are looked for, first match wins: `.ampscope.yaml` in the project folder
/// (the current directory), then `$XDG_CONFIG_HOME/ampscope/boards.yaml` (~/.config by default).
public enum BoardProfiles {
    public static func files(projectDirectory: String, environment: [String: String]) -> [String] {
        var files = [projectDirectory + "/.ampscope.yaml"]
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            files.append(config + "/ampscope/boards.yaml")
        } else if let home = environment["HOME"] {
            files.append(home + "/.config/ampscope/boards.yaml")
        }
        return files
    }

    /// Every board in one file's text.
    public static func parse(_ text: String, file: String) throws(BoardProfileError) -> [BoardProfile] {
        try BoardProfileParser.parse(text, file: file)
    }

    /// The profile called `name` from the first file that defines it. Every file that exists is
    /// parsed, so a mistake anywhere is reported (with file:line) rather than silently skipped.
    public static func find(_ name: String, in files: [String]) throws(BoardProfileError) -> BoardProfile {
        var known: [String] = []
        var found: BoardProfile?
        for file in files {
            guard let bytes = FileSystemProbe.contents(of: file, limit: 1 << 20) else { continue }
            let profiles = try BoardProfileParser.parse(String(decoding: bytes, as: UTF8.self), file: file)
            known += profiles.map { "\($0.name) (\($0.location))" }
            if found == nil { found = profiles.first { $0.name == name } }
        }
        guard let found else { throw .notFound(name: name, searched: files, known: known) }
        return found
    }
}

/// A board profile that cannot be used, with the file and line to fix.
public enum BoardProfileError: Error, CustomStringConvertible, Equatable, Sendable {
    case invalid(file: String, line: Int, column: Int, message: String)
    case notFound(name: String, searched: [String], known: [String])

    public var description: String {
        switch self {
        case .invalid(let file, let line, let column, let message):
            return "\(file):\(line):\(column): \(message)"
        case .notFound(let name, let searched, let known):
            let list = known.isEmpty ? "no boards are defined there" : "boards defined: " + known.joined(separator: ", ")
            return "No board profile named \(name) in \(searched.joined(separator: " or ")); \(list). "
                + "Add it under 'boards:' in .ampscope.yaml (see `ampscope capture --help`)."
        }
    }
}
