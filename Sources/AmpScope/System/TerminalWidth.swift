import CAmpScopeShims
#if canImport(Glibc)
import Glibc
#endif

extension TerminalEnvironment {
    /// Columns of the terminal stdout writes to; nil when stdout is not a terminal (a pipe, a file).
    public static var outputColumns: Int? {
        var columns: UInt16 = 0
        var rows: UInt16 = 0
        guard isatty(STDOUT_FILENO) == 1, ampscope_window_size(STDOUT_FILENO, &columns, &rows) == 0, columns > 0 else { return nil }
        return Int(columns)
    }
}
