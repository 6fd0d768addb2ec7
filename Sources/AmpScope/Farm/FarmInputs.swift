import Foundation

/// One thing `analyze DIR...` reads: a session directory or a saved log, and the board it is of.
public struct FarmInput: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case session, log
    }

    /// As the user gave it, or as found under a folder they gave: how outputs name it.
    public var path: String
    public var kind: Kind
    /// The first folder below the folder argument it was found in, when it is deeper than that
    /// folder's own entries: names the board when nothing better does (`BoardNaming`).
    public var boardFolder: String?

    public init(path: String, kind: Kind, boardFolder: String? = nil) {
        self.path = path
        self.kind = kind
        self.boardFolder = boardFolder
    }

    public var name: String { path }
}

/// What the arguments of `analyze DIR...` hold: every session (a folder with `session.amps`) and
/// saved log (`*.log`, `*.txt`) in them, in natural order ("run-9" before "run-10"), and the
/// files left out, so nothing is skipped silently.
public struct FarmInputs: Sendable {
    public var inputs: [FarmInput]
    /// Files under the folders that are neither a session nor a log, counted in the output.
    public var skippedFiles: [String]

    /// Folders deeper than this are not entered (a symbolic link loop ends here).
    static let maximumDepth = 16
    static let logExtensions: Set<String> = ["log", "txt"]

    /// Finds the inputs; a path that does not exist, or a folder with nothing to analyze, is an error.
    public static func discover(_ arguments: [String]) throws(FarmError) -> FarmInputs {
        var found = FarmInputs(inputs: [], skippedFiles: [])
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else { throw .missing(argument) }
            if !isDirectory.boolValue {
                found.inputs.append(FarmInput(path: argument, kind: .log))
            } else if isSession(argument) {
                found.inputs.append(FarmInput(path: argument, kind: .session))
            } else {
                let before = found.inputs.count
                try found.walk(argument, under: argument, components: [], depth: 0)
                if found.inputs.count == before { throw .nothingIn(argument) }
            }
        }
        return found
    }

    public static func isSession(_ directory: String) -> Bool {
        FileManager.default.fileExists(atPath: directory + "/" + SessionFormat.fileName)
    }

    private mutating func walk(_ folder: String, under root: String, components: [String], depth: Int) throws(FarmError) {
        guard depth < Self.maximumDepth else { return }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw .unreadable(folder, "\(error.localizedDescription)")
        }
        for name in names.sorted(by: Self.naturalOrder) where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            let below = components + [name]
            let boardFolder = below.count >= 2 ? below[0] : nil
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if Self.isSession(path) {
                    inputs.append(FarmInput(path: path, kind: .session, boardFolder: boardFolder))
                } else {
                    try walk(path, under: root, components: below, depth: depth + 1)
                }
            } else if Self.logExtensions.contains((name as NSString).pathExtension.lowercased()) {
                inputs.append(FarmInput(path: path, kind: .log, boardFolder: boardFolder))
            } else {
                skippedFiles.append(path)
            }
        }
    }

    /// Digits compare as numbers, so numbered runs and boards sort as people count them.
    static func naturalOrder(_ left: String, _ right: String) -> Bool {
        left.compare(right, options: [.numeric]) == .orderedAscending
    }
}

public enum FarmError: Error, CustomStringConvertible, Equatable {
    case missing(String)
    case nothingIn(String)
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .missing(let path):
            "\(path) does not exist: give session folders, log files, or folders holding them"
        case .nothingIn(let path):
            "\(path) holds no session (a folder with \(SessionFormat.fileName)) and no log (*.log, *.txt): give the folder the captures were written to"
        case .unreadable(let path, let reason):
            "cannot list \(path) (\(reason)): check its permissions"
        }
    }
}
