/// The answer to "is something wrong?", never a silent all-clear: problems found, no problem
/// found, or inconclusive when the input could not really be checked (empty, cut short, not
/// recognized, or the rules that matter for what it shows could not be evaluated).
public enum VerdictOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case problemsFound = "problems-found"
    case noProblemFound = "no-problem-found"
    case inconclusive

    /// The exit status of `analyze` and `report` (README, `ampscope analyze --help`).
    public var exitStatus: Int32 {
        switch self {
        case .noProblemFound: 0
        case .inconclusive: 2
        case .problemsFound: 3
        }
    }
}

/// Something that kept the input from being checked: what is missing, and how to get it.
public struct VerdictGap: Sendable, Hashable, Codable {
    public var missing: String
    public var remedy: String
    /// 1-based boots it applies to (empty for the input as a whole), as runs: flat on a soak log.
    public var bootNumbers: BootNumbers

    public init(missing: String, remedy: String, boots: [Int]) {
        self.missing = missing
        self.remedy = remedy
        bootNumbers = BootNumbers(boots)
    }

    /// Ascending (built from the runs on each call).
    public var boots: [Int] { Array(bootNumbers) }

    // The document keeps `boots` as a list of numbers.
    private enum CodingKeys: String, CodingKey {
        case missing, remedy, boots
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            missing: try container.decode(String.self, forKey: .missing), remedy: try container.decode(String.self, forKey: .remedy),
            boots: try container.decode([Int].self, forKey: .boots))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(missing, forKey: .missing)
        try container.encode(remedy, forKey: .remedy)
        try container.encode(boots, forKey: .boots)
    }
}

public struct Verdict: Sendable, Hashable, Codable {
    public var outcome: VerdictOutcome
    /// One or two sentences; for an inconclusive input, what is missing and how to get it.
    public var headline: String
    /// Why the answer is inconclusive (or, beside problems found, what else could not be checked).
    public var gaps: [VerdictGap]
    /// What was left out without making the answer inconclusive: rules that need a console the
    /// input does not have.
    public var caveats: [String]

    public init(outcome: VerdictOutcome, headline: String, gaps: [VerdictGap], caveats: [String]) {
        self.outcome = outcome
        self.headline = headline
        self.gaps = gaps
        self.caveats = caveats
    }
}

/// Builds the verdict from each boot's diagnosis as it comes, keeping only counts, the distinct
/// gaps and caveats (bounded by their texts, not by the boots).
public struct VerdictJudge: Sendable {
    private var boots = 0
    private var errors = 0
    private var warnings = 0
    private var notes = 0
    private var gaps: [VerdictGap] = []
    private var caveatRules: [(console: String, rules: [String])] = []
    /// Distinct gaps kept (each names its boots); more are only counted, so a soak log whose
    /// boots each miss something different stays in bounded memory.
    static let distinctGaps = 20
    private var gapsLeftOut = 0

    public init() {}

    public mutating func add(_ diagnosis: BootDiagnosis) {
        boots += 1
        for finding in diagnosis.findings {
            switch finding.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: notes += 1
            }
        }
        for gap in diagnosis.gaps ?? [] {
            if let index = gaps.firstIndex(where: { $0.missing == gap.missing }) {
                for boot in gap.bootNumbers { gaps[index].bootNumbers.insert(boot) }
            } else if gaps.count < Self.distinctGaps {
                gaps.append(gap)
            } else {
                gapsLeftOut += 1
            }
        }
        for item in diagnosis.notChecked {
            guard let console = CoverageCheck.absentConsole(in: item.reason) else { continue }
            if let index = caveatRules.firstIndex(where: { $0.console == console }) {
                if !caveatRules[index].rules.contains(item.rule) { caveatRules[index].rules.append(item.rule) }
            } else {
                caveatRules.append((console, [item.rule]))
            }
        }
    }

    /// The verdict; `problems` is the sentence naming the findings (the report's), used when any
    /// finding is a problem (severity warning or error).
    public func verdict(problems sentence: String) -> Verdict {
        var allGaps = gaps
        if boots == 0 {
            allGaps.append(VerdictGap(
                missing: "the input has no console output at all",
                remedy: "check that the file is the console log and not empty; for a capture, check the port, its baud rate (115200 8N1) and the wiring",
                boots: []))
        }
        if gapsLeftOut > 0 {
            allGaps.append(VerdictGap(
                missing: "\(gapsLeftOut) more boot\(gapsLeftOut == 1 ? "" : "s") could not be fully checked for other reasons",
                remedy: "run 'ampscope analyze' with --boot on them to see each", boots: []))
        }
        let caveats = caveatRules.map {
            "\($0.rules.count) rule\($0.rules.count == 1 ? "" : "s") that need\($0.rules.count == 1 ? "s" : "") the \($0.console) console "
                + "were not checked: the input has none (give its log with \($0.console == "microcontroller" ? "--m4" : "--a7"), or capture both)"
        }
        if errors + warnings > 0 {
            let rest = allGaps.isEmpty ? "" : " Not everything could be checked: \(allGaps[0].missing) (see 'Not checked')."
            return Verdict(outcome: .problemsFound, headline: sentence + rest, gaps: allGaps, caveats: caveats)
        }
        if let first = allGaps.first {
            let more = allGaps.count > 1 ? " (\(allGaps.count - 1) more thing\(allGaps.count == 2 ? "" : "s") could not be checked: see 'Not checked')" : ""
            return Verdict(
                outcome: .inconclusive,
                headline: "INCONCLUSIVE: nothing wrong was found, but \(first.missing); to check it, \(first.remedy).\(more)",
                gaps: allGaps, caveats: caveats)
        }
        let bootWord = boots == 1 ? "boot" : "boots"
        var headline = "No problem found in \(boots) \(bootWord)"
        if notes > 0 { headline += " (\(notes) note\(notes == 1 ? "" : "s"))" }
        headline += "."
        if let caveat = caveats.first { headline += " " + caveat.prefix(1).uppercased() + caveat.dropFirst() + "." }
        return Verdict(outcome: .noProblemFound, headline: headline, gaps: [], caveats: caveats)
    }
}
