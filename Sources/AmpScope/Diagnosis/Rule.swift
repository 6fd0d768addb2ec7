/// One diagnosis written in the rule language (parsers/rules/*.yaml): when its condition holds
/// over one boot's events, it yields a `Finding` with its title, message, fix and references.
public struct Rule: Sendable, Hashable {
    public var id: String
    public var severity: FindingSeverity
    public var title: String
    /// Plain words with `{name.attribute}` placeholders filled from the events the condition bound.
    public var message: MessageTemplate
    public var fix: String
    public var references: [String]
    public var confidence: FindingConfidence
    /// Console kinds the input must have for the rule to mean anything (else "not checked").
    public var needsConsoles: [ConsoleKind]
    /// Console kinds whose lines must carry host times on one clock (else "not checked").
    public var needsHostTime: [ConsoleKind]
    public var condition: RuleCondition
    /// Placeholders (no times, no line numbers) whose values identify the same problem across
    /// boots; the rule id alone when empty.
    public var signature: [MessagePlaceholder]
    public var location: DefinitionLocation
    /// Usually facts from the board (`confirmed-by:`): when it also holds, the finding's
    /// confidence is high and the facts are shown with it. Never needed for the rule to fire.
    public var confirmedBy: RuleCondition?

    public init(
        id: String, severity: FindingSeverity, title: String, message: MessageTemplate, fix: String,
        references: [String], confidence: FindingConfidence, needsConsoles: [ConsoleKind] = [],
        needsHostTime: [ConsoleKind] = [], condition: RuleCondition, signature: [MessagePlaceholder] = [],
        location: DefinitionLocation
    ) {
        self.id = id
        self.severity = severity
        self.title = title
        self.message = message
        self.fix = fix
        self.references = references
        self.confidence = confidence
        self.needsConsoles = needsConsoles
        self.needsHostTime = needsHostTime
        self.condition = condition
        self.signature = signature
        self.location = location
    }
}

public enum FindingSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case info
    case warning
    case error

    public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How sure a finding is: `high` when the log states the cause, `medium` when timing or
/// co-occurrence points at it, `low` when it is one plausible reading among several.
public enum FindingConfidence: String, Sendable, Hashable, Codable, CaseIterable {
    case high
    case medium
    case low
}
