/// Why a log file could not be imported, and what to do about it.
public enum LogImportError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(String, errno: Int32)
    case cannotRead(String, errno: Int32)
    case isDirectory(String)
    /// The file is an ampscope session, which is read with `SessionReader`, not imported.
    case isSession(String)
    /// The file is a `.board` simulator script: a description of a boot, not a captured log.
    case isBoardScript(String)
    /// Nothing in the first lines looked like console text or a known log format.
    case unknownFormat(String, tried: [LogFormat], firstLines: [String])

    public var description: String {
        switch self {
        case .cannotOpen(let path, let code):
            return "cannot open \(path): \(errnoText(code))" + (code == 13 ? " (check the file's permissions)" : "")
        case .cannotRead(let path, let code):
            return "reading \(path) failed: \(errnoText(code)); lines before this point were imported"
        case .isDirectory(let path):
            return "\(path) is a directory: give a log file, or the session directory where a session is expected"
        case .isSession(let path):
            return "\(path) is an ampscope session file, not a text log: give its directory as a session instead of importing it"
        case .isBoardScript(let path):
            return """
                \(path) is a .board script (a simulated boot for `ampscope replay`), not a captured log: \
                play it with `ampscope replay \(path)` and capture the terminals it prints with `ampscope capture`, \
                then analyze that session
                """
        case .unknownFormat(let path, let tried, let firstLines):
            let shown = firstLines.prefix(3).map { "  | \($0)" }.joined(separator: "\n")
            return """
                \(path) does not look like a console log: tried \(tried.map(\.rawValue).joined(separator: ", ")) \
                and most of the first lines are binary, not text. First lines:
                \(shown.isEmpty ? "  (none)" : shown)
                If it is a text log anyway, force a format with --input-format plain.
                """
        }
    }
}
