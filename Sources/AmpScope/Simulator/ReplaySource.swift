import Foundation

/// What `ampscope replay` plays: a session directory, or a `.board` script compiled into a
/// temporary session first (removed again by `cleanUp()`).
public final class ReplaySource {
    public let reader: SessionReader
    private let temporaryDirectory: String?

    public init(path: String) throws(ReplaySourceError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missing(path)
        }
        if isDirectory.boolValue {
            temporaryDirectory = nil
            do { reader = try SessionReader(directory: path) } catch { throw .session(error) }
            return
        }
        let script: BoardScript
        do { script = try BoardScript(contentsOf: path) } catch { throw .script(error) }
        let directory = NSTemporaryDirectory() + "ampscope-replay-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        temporaryDirectory = directory
        do {
            try script.compile(to: directory)
            reader = try SessionReader(directory: directory)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw .session(error)
        }
    }

    public func cleanUp() {
        if let temporaryDirectory { try? FileManager.default.removeItem(atPath: temporaryDirectory) }
    }
}

public enum ReplaySourceError: Error, CustomStringConvertible, Equatable {
    case missing(String)
    case session(SessionError)
    case script(BoardScriptError)

    public var description: String {
        switch self {
        case .missing(let path): return "\(path) does not exist: give a session directory or a .board script"
        case .session(let error): return error.description
        case .script(let error): return error.description
        }
    }
}
