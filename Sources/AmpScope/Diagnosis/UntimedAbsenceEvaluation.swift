/// An `absent` whose window could not be measured (lines without times, or a capture that ended
/// inside it), decided from what the log shows instead: nothing matching after the anchor at
/// all, and either a later event proving the log went on (`followedBy`) or the log ending with
/// this boot (`logEnds`). The finding says so in a sentence and is one step less confident.
struct UntimedAbsenceEvaluation {
    let evidence: BootEvidence
    let evaluator: ConditionEvaluator

    func evaluate(
        _ selector: EventSelector, _ untimed: UntimedAbsence, wait: Duration?, timedReason: String, _ bindings: RuleBindings
    ) -> ConditionOutcome {
        // However late: without times a later match cannot be told from a timely one.
        var unbounded = selector
        unbounded.within = nil
        unbounded.untimed = nil
        switch evaluator.firstMatch(unbounded, bindings) {
        case .found: return .fails
        case .unknown: return .unknown(timedReason)
        case .none: break
        }
        var anchor: MatchedLine?
        if let after = selector.after {
            guard case .found(let line) = evaluator.resolve(after, bindings) else { return .unknown(timedReason) }
            anchor = line
        }
        let window = (wait ?? selector.within).map { DiagnosisTimeFormat.length($0.nanosecondCount) }
        let windowText = window.map { "the \($0) wait" } ?? "the wait"
        var bound = bindings
        switch untimed {
        case .followedBy(let events):
            var proof = EventSelector(events: events)
            if anchor != nil { proof.after = .bound(Self.anchorName) }
            var scope = bindings
            if let anchor { scope.bind(Self.anchorName, anchor) }
            guard case .found(let later) = evaluator.firstMatch(proof, scope) else { return .unknown(timedReason) }
            let from = anchor.map { " after \(evidence.name(of: $0.console)) line \($0.lineNumber)" } ?? ""
            bound.caveats.append(
                "\(windowText.capitalizedFirst) could not be measured (\(timedReason)); this is what the log shows instead: it goes on\(from) to "
                    + "\(evidence.name(of: later.console)) line \(later.lineNumber) (\"\(later.text)\") and the awaited line never appears.")
        case .logEnds:
            guard evidence.boot.facts.endsWithInput else { return .unknown(timedReason) }
            let place = anchor.map { " after \(evidence.name(of: $0.console)) line \($0.lineNumber) (\"\($0.text)\")" } ?? ""
            bound.caveats.append(
                "\(windowText.capitalizedFirst) could not be measured (\(timedReason)); this is what the log shows instead: it ends\(place) "
                    + "without the awaited line, so either that never came or the capture stopped too soon to show it.")
        }
        return .holds(bound)
    }

    /// A name no rule can bind (rule names start with a letter), for the proof's `after`.
    private static let anchorName = "0anchor"
}

extension FindingConfidence {
    /// One step less sure: a finding decided from what the log shows rather than measured.
    var lowered: FindingConfidence {
        switch self {
        case .high: .medium
        case .medium, .low: .low
        }
    }
}

private extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
