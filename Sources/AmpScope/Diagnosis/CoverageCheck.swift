/// What kept one boot from being really checked, for the verdict: no lines, no line recognized,
/// a log that ends before the boot did, or rules that matter for what the boot shows but could
/// not be evaluated. Each gap says what is missing and how to get it.
struct CoverageCheck {
    let evidence: BootEvidence

    /// `unchecked`: positions in `rules` of those that could not be evaluated on this boot, with why.
    func gaps(findings: [Finding], unchecked: [(order: Int, reason: String)], of rules: [Rule]) -> [CoverageGap] {
        let lines = evidence.boot.lanes.reduce(0) { $0 + $1.lineCount }
        guard lines > 0 else { return [.noLines(endsWithInput: evidence.boot.facts.endsWithInput)] }
        guard !evidence.events.isEmpty else { return [.nothingRecognized(lines: lines)] }
        var gaps: [CoverageGap] = []
        let problems = findings.contains { $0.severity >= .warning }
        if !problems, let cut = truncation() { gaps.append(.other(missing: cut, remedy: Self.captureWholeBoot)) }
        var byReason: [(reason: String, rules: [String])] = []
        for (order, reason) in unchecked where Self.absentConsole(in: reason) == nil && matters(rules[order].condition) {
            if let index = byReason.firstIndex(where: { $0.reason == reason }) {
                byReason[index].rules.append(rules[order].id)
            } else {
                byReason.append((reason, [rules[order].id]))
            }
        }
        for (reason, rules) in byReason {
            gaps.append(.other(missing: "\(reason), so \(rules.joined(separator: ", ")) could not be checked", remedy: Self.remedy(for: reason)))
        }
        return gaps
    }

    static let captureWholeBoot = "capture until the board reaches its login prompt (or stops for good) and analyze the whole log"

    /// The application console's log ends before Linux reached userspace, with nothing wrong
    /// found on the way: the rest of the boot was not captured (or the board stopped silently).
    func truncation() -> String? {
        guard evidence.boot.facts.endsWithInput else { return nil }
        for id in evidence.consoleIDs(of: .application) {
            guard let lane = evidence.lanes[id], lane.lineCount > 0, let last = lane.lastLine else { continue }
            let phases = lane.phases.map(\.phase)
            if phases.contains(where: { [.userspace, .login, .halted].contains($0) }) { continue }
            // U-Boot's prompt is no end of a boot: Linux's part was not captured.
            let prompted = lane.events.contains { ["login-prompt", "shell-prompt"].contains($0.event.name) }
            if prompted { continue }
            let at = last.placement.time.map { " at \(DiagnosisTimeFormat.instant($0))" } ?? ""
            let phase = phases.last.map { " in the \($0.title) phase" } ?? ""
            return "the \(evidence.name(of: id)) log ends\(at)\(phase) (line \(last.lineNumber): \"\(last.text)\"), before Linux reached userspace, a login or a shell prompt, so the rest of the boot was not seen"
        }
        return nil
    }

    /// A rule matters for this boot when what it starts from is in it: every event its `all`
    /// needs (one branch of an `any`) occurs. Awaited absences, silences, garbage and facts are
    /// not looked at: they cannot be told without the evaluation that failed.
    func matters(_ condition: RuleCondition) -> Bool {
        switch condition {
        case .all(let children): return children.allSatisfy(matters)
        case .any(let children): return children.contains(where: matters)
        case .present(let selector), .repeated(let selector, _): return occurs(selector)
        case .ordered(let first, let then): return occurs(first) && occurs(then)
        case .silent(let silence): return occurs(silence.near)
        case .not, .absent, .garbage, .bootStartedBy, .fact: return true
        }
    }

    private func occurs(_ reference: EventReference?) -> Bool {
        guard case .selector(let selector)? = reference else { return true }
        return occurs(selector)
    }

    private func occurs(_ selector: EventSelector) -> Bool {
        selector.events.isEmpty || !evidence.candidates(for: EventSelector(events: selector.events)).isEmpty
    }

    /// "microcontroller" for "the input has no microcontroller console".
    static func absentConsole(in reason: String) -> String? {
        let prefix = "the input has no ", suffix = " console"
        guard reason.hasPrefix(prefix), reason.hasSuffix(suffix), reason.count > prefix.count + suffix.count else { return nil }
        return String(reason.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// How to get what a not-checked reason says is missing. The reasons are the engine's own
    /// sentences (ConditionEvaluator, SilenceEvaluation, Diagnoser.unmetRequirement).
    static func remedy(for reason: String) -> String {
        if reason.contains("host timestamps") || reason.contains("one host clock") || reason.contains("one time axis") || reason.contains("no times") {
            return "capture both consoles with 'ampscope capture', or log each with host times from one clock (tio -t, grabserial -t, ts) and pass them with --a7 and --m4"
        }
        if reason.contains("the capture ended") { return "capture for longer after that point: " + captureWholeBoot }
        if reason.contains("garbage statistics") { return "capture the console with 'ampscope capture' so its raw bytes are kept" }
        return "capture both consoles with 'ampscope capture' from power-on until the board is up"
    }
}

/// A gap of one boot before the boot's number is known (boots diagnosed in parallel are numbered
/// once the boots before them are counted); two of them name the boot in their text.
enum CoverageGap: Sendable, Hashable {
    case noLines(endsWithInput: Bool)
    case nothingRecognized(lines: Int)
    case other(missing: String, remedy: String)

    func gap(boot: Int) -> VerdictGap {
        switch self {
        case .noLines(let endsWithInput):
            let whole = boot == 1 && endsWithInput
            return VerdictGap(
                missing: whole ? "the input has no console line at all" : "boot \(boot) has no console line",
                remedy: "check that the file is the console log and not empty; for a capture, check the port, its baud rate (115200 8N1) and the wiring",
                boots: [boot])
        case .nothingRecognized(let lines):
            return VerdictGap(
                missing: "none of the \(lines) lines of boot \(boot) is U-Boot, Linux or M-core output that ampscope knows",
                remedy: "check that this is a console log and name its console (--a7 for Linux, --m4 for the M-core) and format (--input-format); a .board script is played with 'ampscope replay'",
                boots: [boot])
        case .other(let missing, let remedy):
            return VerdictGap(missing: missing, remedy: remedy, boots: [boot])
        }
    }
}
