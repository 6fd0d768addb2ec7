import Foundation

/// Which board a session or log is of, first match wins (README, "Many sessions at once"):
/// 1. the session header's command line: `--board NAME`, `--place PLACE`, or a `labgrid:PLACE/…` port;
/// 2. a board profile whose every console port is one of the session's ports (or `serial:` its adapter's serial number);
/// 3. the path: the first folder below the folder argument (`farm/colibri-3/run-17`), else the
///    session's or log's own name up to its first dot (`colibri-3.run-17`, `colibri-3.night.log`).
public struct BoardName: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable, Codable {
        case sessionHeader = "session-header"
        case boardProfile = "board-profile"
        case path
    }

    public var name: String
    public var source: Source

    public init(name: String, source: Source) {
        self.name = name
        self.source = source
    }
}

public enum BoardNaming {
    public static func name(of input: FarmInput, header: SessionHeader?, profiles: [BoardProfile]) -> BoardName {
        if let header {
            if let name = fromCommandLine(header.commandLine) { return BoardName(name: name, source: .sessionHeader) }
            if let profile = matchingProfile(header, profiles) { return BoardName(name: profile, source: .boardProfile) }
        }
        return BoardName(name: fromPath(input), source: .path)
    }

    /// `--board NAME`, `--place PLACE` (either as `--x=V`), or the place of a `labgrid:PLACE/RESOURCE` port.
    static func fromCommandLine(_ arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            for option in ["--board", "--place"] {
                if argument == option, index + 1 < arguments.count, !arguments[index + 1].isEmpty { return arguments[index + 1] }
                if argument.hasPrefix(option + "="), argument.count > option.count + 1 { return String(argument.dropFirst(option.count + 1)) }
            }
        }
        for argument in arguments {
            // `--console a7=labgrid:colibri-3/uart-a` as well as `--a7 labgrid:colibri-3/uart-a`.
            guard let range = argument.range(of: "labgrid:") else { continue }
            let place = argument[range.upperBound...].prefix { $0 != "/" && $0 != "," }
            if !place.isEmpty { return String(place) }
        }
        return nil
    }

    static func matchingProfile(_ header: SessionHeader, _ profiles: [BoardProfile]) -> String? {
        var ports: Set<String> = []
        for console in header.consoles {
            ports.insert(console.port)
            if let serial = console.adapter?.serial { ports.insert("serial:" + serial) }
            if let byID = console.adapter?.byID { ports.insert("by-id:" + byID); ports.insert(byID) }
        }
        return profiles.first { profile in
            !profile.consoles.isEmpty && profile.consoles.allSatisfy { ports.contains($0.port) }
        }?.name
    }

    static func fromPath(_ input: FarmInput) -> String {
        if let folder = input.boardFolder { return folder }
        let last = input.path.split(separator: "/").last.map(String.init) ?? input.path
        let stem = last.prefix { $0 != "." }
        return stem.isEmpty ? last : String(stem)
    }
}

extension BoardNaming {
    /// Every profile in the files that exist (`BoardProfiles.files`), and why a file could not be used.
    public static func profiles(in files: [String]) -> (profiles: [BoardProfile], problems: [String]) {
        var profiles: [BoardProfile] = []
        var problems: [String] = []
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            do {
                profiles += try BoardProfiles.parse(text, file: file)
            } catch {
                problems.append("board profiles in \(file) not used to name boards: \(error)")
            }
        }
        return (profiles, problems)
    }
}
