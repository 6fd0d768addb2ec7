import Foundation

/// `analyze DIR...` for people: a row per session as it is read, then which rule fired on which
/// board (in how many boots, first and last seen), the boots that differ from their board's
/// majority, and what was left out.
struct FarmTextRenderer {
    let width: Int
    let nameWidth: Int
    static let boardWidth = 16
    static let verdictWidth = 16
    /// Differing boots listed per board; the rest are counted.
    static let differingShown = 20

    init(width: Int, names: [String]) {
        self.width = width
        nameWidth = min(max(7, names.map(\.count).max() ?? 7), max(12, width / 3))
    }

    func tableHead() -> String {
        line(["SESSION".padded(nameWidth), "BOARD".padded(Self.boardWidth), "BOOTS", "VERDICT".padded(Self.verdictWidth), "FINDINGS"])
    }

    func row(_ session: FarmSummary.Session) -> String {
        let verdict: String = session.failure != nil ? "unreadable" : session.outcome.map(Self.words) ?? "inconclusive"
        let findings = session.failure ?? session.rules.map { "\($0.rule) (\($0.boots))" }.joined(separator: ", ")
        return line([
            Self.cut(session.input.name, nameWidth, fromStart: true).padded(nameWidth), Self.cut(session.board.name, Self.boardWidth).padded(Self.boardWidth),
            String(session.boots).leftPadded(5), verdict.padded(Self.verdictWidth), findings.isEmpty ? "-" : findings,
        ])
    }

    func closing(_ summary: FarmSummary, names: (Int) -> String, skippedFiles: Int) -> String {
        var text = "\nRules by board:\n"
        let rules = summary.rulesByBoard
        if rules.isEmpty { text += "  no rule fired in any boot\n" }
        let ruleWidth = min(max(4, rules.map { $0[0].rule.count }.max() ?? 4), 40)
        if !rules.isEmpty {
            text += line(["  " + "RULE".padded(ruleWidth), "BOARD".padded(Self.boardWidth), "BOOTS".padded(12), "SESSIONS"])
        }
        for entries in rules {
            for entry in entries {
                let boots = "\(entry.boots) of \(summary.boards[entry.board]?.boots ?? 0)"
                text += line([
                    "  " + Self.cut(entry.rule, ruleWidth).padded(ruleWidth), Self.cut(entry.board, Self.boardWidth).padded(Self.boardWidth),
                    boots.padded(12), String(entry.sessions).leftPadded(8),
                ])
                text += line(["    first seen \(Self.place(entry.first, names))"]) + line(["    last seen  \(Self.place(entry.last, names))"])
            }
        }
        text += "\nBoots that differ from their board's majority:\n"
        var anyDiffer = false
        for name in summary.boardNames {
            guard let board = summary.boards[name], let majority = board.majority, majority.boots < board.boots else { continue }
            anyDiffer = true
            let (differing, leftOut) = board.differing(limit: Self.differingShown)
            let usual = majority.rules.isEmpty ? "no finding" : majority.rules.joined(separator: ", ")
            text += "  \(name): the majority, \(majority.boots) of \(board.boots) boots: \(usual)\n"
            for boot in differing {
                let session = names(boot.session)
                let rules = boot.rules.isEmpty ? "no finding" : boot.rules.joined(separator: ", ")
                text += "    boot \(boot.boardBoot) of \(board.boots) differs (\(session) boot \(boot.boot)): \(rules)\n"
            }
            if leftOut > 0 { text += "    and \(leftOut) more boot\(leftOut == 1 ? "" : "s") differ\n" }
        }
        if !anyDiffer { text += "  none: every board's boots have the same findings\n" }
        if !summary.unsureShown.isEmpty {
            text += "\nNot really checked:\n"
            for (session, why) in summary.unsureShown { text += "  \(names(session)): \(why)\n" }
            let more = summary.unsureSessions - summary.unsureShown.count
            if more > 0 { text += "  and \(more) more session\(more == 1 ? "" : "s")\n" }
        }
        let unreadable = summary.unreadable
        text += "\n\(summary.sessionCount) session\(summary.sessionCount == 1 ? "" : "s"), \(summary.totalBoots) boots, "
            + "\(summary.boards.count) board\(summary.boards.count == 1 ? "" : "s")"
            + (unreadable > 0 ? "; \(unreadable) could not be read" : "")
            + (skippedFiles > 0 ? "; \(skippedFiles) file\(skippedFiles == 1 ? "" : "s") neither a session nor a log (*.log, *.txt) left out" : "") + ".\n"
        return text
    }

    private static func place(_ sighting: FarmSummary.Sighting, _ names: (Int) -> String) -> String {
        var text = "\(names(sighting.session)) boot \(sighting.boot)"
        if let wall = sighting.wallClock {
            let date = Date(timeIntervalSince1970: Double(wall) / 1e9)
            text += " (" + ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withInternetDateTime]) + ")"
        }
        return text
    }

    private static func words(_ outcome: VerdictOutcome) -> String {
        switch outcome {
        case .problemsFound: "problems found"
        case .noProblemFound: "no problem found"
        case .inconclusive: "inconclusive"
        }
    }

    /// Columns joined by two spaces, cut to the width.
    private func line(_ columns: [String]) -> String {
        let joined = columns.joined(separator: "  ")
        return (joined.count > width ? String(joined.prefix(width - 1)) + "…" : joined) + "\n"
    }

    /// `text` in at most `count` characters; a path keeps its end.
    static func cut(_ text: String, _ count: Int, fromStart: Bool = false) -> String {
        guard text.count > count else { return text }
        return fromStart ? "…" + text.suffix(count - 1) : text.prefix(count - 1) + "…"
    }
}

private extension String {
    func padded(_ count: Int) -> String { self.count >= count ? self : self + String(repeating: " ", count: count - self.count) }
    func leftPadded(_ count: Int) -> String { self.count >= count ? self : String(repeating: " ", count: count - self.count) + self }
}
