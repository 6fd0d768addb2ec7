/// The `silent` primitive: a console that printed, stopped within Δ of an event, and stayed
/// silent for at least T until the boot ended (or the capture stopped listening); or a console that printed nothing all boot.
struct SilenceEvaluation {
    let evidence: BootEvidence
    let evaluator: ConditionEvaluator

    func evaluate(_ silence: SilenceCondition, _ bindings: RuleBindings) -> ConditionOutcome {
        let ids = evidence.consoleIDs(of: silence.console)
        guard !ids.isEmpty else { return .unknown("the input has no \(silence.console.rawValue) console") }
        if silence.wholeBoot {
            let quiet = ids.contains { (evidence.lanes[$0]?.lineCount ?? 0) == 0 }
            guard quiet else { return .fails }
            return evidence.inProgress ? .unknown(ConditionEvaluator.stillBooting) : .holds(bindings)
        }
        var reason: String?
        for id in ids {
            switch stop(of: id, silence, bindings) {
            case .holds(let bound): return .holds(bound)
            case .fails: continue
            case .unknown(let why): reason = reason ?? why
            }
        }
        return reason.map(ConditionOutcome.unknown) ?? .fails
    }

    private func stop(of console: UInt16, _ silence: SilenceCondition, _ bindings: RuleBindings) -> ConditionOutcome {
        // Active before means more than one line: a lone banner fragment is not a console that stopped.
        guard let lane = evidence.lanes[console], lane.lineCount >= 2, let last = lane.lastLine, let first = lane.firstLine else {
            return .fails
        }
        guard let lastTime = last.placement.time else {
            return .unknown("the \(evidence.name(of: console)) log has no times, so its silence cannot be measured")
        }
        guard let duration = evidence.boot.duration else { return .unknown("the boot has no times, so a silence cannot be measured") }
        // A capture that went on listening after the last line saw the silence too.
        let end = Swift.max(duration, evidence.boot.facts.observedUntil ?? duration)
        let silent = end - lastTime
        guard silent >= silence.forAtLeast.nanosecondCount else { return .fails }
        let stopLine = MatchedLine(last)

        var candidates: [MatchedLine] = []
        var anchorBinding: String?
        switch silence.near {
        case nil: return .fails
        case .bound(let name):
            guard let anchor = bindings[name] else { return .unknown("it depends on '\(name)', which could not be established") }
            candidates = [anchor]
        case .selector(let selector):
            anchorBinding = selector.binding
            let anchors: ConditionEvaluator.Anchors
            switch evaluator.anchorsOf(selector, bindings) {
            case .resolved(let resolved): anchors = resolved
            case .missing: return .fails
            case .unknown(let why): return .unknown(why)
            }
            evidence.events.withUnsafeBufferPointer { events in
                for position in evidence.candidates(for: selector) {
                    if case .yes = evaluator.matches(events[position], selector, anchors) { candidates.append(MatchedLine(events[position])) }
                }
            }
        }
        var best: (line: MatchedLine, distance: Int64)?
        var reason: String?
        for anchor in candidates {
            if anchor.console != console, let problem = evidence.crossConsoleProblem(anchor, stopLine) {
                reason = reason ?? problem
                continue
            }
            guard let anchorTime = anchor.time else {
                reason = reason ?? "the \(evidence.name(of: anchor.console)) log has no times"
                continue
            }
            // Having been active before the event: the console's first line precedes it.
            guard let firstTime = first.placement.time, firstTime < anchorTime else { continue }
            let distance = abs(lastTime - anchorTime)
            let tolerance = evidence.tolerance(anchor, stopLine)
            guard distance <= silence.within.nanosecondCount + tolerance else { continue }
            if let after = silence.afterWithin, lastTime - anchorTime > after.nanosecondCount + tolerance { continue }
            if best == nil || distance < best!.distance { best = (anchor, distance) }
        }
        guard let (anchor, distance) = best else { return reason.map(ConditionOutcome.unknown) ?? .fails }
        var line = stopLine
        line.extras["delay"] = DiagnosisTimeFormat.length(distance)
        line.extras["relation"] = lastTime >= anchor.time! ? "after" : "before"
        line.extras["silence"] = DiagnosisTimeFormat.length(silent)
        var bound = bindings
        bound.bind(anchorBinding, anchor)
        bound.bind(silence.binding, line)
        return .holds(bound)
    }
}
