import Foundation

/// Default names for new sessions.
public enum SessionNaming {
    /// `ampscope-20261125-093000` in local time.
    public static func defaultDirectoryName(date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return "ampscope-" + formatter.string(from: date)
    }
}
