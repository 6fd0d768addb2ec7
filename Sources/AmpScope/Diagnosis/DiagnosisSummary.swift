/// Which rules fired in which boots: "no-name-service-announcement in 3 of 20 boots: 4, 9, 17".
public struct DiagnosisSummary: Sendable, Hashable, Codable, CustomStringConvertible {
    public struct Entry: Sendable, Hashable, Codable, CustomStringConvertible {
        public var rule: String
        public var severity: FindingSeverity
        public var title: String
        /// 1-based indices of the boots it fired in, ascending.
        public var boots: [Int]
        /// Distinct signatures: more than one means different instances (e.g. two devices).
        public var signatures: [String]
        public var totalBoots: Int

        public var description: String {
            let count = boots.count == 1 ? "1 of \(totalBoots) boots" : "\(boots.count) of \(totalBoots) boots"
            return "\(rule) in \(count): \(boots.map(String.init).joined(separator: ", "))"
        }
    }

    public var totalBoots: Int
    /// Most severe first, then most boots, then rule id.
    public var entries: [Entry]

    public init(_ diagnoses: [BootDiagnosis]) {
        totalBoots = diagnoses.count
        var byRule: [String: Entry] = [:]
        for diagnosis in diagnoses {
            for finding in diagnosis.findings {
                var entry = byRule[finding.rule] ?? Entry(
                    rule: finding.rule, severity: finding.severity, title: finding.title, boots: [], signatures: [],
                    totalBoots: diagnoses.count)
                if entry.boots.last != diagnosis.boot { entry.boots.append(diagnosis.boot) }
                if !entry.signatures.contains(finding.signature) { entry.signatures.append(finding.signature) }
                entry.severity = max(entry.severity, finding.severity)
                byRule[finding.rule] = entry
            }
        }
        entries = byRule.values.map { entry in
            var sorted = entry
            sorted.boots.sort()
            sorted.boots = sorted.boots.reduce(into: []) { if $0.last != $1 { $0.append($1) } }
            return sorted
        }.sorted {
            if $0.severity != $1.severity { return $0.severity > $1.severity }
            if $0.boots.count != $1.boots.count { return $0.boots.count > $1.boots.count }
            return $0.rule < $1.rule
        }
    }

    public var description: String { entries.map(\.description).joined(separator: "\n") }
}
