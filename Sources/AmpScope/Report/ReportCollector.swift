import Foundation

/// What a report keeps of the boots as they stream past: the summaries (counts and boot numbers
/// as runs), the verdict's counts, the board's name, and only the few boots the report shows in
/// full (the first boot, the first boot of each rule, boots the probe read facts in) with the
/// first findings of each rule for the excerpts. Memory grows with the rules that fired, not with
/// the boots, so a night's soak log is reported in the memory of one boot.
public struct ReportCollector: Sendable {
    public private(set) var summary = DiagnosisSummary()
    public private(set) var notChecked = NotCheckedSummary()
    public private(set) var judge = VerdictJudge()
    public private(set) var bootCount = 0
    public private(set) var bootsWithFindings = 0
    /// U-Boot's `Model:` once seen; until then the kernel's `Machine model:`.
    public private(set) var board: String?
    private var boardFromBootloader = false
    /// The boots shown in full, in boot order, with their diagnoses.
    public private(set) var boots: [BootTimeline] = []
    public private(set) var diagnoses: [BootDiagnosis] = []
    /// Per rule (in the order rules first fired), its first findings: the excerpts' candidates.
    private(set) var firstFindings: [(rule: String, findings: [Finding])] = []
    private var rulesSeen: Set<String> = []
    private var factBoots = 0

    /// Rules whose first boot is kept (`ReportFindingLinesPlan` shows as many).
    public let maximumRules: Int
    /// Boots kept only for what the probe read in them.
    public let maximumFactBoots: Int
    /// Findings kept per rule for excerpts (its first boots): the excerpts are read again from the
    /// input, which stops after the last of them, so few per rule keep a soak log from being read twice.
    public let findingsPerRule: Int

    public init(maximumRules: Int = 40, maximumFactBoots: Int = 10, findingsPerRule: Int = 3) {
        self.maximumRules = maximumRules
        self.maximumFactBoots = maximumFactBoots
        self.findingsPerRule = findingsPerRule
    }

    /// Takes one boot and its diagnosis, in boot order.
    public mutating func add(_ boot: BootTimeline, diagnosis: BootDiagnosis) {
        bootCount += 1
        if !diagnosis.findings.isEmpty { bootsWithFindings += 1 }
        summary.add(diagnosis)
        notChecked.add(diagnosis)
        judge.add(diagnosis)
        if !boardFromBootloader { learnBoard(boot) }
        var keep = bootCount == 1
        for finding in diagnosis.findings {
            if rulesSeen.insert(finding.rule).inserted {
                if rulesSeen.count <= maximumRules { keep = true }
                firstFindings.append((finding.rule, []))
            }
            let index = firstFindings.lastIndex { $0.rule == finding.rule }!
            if firstFindings[index].findings.count < findingsPerRule { firstFindings[index].findings.append(finding) }
        }
        if boot.boardFacts != nil, factBoots < maximumFactBoots {
            factBoots += 1
            keep = true
        }
        if keep {
            boots.append(boot)
            diagnoses.append(diagnosis)
        }
    }

    /// The rules no boot could evaluate for some reason, counted once each.
    public var uncheckedRules: Int {
        Set(notChecked.entries.flatMap(\.rules)).count
    }

    /// The candidates for excerpts, breadth first: every rule's first finding (most severe
    /// rules first) before any rule's second, at most `limit` findings.
    func excerptQueue(limit: Int) -> [Finding] {
        let rules = firstFindings.enumerated().sorted { lhs, rhs in
            let left = lhs.element.findings.first?.severity ?? .info
            let right = rhs.element.findings.first?.severity ?? .info
            return left != right ? left > right : lhs.offset < rhs.offset
        }.map(\.element.findings)
        var queue: [Finding] = []
        var round = 0
        while queue.count < limit {
            let next = rules.compactMap { $0.count > round ? $0[round] : nil }
            if next.isEmpty { break }
            queue += next
            round += 1
        }
        return queue
    }

    private mutating func learnBoard(_ boot: BootTimeline) {
        for lane in boot.lanes {
            for record in lane.events {
                let event = record.event
                guard let model = event.fields["model"]?.trimmingCharacters(in: .whitespaces), !model.isEmpty else { continue }
                if event.definitionID.hasPrefix("uboot.") {
                    board = model
                    boardFromBootloader = true
                    return
                }
                if board == nil { board = model }
            }
        }
    }
}
