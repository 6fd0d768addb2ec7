import Foundation

/// The remote side's coverage: console lines that M-core and R5 firmware print (rpmsg-lite demos,
/// OpenAMP, Zephyr samples, TI MCU+ SDK, STM32Cube), read from a table of strings kept in the
/// repository rather than from the firmware trees themselves, which are spread over many large
/// vendor repositories that a CI machine does not have.
extension KernelSourceCoverage {
    /// Reads `path` (tab-separated: repo, ref, path, line, print, level, prefix, format; `#`
    /// comments and the header row skipped) and classifies each line as the M-core console's.
    public static func measure(remotePrints path: String, classifier: Classifier) throws(CoverageError) -> KernelSourceCoverage {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        var rows: [Row] = []
        var folders: [String] = []
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("repo\t") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count == 8, let level = PrintLevel(rawValue: columns[5]) else {
                throw .malformedRemotePrint(path: path, line: index + 1)
            }
            let repo = columns[0]
            if !folders.contains(repo) { folders.append(repo) }
            let call = PrintCall(function: columns[4], level: level, format: columns[7], deviceArgument: nil, line: Int(columns[3]) ?? 0)
            let sample = columns[6] + FormatRenderer.render(call.format)
            let match = Array(sample.utf8).withUnsafeBytes { classifier.classify($0, consoleKind: .microcontroller) }
            rows.append(Row(folder: repo, file: "\(columns[2])@\(columns[1])", call: call, sample: sample,
                            definition: match.map { classifier.definitions[$0.definitionIndex] }))
        }
        if rows.isEmpty { throw .noPrints(path) }
        return KernelSourceCoverage(rows: rows, folders: folders)
    }
}
