/// What could not be checked, across boots: one entry per reason, with the rules it kept from
/// being evaluated and the boots it applied to ("the m4 log has no host timestamps: 3 rules, boots 1–20").
public struct NotCheckedSummary: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var reason: String
        /// In the order they were first not checked for this reason.
        public var rules: [String]
        /// 1-based boot indices, as runs: flat memory on a soak log.
        public var bootNumbers: BootNumbers

        public init(reason: String, rules: [String], boots: [Int]) {
            self.reason = reason
            self.rules = rules
            bootNumbers = BootNumbers(boots)
        }

        /// Ascending (built from the runs on each call).
        public var boots: [Int] {
            get { Array(bootNumbers) }
            set { bootNumbers = BootNumbers(newValue) }
        }

        // The document keeps `boots` as a list of numbers, as before the runs.
        private enum CodingKeys: String, CodingKey {
            case reason, rules, boots
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                reason: try container.decode(String.self, forKey: .reason),
                rules: try container.decode([String].self, forKey: .rules),
                boots: try container.decode([Int].self, forKey: .boots))
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(reason, forKey: .reason)
            try container.encode(rules, forKey: .rules)
            try container.encode(boots, forKey: .boots)
        }
    }

    /// In the order the reasons first appeared.
    public private(set) var entries: [Entry] = []

    public init() {}

    public mutating func add(_ diagnosis: BootDiagnosis) {
        for (reason, rules) in diagnosis.notCheckedByReason {
            let index = entries.firstIndex { $0.reason == reason } ?? {
                entries.append(Entry(reason: reason, rules: [], boots: []))
                return entries.count - 1
            }()
            for rule in rules where !entries[index].rules.contains(rule) { entries[index].rules.append(rule) }
            entries[index].bootNumbers.insert(diagnosis.boot)
        }
    }
}
