/// What could not be checked, across boots: one entry per reason, with the rules it kept from
/// being evaluated and the boots it applied to ("the m4 log has no host timestamps: 3 rules, boots 1–20").
public struct NotCheckedSummary: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var reason: String
        /// In the order they were first not checked for this reason.
        public var rules: [String]
        /// 1-based boot indices, ascending.
        public var boots: [Int]
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
            entries[index].boots.insertAscending(diagnosis.boot)
        }
    }
}
