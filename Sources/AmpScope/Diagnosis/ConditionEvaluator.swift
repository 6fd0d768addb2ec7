/// Evaluates a rule's condition over one boot. Three-valued: a condition that needs what the
/// boot does not have (times, an aligned console, garbage statistics) is `unknown`, and the rule
/// goes to "not checked" instead of guessing. Each primitive is one pass over the boot's events.
struct ConditionEvaluator {
    let evidence: BootEvidence

    func evaluate(_ condition: RuleCondition, _ bindings: RuleBindings) -> ConditionOutcome {
        switch condition {
        case .all(let children): return all(children, bindings)
        case .any(let children):
            var reason: String?
            for child in children {
                switch evaluate(child, bindings) {
                case .holds(let bound): return .holds(bound)
                case .fails: continue
                case .unknown(let why): reason = reason ?? why
                }
            }
            return reason.map(ConditionOutcome.unknown) ?? .fails
        case .not(let child):
            switch evaluate(child, bindings) {
            case .holds: return .fails
            case .fails: return .holds(bindings)
            case .unknown(let why): return .unknown(why)
            }
        case .present(let selector):
            switch firstMatch(selector, bindings) {
            case .found(let line):
                var bound = bindings
                bound.bind(selector.binding, line)
                return .holds(bound)
            case .none: return .fails
            case .unknown(let why): return .unknown(why)
            }
        case .absent(let selector, let wait): return absent(selector, wait: wait, bindings)
        case .repeated(let selector, let count): return repeated(selector, count: count, bindings)
        case .ordered(let first, let then): return ordered(first, then, bindings)
        case .silent(let silence): return SilenceEvaluation(evidence: evidence, evaluator: self).evaluate(silence, bindings)
        case .garbage(let garbage): return garbageOutcome(garbage, bindings)
        case .bootStartedBy(let boundaries): return boundaries.contains(evidence.boot.boundary) ? .holds(bindings) : .fails
        case .fact(let fact): return factOutcome(fact, bindings)
        }
    }

    private func factOutcome(_ fact: FactCondition, _ bindings: RuleBindings) -> ConditionOutcome {
        guard let facts = evidence.boot.boardFacts, let values = facts.ruleValues[fact.name], let value = fact.match(values) else { return .fails }
        var bound = bindings
        let console = evidence.consoles.values.first { $0.name == facts.console }?.id ?? 0
        bound.bind(fact.binding, MatchedLine(fact: fact.name, value: value, console: console))
        return .holds(bound)
    }

    /// Children see what earlier ones bound. A failing child decides (false wins over unknown).
    private func all(_ children: [RuleCondition], _ bindings: RuleBindings) -> ConditionOutcome {
        var bound = bindings
        var reason: String?
        for child in children {
            switch evaluate(child, bound) {
            case .holds(let more): bound.merge(more)
            case .fails: return .fails
            case .unknown(let why): reason = reason ?? why
            }
        }
        return reason.map(ConditionOutcome.unknown) ?? .holds(bound)
    }

    private func absent(_ selector: EventSelector, wait: Duration?, _ bindings: RuleBindings) -> ConditionOutcome {
        if consolePrintedAfter(selector, bindings) { return .fails }
        let timed = measuredAbsence(selector, wait: wait, bindings)
        guard case .unknown(let why) = timed, let untimed = selector.untimed, !evidence.inProgress else { return timed }
        return UntimedAbsenceEvaluation(evidence: evidence, evaluator: self).evaluate(selector, untimed, wait: wait, timedReason: why, bindings)
    }

    /// An `absent` that names no event asks for no line at all: a line no definition reads (a
    /// quiet kernel's warnings, a userspace message) after the anchor on its console shows the
    /// console went on as well as an event would.
    private func consolePrintedAfter(_ selector: EventSelector, _ bindings: RuleBindings) -> Bool {
        guard selector.events.isEmpty, selector.predicates.isEmpty, selector.before == nil, !selector.lastLine,
              let after = selector.after, case .found(let anchor) = resolve(after, bindings),
              selector.console.map({ evidence.kind(of: anchor.console) == $0 }) ?? true,
              let last = evidence.lanes[anchor.console]?.lastLine else { return false }
        return last.lineNumber > anchor.lineNumber && last.text.contains { !$0.isWhitespace }
    }

    private func measuredAbsence(_ selector: EventSelector, wait: Duration?, _ bindings: RuleBindings) -> ConditionOutcome {
        switch firstMatch(selector, bindings) {
        case .found: return .fails
        case .unknown(let why): return .unknown(why)
        case .none: break
        }
        // Absence is only known for the stretch the capture covered: a boot that ended with the
        // input may just have been cut short, and one still in progress may print it yet.
        guard let needed = wait ?? selector.within, evidence.boot.facts.endsWithInput else {
            return evidence.inProgress ? .unknown(Self.stillBooting) : .holds(bindings)
        }
        var start: Int64 = 0
        if let after = selector.after {
            switch resolve(after, bindings) {
            case .found(let anchor):
                guard let time = anchor.time else { return .unknown("the \(evidence.name(of: anchor.console)) log has no times, so an absence over \(DiagnosisTimeFormat.length(needed.nanosecondCount)) cannot be measured") }
                start = time
            case .none: return .fails
            case .unknown(let why): return .unknown(why)
            }
        }
        // Lines without times (a shell's) leave the boot without a duration; its printk-timed
        // lines still measure how far the log went.
        guard let duration = evidence.boot.duration ?? evidence.latestTime else {
            return .unknown("the boot has no times, so an absence over \(DiagnosisTimeFormat.length(needed.nanosecondCount)) cannot be measured")
        }
        // A capture that went on listening after the last line saw the absence too.
        let end = Swift.max(duration, evidence.boot.facts.observedUntil ?? duration)
        if end - start >= needed.nanosecondCount { return .holds(bindings) }
        return .unknown("the capture ended \(DiagnosisTimeFormat.length(end - start)) after the event it waits from, before the \(DiagnosisTimeFormat.length(needed.nanosecondCount)) it needs")
    }

    private func repeated(_ original: EventSelector, count: Int, _ bindings: RuleBindings) -> ConditionOutcome {
        let selector: EventSelector
        switch resolved(original, bindings) {
        case .success(let concrete): selector = concrete
        case .failure(let why): return .unknown(why.reason)
        }
        var found: [MatchedLine] = []
        var reason: String?
        let anchors: Anchors
        switch anchorsOf(selector, bindings) {
        case .resolved(let resolved): anchors = resolved
        case .missing: return .fails
        case .unknown(let why): return .unknown(why)
        }
        evidence.events.withUnsafeBufferPointer { events in
            for position in evidence.candidates(for: selector) {
                switch matches(events[position], selector, anchors) {
                case .yes: found.append(MatchedLine(events[position]))
                case .no: continue
                case .unknown(let why): reason = reason ?? why
                }
            }
        }
        guard found.count >= count else { return reason.map(ConditionOutcome.unknown) ?? .fails }
        var line = found[count - 1]
        line.extras["count"] = "\(found.count)"
        var bound = bindings
        bound.bind(selector.binding, line)
        return .holds(bound)
    }

    private func ordered(_ first: EventReference, _ then: EventReference, _ bindings: RuleBindings) -> ConditionOutcome {
        let earlier: MatchedLine, later: MatchedLine
        switch resolve(first, bindings) {
        case .found(let line): earlier = line
        case .none: return .fails
        case .unknown(let why): return .unknown(why)
        }
        switch resolve(then, bindings) {
        case .found(let line): later = line
        case .none: return .fails
        case .unknown(let why): return .unknown(why)
        }
        switch evidence.isAfter(later, earlier) {
        case .yes:
            var bound = bindings
            if case .selector(let selector) = first { bound.bind(selector.binding, earlier) }
            if case .selector(let selector) = then { bound.bind(selector.binding, later) }
            return .holds(bound)
        case .no: return .fails
        case .unknown(let why): return .unknown(why)
        }
    }

    /// Why a rule waits while the boot is still going on (live findings during a capture).
    static let stillBooting = "the boot is still in progress"
    /// Lines from the first garbage line on that a boot in progress needs before its garbage
    /// ratio counts: one noisy line at power-on is not yet a console gone to garbage.
    static let garbageLinesBeforeJudging = 8

    private func garbageOutcome(_ garbage: GarbageCondition, _ bindings: RuleBindings) -> ConditionOutcome {
        let ids = garbage.console.map(evidence.consoleIDs(of:)) ?? evidence.boot.lanes.map(\.console)
        var reason: String?
        for id in ids where (evidence.lanes[id]?.lineCount ?? 0) > 0 {
            guard let activity = evidence.activity[id] else {
                reason = reason ?? "no garbage statistics for the \(evidence.name(of: id)) console in this boot"
                continue
            }
            guard let first = activity.firstGarbageLine, activity.garbageRatio >= garbage.ratio else { continue }
            if evidence.inProgress, activity.linesFromFirstGarbage < Self.garbageLinesBeforeJudging {
                reason = reason ?? Self.stillBooting
                continue
            }
            if let clean = garbage.afterCleanLines {
                guard activity.cleanLinesBeforeGarbage >= clean else { continue }
            } else {
                guard activity.cleanLinesBeforeGarbage == 0 else { continue }
            }
            var line = MatchedLine(first)
            line.extras["garbage-ratio"] = "\(Int((activity.garbageRatio * 100).rounded())) %"
            var bound = bindings
            bound.bind(garbage.binding, line)
            return .holds(bound)
        }
        return reason.map(ConditionOutcome.unknown) ?? .fails
    }
}
