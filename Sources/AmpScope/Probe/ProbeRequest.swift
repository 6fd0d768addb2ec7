import Foundation

/// What `capture --probe` / `ampscope probe` asks of the capture engine.
public struct ProbeRequest: Sendable, Hashable {
    /// The console whose shell is asked (its role name, usually `a7`).
    public var console: String
    public var options: ProbeOptions
    /// End the capture once the probe is done (`ampscope probe`); else capture on.
    public var stopWhenDone: Bool

    public init(console: String, options: ProbeOptions, stopWhenDone: Bool) {
        self.console = console
        self.options = options
        self.stopWhenDone = stopWhenDone
    }
}

/// How the probe shows up in a session: input records with `source: "probe"`, notes with the
/// same source, and `facts.json` beside `session.amps` (docs/session-format.md).
public enum ProbeRecords {
    public static let source = "probe"
    /// The texts of the notes that carry a `ProbeStep` (readers go by the step, not the text).
    public static let commandsStarted = "probe: running the read-only commands"
    public static let finishedPrefix = "probe: done"
    public static let ubootStarted = "probe: reading U-Boot's environment"
    public static let ubootFinishedPrefix = "probe: read "
    public static let factsFile = "facts.json"

    public static func factsPath(in directory: String) -> String {
        (directory as NSString).appendingPathComponent(factsFile)
    }

    /// The facts a session's probe stored; nil when the session has none.
    public static func readFacts(directory: String) throws(ProbeError) -> BoardFacts? {
        let path = factsPath(in: directory)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(BoardFacts.self, from: data)
        } catch {
            throw ProbeError.unreadableFacts(path: path, reason: "\(error)")
        }
    }

    static func writeFacts(_ facts: BoardFacts, directory: String) throws(ProbeError) {
        let path = factsPath(in: directory)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(facts)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ProbeError.unwritableFacts(path: path, reason: "\(error)")
        }
    }
}

public enum ProbeError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadableFacts(path: String, reason: String)
    case unwritableFacts(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadableFacts(let path, let reason):
            return "\(path) cannot be read as the probe's facts (\(reason)); remove it to analyze the session without them"
        case .unwritableFacts(let path, let reason):
            return "the probe's facts could not be written to \(path) (\(reason)); check the disk and the directory's permissions"
        }
    }
}

extension ProbeRequest {
    /// The environment variable the password is read from (never from a flag or a file).
    public static let passwordVariable = "AMPSCOPE_PASSWORD"

    /// The console a probe asks when none is named: `a7`, else the first application console.
    public static func defaultConsole(in consoles: [ConsoleRequest]) -> String? {
        consoles.first { $0.name == "a7" }?.name ?? consoles.first { $0.kind == .application }?.name
    }
}
