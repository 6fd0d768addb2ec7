/// The report's conclusion: the three-valued verdict over all boots, its headline naming the
/// findings when there are problems.
enum ReportVerdict {
    /// The findings in one sentence ("FAILED: 1 error ... most severe: ...").
    static func sentence(summary: DiagnosisSummary, uncheckedRules unchecked: Int) -> String {
        let boots = summary.totalBoots
        let bootWord = boots == 1 ? "boot" : "boots"
        guard let worst = summary.entries.first else {
            let caveat = unchecked == 0 ? "" : " (\(unchecked) rules could not be checked, see below)"
            return boots == 0 ? "No boot found in the input: nothing to diagnose." : "No problem found in \(boots) \(bootWord)\(caveat)."
        }
        let errors = summary.entries.filter { $0.severity == .error }.count
        let warnings = summary.entries.filter { $0.severity == .warning }.count
        var counts: [String] = []
        if errors > 0 { counts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { counts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        let infos = summary.entries.count - errors - warnings
        if infos > 0 { counts.append("\(infos) note\(infos == 1 ? "" : "s")") }
        let affected = Set(summary.entries.flatMap(\.boots)).count
        return "\(worst.severity == .error ? "FAILED" : worst.severity == .warning ? "WARNINGS" : "NOTES"): \(counts.joined(separator: ", ")) "
            + "in \(affected) of \(boots) \(bootWord); most severe: \(worst.title) (\(worst.rule), \(worst.boots.count) of \(boots) \(bootWord))."
    }
}
