import Foundation

/// How a finding reads in the live view: one headline (severity, rule id, boot, title), then
/// what happened, indented under it, so it stands out between console lines.
struct LiveFindingText: Sendable, Hashable {
    var severity: FindingSeverity
    var headline: String
    var message: String

    /// The finding's times are capture times, the view's own clock; its boot's start is shown
    /// once, when the boot is first seen (`LiveFindings` reports it).
    init(_ finding: Finding, moment: LiveFindings.Moment) {
        severity = finding.severity
        var context = "boot \(finding.boot)"
        if moment == .atBootEnd { context += "; found when it ended" }
        headline = "\(finding.severity.rawValue.uppercased()) \(finding.rule) (\(context)): \(finding.title)"
        message = finding.message
    }

    /// For a capture without the live view (stderr, one finding at a time).
    var plain: String {
        "ampscope: \(headline)\n    \(message)\n"
    }
}
