import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the user's terminal and environment allow.
public enum TerminalEnvironment {
    /// Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
    public static var colorAllowed: Bool {
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}
