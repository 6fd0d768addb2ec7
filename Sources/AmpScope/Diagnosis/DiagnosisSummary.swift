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
        self.init()
        for diagnosis in diagnoses { add(diagnosis) }
    }

    /// No boots yet; `add` each boot's diagnosis as it comes (memory grows with the rules that
    /// fired and their boot numbers, not with the findings).
    public init() {
        totalBoots = 0
        entries = []
    }

    public mutating func add(_ diagnosis: BootDiagnosis) {
        totalBoots += 1
        for index in entries.indices { entries[index].totalBoots = totalBoots }
        for finding in diagnosis.findings {
            let index = entries.firstIndex { $0.rule == finding.rule } ?? {
                entries.append(Entry(rule: finding.rule, severity: finding.severity, title: finding.title, boots: [], signatures: [], totalBoots: totalBoots))
                return entries.count - 1
            }()
            entries[index].boots.insertAscending(diagnosis.boot)
            if !entries[index].signatures.contains(finding.signature) { entries[index].signatures.append(finding.signature) }
            entries[index].severity = max(entries[index].severity, finding.severity)
        }
        entries.sort {
            if $0.severity != $1.severity { return $0.severity > $1.severity }
            if $0.boots.count != $1.boots.count { return $0.boots.count > $1.boots.count }
            return $0.rule < $1.rule
        }
    }

    public var description: String { entries.map(\.description).joined(separator: "\n") }
}

extension [Int] {
    /// Adds `value` to an ascending array unless it is there. Boots arrive in order, so this is
    /// an append: a search or a sort per boot would make a soak log's summary quadratic.
    mutating func insertAscending(_ value: Int) {
        guard let last, value <= last else { append(value); return }
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        if low == count || self[low] != value { insert(value, at: low) }
    }
}
