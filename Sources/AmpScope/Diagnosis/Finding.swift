/// What a rule found in one boot.
public struct Finding: Sendable, Hashable, Codable {
    public var rule: String
    public var severity: FindingSeverity
    public var title: String
    /// What happened, in plain words with times and line numbers.
    public var message: String
    /// The lines that show it, from every console involved, in time order.
    public var evidence: [FindingEvidence]
    public var fix: String
    public var references: [String]
    public var confidence: FindingConfidence
    /// Rule id plus the key fields (no times, no line numbers): equal for the same problem in
    /// another boot or run.
    public var signature: String
    /// 1-based boot index.
    public var boot: Int
    /// Facts from the board the rule tested (`fact:` / `confirmed-by:`); absent when none.
    public var facts: [FindingFact]?

    public init(
        rule: String, severity: FindingSeverity, title: String, message: String, evidence: [FindingEvidence], fix: String,
        references: [String], confidence: FindingConfidence, signature: String, boot: Int, facts: [FindingFact]? = nil
    ) {
        self.facts = facts
        self.rule = rule
        self.severity = severity
        self.title = title
        self.message = message
        self.evidence = evidence
        self.fix = fix
        self.references = references
        self.confidence = confidence
        self.signature = signature
        self.boot = boot
    }
}

/// A fact from the board a finding rests on: `devicetree.rpmsg.status = disabled`.
public struct FindingFact: Sendable, Hashable, Codable {
    /// The binding the rule gave it.
    public var role: String
    public var name: String
    public var value: String

    public init(role: String, name: String, value: String) {
        self.role = role
        self.name = name
        self.value = value
    }
}

/// One line a finding rests on.
public struct FindingEvidence: Sendable, Hashable, Codable {
    /// The binding the rule gave it (`gate`, `stop`, ...), saying what part it plays.
    public var role: String
    public var console: String
    public var consoleID: UInt16
    public var lineNumber: Int
    /// ns since the boot's start on the common axis; nil when only the line order is known.
    public var time: Int64?
    public var text: String
    /// ns since the capture started (a session: its start; a host-stamped log: its first stamp)
    /// when the line arrived: the time the live view showed beside it; nil without host times.
    public var captureTime: Int64?

    public init(role: String, console: String, consoleID: UInt16, lineNumber: Int, time: Int64?, text: String, captureTime: Int64? = nil) {
        self.captureTime = captureTime
        self.role = role
        self.console = console
        self.consoleID = consoleID
        self.lineNumber = lineNumber
        self.time = time
        self.text = text
    }
}

/// A rule that could not be evaluated on a boot, and why (no M-core console, no host times, ...).
public struct NotChecked: Sendable, Hashable, Codable {
    public var rule: String
    public var reason: String

    public init(rule: String, reason: String) {
        self.rule = rule
        self.reason = reason
    }
}

/// The diagnosis of one boot.
public struct BootDiagnosis: Sendable, Hashable, Codable {
    public var boot: Int
    /// Most severe first, then in rule order.
    public var findings: [Finding]
    public var notChecked: [NotChecked]
    /// What kept this boot from being really checked (see `CoverageCheck`); nil when nothing did.
    public var gaps: [VerdictGap]?

    public init(boot: Int, findings: [Finding], notChecked: [NotChecked], gaps: [VerdictGap]? = nil) {
        self.boot = boot
        self.findings = findings
        self.notChecked = notChecked
        self.gaps = gaps
    }

    /// The not-checked rules grouped by reason, for a report's one line per reason.
    public var notCheckedByReason: [(reason: String, rules: [String])] {
        var order: [String] = []
        var rules: [String: [String]] = [:]
        for item in notChecked {
            if rules[item.reason] == nil { order.append(item.reason) }
            rules[item.reason, default: []].append(item.rule)
        }
        return order.map { ($0, rules[$0]!) }
    }
}
