/// What `analyze DIR...` says across sessions, gathered one boot at a time: per rule and board,
/// in how many boots and sessions it fired and where it was first and last seen; per board, its
/// boots grouped by the set of rules that fired, so the boots that differ from the majority can be
/// named ("boot 37 of 200 differs"). Holds the session being read, counts, and per board where
/// each session's boots start; never a boot, and a finished session only as its index (the
/// records go out as they finish). The boots of a group are runs of numbers (`BootNumbers`).
public struct FarmSummary: Sendable {
    /// Where a rule was seen: the session (0-based index into the inputs), its boot, the boot's
    /// number among its board's boots, and its wall-clock start when the input had one.
    public struct Sighting: Sendable, Hashable {
        public var session: Int
        public var boot: Int
        public var boardBoot: Int
        public var wallClock: Int64?
    }

    public struct RuleOnBoard: Sendable {
        public var rule: String
        public var board: String
        public var severity: FindingSeverity
        public var title: String
        public var boots = 0
        public var sessions = 0
        public var first: Sighting
        public var last: Sighting
    }

    /// The session being read (and, once finished, until the next one starts).
    public struct Session: Sendable {
        public var index: Int
        public var input: FarmInput
        public var board: BoardName
        public var boots = 0
        /// Rules that fired, in the order first seen, with the boots they fired in.
        public var rules: [(rule: String, boots: Int)] = []
        public var outcome: VerdictOutcome?
        public var headline: String?
        /// Why it could not be read.
        public var failure: String?
        public var warnings: [String] = []
    }

    public struct Board: Sendable {
        public var name: String
        public var sessions = 0
        public var boots = 0
        public var outcomes: [VerdictOutcome: Int] = [:]
        /// Boots (board numbers) by the sorted rule ids that fired in them ("" for none).
        public var groups: [String: BootNumbers] = [:]
        /// Where each session's boots start among the board's, ascending: to name a boot's session.
        var sessionStarts: [(firstBoardBoot: Int, session: Int)] = []

        /// The finding set most boots share (ties: the one seen first) and how many boots share it.
        public var majority: (rules: [String], boots: Int)? {
            let best = groups.max { left, right in
                left.value.count != right.value.count ? left.value.count < right.value.count : (left.value.first ?? 0) > (right.value.first ?? 0)
            }
            return best.map { (Self.rules(of: $0.key), $0.value.count) }
        }

        /// Boots outside the majority, ascending, with the rules that fired in each; at most `limit`.
        public func differing(limit: Int) -> (boots: [(boardBoot: Int, session: Int, boot: Int, rules: [String])], leftOut: Int) {
            guard let majority else { return ([], 0) }
            let key = majority.rules.joined(separator: ",")
            var all: [(Int, [String])] = []
            var total = 0
            for (group, numbers) in groups where group != key {
                total += numbers.count
                for number in numbers.prefix(limit) { all.append((number, Self.rules(of: group))) }
            }
            all.sort { $0.0 < $1.0 }
            let shown = all.prefix(limit).map { number, rules in
                let start = sessionStarts.last { $0.firstBoardBoot <= number } ?? (firstBoardBoot: 1, session: 0)
                return (boardBoot: number, session: start.session, boot: number - start.firstBoardBoot + 1, rules: rules)
            }
            return (Array(shown), total - shown.count)
        }

        static func rules(of key: String) -> [String] {
            key.isEmpty ? [] : key.split(separator: ",").map(String.init)
        }
    }

    public private(set) var current: Session?
    public private(set) var boards: [String: Board] = [:]
    /// Per rule, per board.
    public private(set) var rules: [String: [String: RuleOnBoard]] = [:]
    public private(set) var totalBoots = 0
    public private(set) var sessionCount = 0
    public private(set) var unreadable = 0
    public private(set) var problemSessions = 0
    /// Sessions inconclusive or unreadable: their count, and the first few (index, why).
    public private(set) var unsureSessions = 0
    public private(set) var unsureShown: [(session: Int, why: String)] = []
    /// Sessions kept in `unsureShown`; the rest are counted.
    static let unsureKept = 20

    public init() {}

    public mutating func start(_ input: FarmInput, index: Int, board: BoardName) {
        var tally = boards[board.name] ?? Board(name: board.name)
        tally.sessions += 1
        tally.sessionStarts.append((tally.boots + 1, index))
        boards[board.name] = tally
        current = Session(index: index, input: input, board: board)
        sessionCount += 1
    }

    public mutating func add(_ boot: BootTimeline, diagnosis: BootDiagnosis) {
        guard var session = current else { return }
        let board = session.board.name
        session.boots += 1
        totalBoots += 1
        boards[board]!.boots += 1
        let boardBoot = boards[board]!.boots
        let sighting = Sighting(session: session.index, boot: diagnosis.boot, boardBoot: boardBoot, wallClock: boot.wallClockStart)
        var fired: [String] = []
        for finding in diagnosis.findings where !fired.contains(finding.rule) {
            fired.append(finding.rule)
            if let position = session.rules.firstIndex(where: { $0.rule == finding.rule }) {
                session.rules[position].boots += 1
            } else {
                session.rules.append((finding.rule, 1))
            }
            var entry = rules[finding.rule, default: [:]][board]
                ?? RuleOnBoard(rule: finding.rule, board: board, severity: finding.severity, title: finding.title, first: sighting, last: sighting)
            if entry.boots == 0 || entry.last.session != session.index { entry.sessions += 1 }
            entry.boots += 1
            entry.severity = max(entry.severity, finding.severity)
            entry.last = sighting
            rules[finding.rule, default: [:]][board] = entry
        }
        boards[board]!.groups[fired.sorted().joined(separator: ","), default: BootNumbers()].insert(boardBoot)
        current = session
    }

    public mutating func finish(verdict: Verdict?, failure: String?, warnings: [String]) {
        guard var session = current else { return }
        session.outcome = verdict?.outcome
        session.headline = verdict?.headline
        session.failure = failure
        session.warnings = warnings
        current = session
        let outcome = verdict?.outcome ?? .inconclusive
        boards[session.board.name]!.outcomes[outcome, default: 0] += 1
        if failure != nil { unreadable += 1 }
        if outcome == .problemsFound { problemSessions += 1 }
        if outcome == .inconclusive {
            unsureSessions += 1
            if unsureShown.count < Self.unsureKept { unsureShown.append((session.index, failure.map { "could not be read: " + $0 } ?? verdict?.headline ?? "")) }
        }
    }

    /// Boards in natural order.
    public var boardNames: [String] { boards.keys.sorted(by: FarmInputs.naturalOrder) }

    /// Rules most severe first, then by id; each with its boards in natural order.
    public var rulesByBoard: [[RuleOnBoard]] {
        rules.values.map { $0.values.sorted { FarmInputs.naturalOrder($0.board, $1.board) } }
            .sorted { left, right in
                let (l, r) = (left.map(\.severity).max()!, right.map(\.severity).max()!)
                return l != r ? l > r : left[0].rule < right[0].rule
            }
    }

    /// Across sessions: problems found if any session has them, else inconclusive if any could
    /// not really be checked (or read), else no problem found. `name` gives a session's name.
    public func verdict(name: (Int) -> String) -> (outcome: VerdictOutcome, headline: String) {
        let count = sessionCount
        let boardCount = boards.count
        let counted = "\(count) session\(count == 1 ? "" : "s") (\(totalBoots) boot\(totalBoots == 1 ? "" : "s"), \(boardCount) board\(boardCount == 1 ? "" : "s"))"
        let unsureText = unsureShown.prefix(3).map { name($0.session) }.joined(separator: ", ")
            + (unsureSessions > 3 ? " and \(unsureSessions - 3) more" : "")
        if problemSessions > 0 {
            let fired = rulesByBoard.flatMap { $0 }.filter { $0.severity != .info }.prefix(5)
                .map { "\($0.rule) on \($0.board) (\($0.boots) of \(boards[$0.board]!.boots) boots)" }
            var headline = "FAILED: problems found in \(problemSessions) of \(counted): " + fired.joined(separator: ", ") + "."
            if unsureSessions > 0 { headline += " Not really checked: \(unsureSessions) (\(unsureText))." }
            return (.problemsFound, headline)
        }
        if unsureSessions > 0 {
            return (.inconclusive, "INCONCLUSIVE: nothing wrong was found, but \(unsureSessions) of \(counted) could not really be checked (\(unsureText)); each says why above.")
        }
        return (.noProblemFound, "No problem found in \(counted).")
    }
}
