import Foundation

/// `analyze DIR... --format json`: one document, versioned as a single input's (`tool`,
/// `version` first), written while the inputs are read. Each finding goes out as its boot is
/// diagnosed, wrapped with its board and session (`{"board", "finding", "session"}`, the finding
/// exactly as docs/analyze-json.md has it); then `sessions`, `rules` (per rule, per board),
/// `boards` (majority and the boots that differ), `summary`, `warnings` and `verdict`.
/// Layout in docs/analyze-sessions-json.md. Keys within every object are sorted.
struct FarmJSONWriter {
    private let output: (String) throws -> Void
    private var findingsWritten = 0
    private var scratch = JSONBytes(capacity: 1 << 16)
    /// The session records, written as each session ends, wait here until `sessions` is written.
    private var spill: BootSpill?
    private var recordsSpilled = 0
    /// Differing boots listed per board; the rest are counted in `differingLeftOut`.
    static let differingListed = 100

    init(output: @escaping (String) throws -> Void) {
        self.output = output
    }

    mutating func start() throws {
        scratch.removeAll()
        scratch.raw("{\"tool\":\"ampscope\",\"version\":"); scratch.string(AmpScopeVersion.string); scratch.raw(",\"findings\":[")
        try output(scratch.text)
    }

    mutating func write(_ findings: [Finding], session: Int, board: String) throws {
        guard !findings.isEmpty else { return }
        scratch.removeAll()
        for finding in findings {
            scratch.raw(findingsWritten == 0 ? "\n" : ",\n")
            scratch.raw("{"); scratch.key("board"); scratch.string(board); scratch.comma()
            scratch.key("finding"); scratch.finding(finding); scratch.comma()
            scratch.key("session"); scratch.int(session); scratch.raw("}")
            findingsWritten += 1
        }
        try output(scratch.text)
    }

    /// The finished session's record, to the scratch file.
    mutating func record(_ session: FarmSummary.Session) throws {
        if spill == nil { spill = try BootSpill() }
        scratch.removeAll()
        scratch.raw(recordsSpilled == 0 ? "\n" : ",\n")
        sessionRecord(session)
        try spill?.append(scratch.bytes)
        recordsSpilled += 1
    }

    mutating func finish(_ summary: FarmSummary, skippedFiles: [String], verdict: (outcome: VerdictOutcome, headline: String)) throws {
        try output("\n],\"sessions\":[")
        if let spill { try spill.copy(to: output) }
        spill = nil
        scratch.removeAll()
        scratch.raw("\n],\"rules\":[")
        for (index, entries) in summary.rulesByBoard.enumerated() {
            if index > 0 { scratch.comma() }
            scratch.raw("{"); scratch.key("boards"); scratch.raw("[")
            for (position, entry) in entries.enumerated() {
                if position > 0 { scratch.comma() }
                scratch.raw("{"); scratch.key("board"); scratch.string(entry.board); scratch.comma()
                scratch.key("boardBoots"); scratch.int(summary.boards[entry.board]?.boots ?? 0); scratch.comma()
                scratch.key("boots"); scratch.int(entry.boots); scratch.comma()
                scratch.key("first"); sighting(entry.first); scratch.comma()
                scratch.key("last"); sighting(entry.last); scratch.comma()
                scratch.key("sessions"); scratch.int(entry.sessions); scratch.comma()
                scratch.key("severity"); scratch.string(entry.severity.rawValue); scratch.raw("}")
            }
            scratch.raw("]"); scratch.comma()
            scratch.key("rule"); scratch.string(entries[0].rule); scratch.comma()
            scratch.key("severity"); scratch.string(entries.map(\.severity).max()!.rawValue); scratch.comma()
            scratch.key("title"); scratch.string(entries[0].title); scratch.raw("}")
            if scratch.bytes.count >= 1 << 16 { try flush() }
        }
        scratch.raw("],\"boards\":[")
        for (index, name) in summary.boardNames.enumerated() {
            if index > 0 { scratch.comma() }
            board(summary.boards[name]!, summary)
            if scratch.bytes.count >= 1 << 16 { try flush() }
        }
        scratch.raw("],\"summary\":{"); scratch.key("boards"); scratch.int(summary.boards.count); scratch.comma()
        scratch.key("boots"); scratch.int(summary.totalBoots); scratch.comma()
        scratch.key("sessions"); scratch.int(summary.sessionCount); scratch.comma()
        scratch.key("skippedFiles"); scratch.int(skippedFiles.count); scratch.comma()
        scratch.key("unreadable"); scratch.int(summary.unreadable); scratch.raw("}")
        scratch.raw(",\"warnings\":")
        scratch.strings(skippedFiles.isEmpty ? [] : ["\(skippedFiles.count) files are neither a session nor a log (*.log, *.txt) and were left out, e.g. \(skippedFiles[0])"])
        scratch.raw(",\"verdict\":{"); scratch.key("headline"); scratch.string(verdict.headline); scratch.comma()
        scratch.key("outcome"); scratch.string(verdict.outcome.rawValue); scratch.raw("}}\n")
        try flush()
    }

    private mutating func flush() throws {
        try output(scratch.text)
        scratch.removeAll()
    }

    private mutating func sessionRecord(_ session: FarmSummary.Session) {
        scratch.raw("{"); scratch.key("board"); scratch.string(session.board.name); scratch.comma()
        scratch.key("boardFrom"); scratch.string(session.board.source.rawValue); scratch.comma()
        scratch.key("boots"); scratch.int(session.boots); scratch.comma()
        if let failure = session.failure { scratch.key("error"); scratch.string(failure); scratch.comma() }
        scratch.key("index"); scratch.int(session.index + 1); scratch.comma()
        scratch.key("kind"); scratch.string(session.input.kind.rawValue); scratch.comma()
        scratch.key("path"); scratch.string(session.input.path); scratch.comma()
        scratch.key("rules"); scratch.raw("[")
        for (position, rule) in session.rules.enumerated() {
            if position > 0 { scratch.comma() }
            scratch.raw("{"); scratch.key("boots"); scratch.int(rule.boots); scratch.comma(); scratch.key("rule"); scratch.string(rule.rule); scratch.raw("}")
        }
        scratch.raw("]"); scratch.comma()
        if let outcome = session.outcome, let headline = session.headline {
            scratch.key("verdict"); scratch.raw("{"); scratch.key("headline"); scratch.string(headline); scratch.comma()
            scratch.key("outcome"); scratch.string(outcome.rawValue); scratch.raw("}"); scratch.comma()
        }
        scratch.key("warnings"); scratch.strings(session.warnings); scratch.raw("}")
    }

    private mutating func sighting(_ sighting: FarmSummary.Sighting) {
        scratch.raw("{"); scratch.key("boardBoot"); scratch.int(sighting.boardBoot); scratch.comma()
        scratch.key("boot"); scratch.int(sighting.boot); scratch.comma()
        scratch.key("session"); scratch.int(sighting.session + 1)
        if let wall = sighting.wallClock { scratch.comma(); scratch.key("wallClock"); scratch.int(wall) }
        scratch.raw("}")
    }

    private mutating func board(_ board: FarmSummary.Board, _ summary: FarmSummary) {
        let (differing, leftOut) = board.differing(limit: Self.differingListed)
        scratch.raw("{"); scratch.key("board"); scratch.string(board.name); scratch.comma()
        scratch.key("boots"); scratch.int(board.boots); scratch.comma()
        scratch.key("differing"); scratch.raw("[")
        for (index, boot) in differing.enumerated() {
            if index > 0 { scratch.comma() }
            scratch.raw("{"); scratch.key("boardBoot"); scratch.int(boot.boardBoot); scratch.comma()
            scratch.key("boot"); scratch.int(boot.boot); scratch.comma()
            scratch.key("rules"); scratch.strings(boot.rules); scratch.comma()
            scratch.key("session"); scratch.int(boot.session + 1); scratch.raw("}")
        }
        scratch.raw("]"); scratch.comma()
        scratch.key("differingLeftOut"); scratch.int(leftOut); scratch.comma()
        if let majority = board.majority {
            scratch.key("majority"); scratch.raw("{"); scratch.key("boots"); scratch.int(majority.boots); scratch.comma()
            scratch.key("rules"); scratch.strings(majority.rules); scratch.raw("}"); scratch.comma()
        }
        scratch.key("outcomes"); scratch.raw("{")
        for (index, outcome) in VerdictOutcome.allCases.sorted(by: { $0.rawValue < $1.rawValue }).enumerated() {
            if index > 0 { scratch.comma() }
            scratch.string(outcome.rawValue); scratch.raw(":"); scratch.int(board.outcomes[outcome] ?? 0)
        }
        scratch.raw("}"); scratch.comma()
        scratch.key("sessions"); scratch.int(board.sessions); scratch.raw("}")
    }
}
