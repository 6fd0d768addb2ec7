/// Why a session could not be written or read, and what to do about it.
public enum SessionError: Error, CustomStringConvertible, Equatable {
    case directoryNotEmpty(String)
    case cannotCreate(String, errno: Int32)
    case writeFailed(String, errno: Int32)
    case notASession(String)
    case unsupportedVersion(String, version: Int)
    case missingHeader(String)
    case cannotRead(String, errno: Int32)
    case malformedRecord(String)
    case noSuchConsole(String, available: [String])

    public var description: String {
        switch self {
        case .directoryNotEmpty(let path):
            return "\(path) already exists and is not empty: choose a new session name with -o, or remove it"
        case .cannotCreate(let path, let code):
            return "cannot create \(path): \(errnoText(code))" + (code == 13 ? " (choose a folder you can write to)" : "")
        case .writeFailed(let path, let code):
            if code == 28 {
                return "disk full while writing \(path): everything written before this point is intact; free some space and run the command again"
            }
            return "writing \(path) failed: \(errnoText(code)); everything before this point is saved"
        case .notASession(let path):
            return "\(path) is not an ampscope session (no \(SessionFormat.fileName) with an AMPSCOPE SESSION header): give the directory `ampscope capture -o` created"
        case .unsupportedVersion(let path, let version):
            return "\(path) is session format \(version), newer than this ampscope understands (\(SessionHeader.currentFormatVersion)): update ampscope"
        case .missingHeader(let path):
            return "\(path) has no readable header record: the capture was killed before it started writing"
        case .cannotRead(let path, let code):
            return "cannot read \(path): \(errnoText(code))"
        case .malformedRecord(let what):
            return "malformed record: \(what)"
        case .noSuchConsole(let name, let available):
            return "no console named \(name) in this session; it has: \(available.joined(separator: ", "))"
        }
    }
}
