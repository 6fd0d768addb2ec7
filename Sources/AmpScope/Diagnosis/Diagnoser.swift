/// Timeline → findings: every rule over one boot at a time. Pure: the same
/// boot always gives the same diagnosis, so boots can be diagnosed in any order or in parallel.
public struct Diagnoser: Sendable {
    public let rules: [Rule]

    public init(rules: [Rule]) {
        self.rules = rules
    }

    /// The catalogue compiled into the binary (parsers/rules/*.yaml).
    public static func builtin() throws(RuleError) -> Diagnoser {
        Diagnoser(rules: try RuleLoader.builtin())
    }

    /// Garbage statistics come from each lane's `activity`; `activity` replaces them for the
    /// consoles it names. Garbage rules over a console with neither are not checked.
    public func diagnose(_ boot: BootTimeline, consoles: [TimelineConsole], activity: [LaneActivity] = []) -> BootDiagnosis {
        examine(boot, consoles: consoles, activity: activity).numbered(boot.index)
    }

    /// Everything `diagnose` finds except the boot's number, so that a thread which does not know
    /// how many boots came before can do the work.
    func examine(_ boot: BootTimeline, consoles: [TimelineConsole], activity explicit: [LaneActivity] = []) -> UnnumberedDiagnosis {
        let given = Set(explicit.map(\.console))
        let activity = explicit + boot.lanes.compactMap(\.activity).filter { !given.contains($0.console) }
        let evidence = BootEvidence(boot: boot, consoles: consoles, activity: activity)
        let evaluator = ConditionEvaluator(evidence: evidence)
        var findings: [(order: Int, finding: Finding)] = []
        var notChecked: [NotChecked] = []
        // Positions in `rules`, not copies of the rules (see below).
        var unchecked: [(order: Int, reason: String)] = []
        // In place through the buffer, not `for rule in rules`: a copy of each rule (a dozen
        // strings and lists to retain and release) for every boot cost more than most
        // rules' evaluation.
        rules.withUnsafeBufferPointer { rules in
            for order in rules.indices {
                if let reason = unmetRequirement(needsConsoles: rules[order].needsConsoles, needsHostTime: rules[order].needsHostTime, evidence) {
                    notChecked.append(NotChecked(rule: rules[order].id, reason: reason))
                    unchecked.append((order, reason))
                    continue
                }
                switch evaluator.evaluate(rules[order].condition, RuleBindings()) {
                case .holds(var bindings):
                    var confirmed = false
                    if let confirmation = rules[order].confirmedBy, case .holds(let more) = evaluator.evaluate(confirmation, bindings) {
                        bindings.merge(more)
                        confirmed = true
                    }
                    var finding = FindingBuilder(evidence: evidence).finding(rules[order], bindings)
                    // Decided from what the log shows rather than measured: it says so, less sure.
                    if !bindings.caveats.isEmpty {
                        finding.message = ([finding.message] + bindings.caveats).joined(separator: " ")
                        finding.confidence = finding.confidence.lowered
                    }
                    if confirmed { finding.confidence = .high }
                    findings.append((order, finding))
                case .fails: continue
                case .unknown(let reason):
                    notChecked.append(NotChecked(rule: rules[order].id, reason: reason))
                    unchecked.append((order, reason))
                }
            }
        }
        let ordered = findings.sorted {
            $0.finding.severity != $1.finding.severity ? $0.finding.severity > $1.finding.severity : $0.order < $1.order
        }
        let gaps = CoverageCheck(evidence: evidence).gaps(findings: ordered.map(\.finding), unchecked: unchecked, of: rules)
        return UnnumberedDiagnosis(findings: ordered.map(\.finding), notChecked: notChecked, gaps: gaps)
    }

    /// Every boot of a timeline; `activity` by boot index (replacing the lanes' own).
    public func diagnose(_ timeline: Timeline, activity: [Int: [LaneActivity]] = [:]) -> [BootDiagnosis] {
        timeline.boots.map { diagnose($0, consoles: timeline.consoles, activity: activity[$0.index] ?? []) }
    }

    /// Why the rule cannot be evaluated on this input at all; nil when it can. Takes the two
    /// lists rather than the rule: asked for every rule of every boot, and a rule passed here was
    /// copied whole each time.
    func unmetRequirement(needsConsoles: [ConsoleKind], needsHostTime: [ConsoleKind], _ evidence: BootEvidence) -> String? {
        for kind in needsConsoles where evidence.consoleIDs(of: kind).isEmpty {
            return "the input has no \(kind.rawValue) console"
        }
        for kind in needsHostTime where evidence.consoleIDs(of: kind).isEmpty {
            return "the input has no \(kind.rawValue) console"
        }
        guard let firstKind = needsHostTime.first else { return nil }
        let timed = needsHostTime.flatMap(evidence.consoleIDs(of:))
        for id in timed where evidence.isHostTimed(id) == false {
            return "the \(evidence.name(of: id)) log has no host timestamps"
        }
        if needsHostTime.contains(where: { $0 != firstKind }), evidence.boot.alignment.method != .hostClock {
            let names = timed.map(evidence.name(of:)).joined(separator: " and ")
            return "\(names) were not captured on one host clock (\(evidence.boot.alignment.statement))"
        }
        return nil
    }
}

/// A boot's diagnosis before the boot's number is known; `numbered` writes it where it appears.
struct UnnumberedDiagnosis: Sendable {
    var findings: [Finding]
    var notChecked: [NotChecked]
    var gaps: [CoverageGap]

    func numbered(_ boot: Int) -> BootDiagnosis {
        var findings = findings
        for index in findings.indices { findings[index].boot = boot }
        return BootDiagnosis(boot: boot, findings: findings, notChecked: notChecked, gaps: gaps.isEmpty ? nil : gaps.map { $0.gap(boot: boot) })
    }
}
