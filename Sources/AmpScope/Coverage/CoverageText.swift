/// The `rules coverage` listing: one line per format string, then the totals per folder.
extension KernelSourceCoverage {
    /// `onlyUncovered` lists just the formats no definition covers (the to-do list).
    /// `withSamples` adds, under each format, the line it was rendered into and classified as.
    public func listing(onlyUncovered: Bool = false, withSamples: Bool = false) -> [String] {
        var lines: [String] = []
        for row in rows where !(onlyUncovered && row.isCovered) {
            let covering: String
            if let definition = row.definition {
                covering = row.isCovered ? definition.id : "\(definition.id) (\(definition.severity.rawValue): too quiet)"
            } else {
                covering = "-"
            }
            // An asterisk marks a level read from the words of a U-Boot printf.
            let level = (row.call.level.rawValue + (row.call.levelInferred ? "*" : "")).padding(toLength: 9, withPad: " ", startingAt: 0)
            // The remote side's table may not know a line number.
            let place = row.call.line > 0 ? "\(row.folder)/\(row.file):\(row.call.line)" : "\(row.folder)/\(row.file)"
            lines.append("\(place)  \(level) \(covering)  \"\(row.call.format)\"")
            if withSamples { lines.append("    as: \(row.sample)") }
        }
        return lines
    }

    public func totalsTable() -> [String] {
        let width = max(20, (folders.map(\.count).max() ?? 0) + 2)
        var lines = ["folder".padding(toLength: width, withPad: " ", startingAt: 0) + "strings  covered  error+warning  covered  share"]
        var all = FolderTotal(folder: "total", strings: 0, covered: 0, errorWarningStrings: 0, errorWarningCovered: 0)
        for total in totals + [nil] {
            let row = total ?? all
            if let total {
                all.strings += total.strings
                all.covered += total.covered
                all.errorWarningStrings += total.errorWarningStrings
                all.errorWarningCovered += total.errorWarningCovered
            }
            let share = row.errorWarningStrings == 0 ? "-" : String(row.errorWarningCovered * 1000 / row.errorWarningStrings / 10) + "."
                + String(row.errorWarningCovered * 1000 / row.errorWarningStrings % 10) + " %"
            lines.append(row.folder.padding(toLength: width, withPad: " ", startingAt: 0)
                + pad(row.strings, 7) + pad(row.covered, 9) + pad(row.errorWarningStrings, 15)
                + pad(row.errorWarningCovered, 9) + "  " + share)
        }
        return lines
    }

    /// Error and warning formats covered over all folders, in tenths of a percent.
    public var errorWarningPermille: Int {
        let loud = rows.filter { $0.call.level.isErrorOrWarning }
        return loud.isEmpty ? 0 : loud.filter(\.isCovered).count * 1000 / loud.count
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
