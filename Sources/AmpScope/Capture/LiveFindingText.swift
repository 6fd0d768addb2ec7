import Foundation

/// How a finding reads in the live view: one headline (severity, rule id, boot, title), then
/// what happened, indented under it, so it stands out between console lines.
struct LiveFindingText: Sendable, Hashable {
    var severity: FindingSeverity
    var headline: String
    var message: String

    /// `bootStart` in the live view's seconds: the finding's times count from the boot's start,
    /// the view's from the capture's.
    init(_ finding: Finding, moment: LiveFindings.Moment, bootStart: String?) {
        severity = finding.severity
        var context = "boot \(finding.boot)"
        if let bootStart { context += ": times from its start at \(bootStart.trimmingCharacters(in: .whitespaces)) s" }
        if moment == .atBootEnd { context += "; found when it ended" }
        headline = "\(finding.severity.rawValue.uppercased()) \(finding.rule) (\(context)): \(finding.title)"
        message = finding.message
    }

    /// For a capture without the live view (stderr, one finding at a time).
    var plain: String {
        "ampscope: \(headline)\n    \(message)\n"
    }
}
