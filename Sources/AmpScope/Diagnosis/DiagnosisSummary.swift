/// Which rules fired in which boots: "no-name-service-announcement in 3 of 20 boots: 4, 9, 17".
public struct DiagnosisSummary: Sendable, Hashable, Codable, CustomStringConvertible {
    public struct Entry: Sendable, Hashable, Codable, CustomStringConvertible {
        public var rule: String
        public var severity: FindingSeverity
        public var title: String
        /// 1-based indices of the boots it fired in, as runs: flat memory on a soak log.
        public var bootNumbers: BootNumbers
        /// Distinct signatures: more than one means different instances (e.g. two devices).
        public var signatures: [String]
        public var totalBoots: Int

        public init(rule: String, severity: FindingSeverity, title: String, boots: [Int], signatures: [String], totalBoots: Int) {
            self.rule = rule
            self.severity = severity
            self.title = title
            bootNumbers = BootNumbers(boots)
            self.signatures = signatures
            self.totalBoots = totalBoots
        }

        /// The boots it fired in, ascending (built from the runs on each call).
        public var boots: [Int] {
            get { Array(bootNumbers) }
            set { bootNumbers = BootNumbers(newValue) }
        }

        /// "rule in 3 of 20 boots: " — the text before the boot numbers (the JSON writer
        /// streams the numbers after it rather than building the whole text).
        public var descriptionPrefix: String {
            let count = bootNumbers.count == 1 ? "1 of \(totalBoots) boots" : "\(bootNumbers.count) of \(totalBoots) boots"
            return "\(rule) in \(count): "
        }

        public var description: String {
            descriptionPrefix + bootNumbers.map(String.init).joined(separator: ", ")
        }

        // The document keeps `boots` as a list of numbers, as before the runs.
        private enum CodingKeys: String, CodingKey {
            case rule, severity, title, boots, signatures, totalBoots
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                rule: try container.decode(String.self, forKey: .rule),
                severity: try container.decode(FindingSeverity.self, forKey: .severity),
                title: try container.decode(String.self, forKey: .title),
                boots: try container.decode([Int].self, forKey: .boots),
                signatures: try container.decode([String].self, forKey: .signatures),
                totalBoots: try container.decode(Int.self, forKey: .totalBoots))
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rule, forKey: .rule)
            try container.encode(severity, forKey: .severity)
            try container.encode(title, forKey: .title)
            try container.encode(boots, forKey: .boots)
            try container.encode(signatures, forKey: .signatures)
            try container.encode(totalBoots, forKey: .totalBoots)
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
            entries[index].bootNumbers.insert(diagnosis.boot)
            if !entries[index].signatures.contains(finding.signature) { entries[index].signatures.append(finding.signature) }
            entries[index].severity = max(entries[index].severity, finding.severity)
        }
        entries.sort {
            if $0.severity != $1.severity { return $0.severity > $1.severity }
            if $0.bootNumbers.count != $1.bootNumbers.count { return $0.bootNumbers.count > $1.bootNumbers.count }
            return $0.rule < $1.rule
        }
    }

    public var description: String { entries.map(\.description).joined(separator: "\n") }
}
