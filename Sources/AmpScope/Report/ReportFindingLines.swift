/// The lines a report shows with each finding, not collapsed: on the consoles of its evidence,
/// a few lines before and after each evidence line (a fault's register dump follows its
/// headline); on every other console of that boot, the lines around what it printed nearest
/// in time (the M-core's own name-service line beside Linux's "rpmsg host is online", the
/// A-core's lines around an M-core fault). Only the first finding of each rule, as shown.
struct ReportFindingLinesPlan {
    struct Planned {
        var rule: String
        var range: ExcerptRange
        var consoleName: String
        var evidenceLines: [Int]
    }

    private(set) var ranges: [Planned] = []

    init(_ input: ReportInput, before: Int = 2, after: Int = 6, around: Int = 3, maximumRules: Int = 40) {
        let names = Dictionary(input.timeline.consoles.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var seen = Set<String>()
        for diagnosis in input.diagnoses {
            for finding in diagnosis.findings where seen.count < maximumRules && seen.insert(finding.rule).inserted {
                // Facts from the probe have no line (number 0).
                let lines = finding.evidence.filter { $0.lineNumber > 0 }
                var consoles: [UInt16] = []
                for line in lines where !consoles.contains(line.consoleID) { consoles.append(line.consoleID) }
                for console in consoles {
                    let numbers = lines.filter { $0.consoleID == console }.map(\.lineNumber).sorted()
                    var merged: [ExcerptRange] = []
                    for number in numbers {
                        let range = ExcerptRange(console: console, first: number - before, last: number + after)
                        if let last = merged.last, range.first <= last.last + 1 {
                            merged[merged.count - 1].last = max(last.last, range.last)
                        } else {
                            merged.append(range)
                        }
                    }
                    for range in merged {
                        ranges.append(Planned(
                            rule: finding.rule, range: range, consoleName: names[console] ?? "#\(console)",
                            evidenceLines: numbers.filter { $0 >= range.first && $0 <= range.last }))
                    }
                }
                guard let time = lines.compactMap(\.time).first,
                      let boot = input.timeline.boots.first(where: { $0.index == finding.boot }) else { continue }
                for lane in boot.lanes where !consoles.contains(lane.console) {
                    let timed = lane.events.filter { $0.event.isConsoleLine && $0.placement.time != nil }
                    guard let nearest = timed.min(by: { abs($0.placement.time! - time) < abs($1.placement.time! - time) }) else { continue }
                    ranges.append(Planned(
                        rule: finding.rule, range: ExcerptRange(console: lane.console, around: nearest.event.lineNumber, context: around),
                        consoleName: names[lane.console] ?? "#\(lane.console)", evidenceLines: []))
                }
            }
        }
    }
}

extension ReportDocument {
    /// The finding lines of `rule` as one block of rows: `a7 > 2311 | text`, a gap between ranges as `…`.
    func findingLineRows(_ rule: String) -> [(console: String, number: Int?, evidence: Bool, text: String)] {
        guard let blocks = findingLines?[rule], !blocks.isEmpty else { return [] }
        var rows: [(console: String, number: Int?, evidence: Bool, text: String)] = []
        for (index, block) in blocks.enumerated() {
            if index > 0 { rows.append((block.consoleName, nil, false, "⋮")) }
            for line in block.lines {
                rows.append((block.consoleName, line.number, block.evidenceLines.contains(line.number), line.text))
            }
        }
        return rows
    }
}
