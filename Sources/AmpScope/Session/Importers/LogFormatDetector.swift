/// What detection (or `--format`) decided about a log file.
public struct LogDetection: Sendable, Hashable {
    public var format: LogFormat
    /// For `merged`: the format of each line after its console label; otherwise `format`.
    public var innerFormat: LogFormat
    /// For `merged`: the console labels, in order of first appearance.
    public var labels: [String]
    /// Non-blank lines looked at, and how many of them matched the format.
    public var sampledLines: Int
    public var matchingLines: Int
}

/// Picks a log's format from its first few hundred lines: the stamped format most lines start
/// with, else a merged file if nearly every line has a console label, else plain text, unless
/// the sample is mostly binary.
enum LogFormatDetector {
    static let sampleLineLimit = 400
    static let sampleByteLimit = 1 << 20
    /// Share of non-blank lines that must carry a format's stamp (continuations and blank
    /// lines carry none).
    static let stampedShare = 0.6
    static let labelledShare = 0.8
    static let binaryShare = 0.3

    static func detect(_ sample: [RawLogLine], path: String, forced: LogFormat?) throws(LogImportError) -> LogDetection {
        if let first = sample.first, first.bytes.starts(with: SessionFormat.magicPrefix) {
            throw .isSession(path)
        }
        let lines = sample.filter { !$0.continuesCutLine }.map { trimmedEnding($0.bytes) }.filter { !$0.isEmpty }
        if path.hasSuffix(".board") || BoardScriptShape.matches(lines) { throw .isBoardScript(path) }
        if forced == nil, let first = lines.first, AmpScopeTextLog.isHeader(first) {
            let matching = lines.count { LogFormat.ampscope.stamp(in: $0) != nil }
            return LogDetection(format: .ampscope, innerFormat: .ampscope, labels: [], sampledLines: lines.count, matchingLines: matching)
        }
        if let forced, forced != .merged {
            let matching = lines.count { forced.stamp(in: $0) != nil }
            return LogDetection(format: forced, innerFormat: forced, labels: [], sampledLines: lines.count, matchingLines: matching)
        }
        if forced == nil, let stamped = bestStampedFormat(lines) {
            return LogDetection(format: stamped.format, innerFormat: stamped.format, labels: [], sampledLines: lines.count, matchingLines: stamped.matching)
        }
        if let merged = mergedLayout(lines, forced: forced == .merged) {
            return merged
        }
        if forced == .merged {
            return LogDetection(format: .merged, innerFormat: .plain, labels: [], sampledLines: lines.count, matchingLines: 0)
        }
        var suspicious = 0
        var total = 0
        for line in lines {
            let analysis = LineAnalysis(of: line)
            // U+FFFD is valid UTF-8 some tool wrote for garbage: the file is text all the same.
            suspicious += analysis.suspiciousBytes - analysis.replacementCharacterBytes
            total += analysis.textBytes
        }
        if total > 0 && Double(suspicious) > Double(total) * binaryShare {
            throw .unknownFormat(path, tried: LogFormat.allCases, firstLines: lines.prefix(3).map { LineText.render($0.prefix(120)).text })
        }
        return LogDetection(format: .plain, innerFormat: .plain, labels: [], sampledLines: lines.count, matchingLines: lines.count)
    }

    static func bestStampedFormat(_ lines: [[UInt8]]) -> (format: LogFormat, matching: Int)? {
        guard !lines.isEmpty else { return nil }
        var best: (format: LogFormat, matching: Int)?
        for format in LogFormat.stamped {
            let matching = lines.count { format.stamp(in: $0, strict: true) != nil }
            if matching > (best?.matching ?? 0) { best = (format, matching) }
        }
        guard let best, Double(best.matching) >= Double(lines.count) * stampedShare else { return nil }
        return best
    }

    /// Labels that recur (or name a core) and start nearly every line; then the format of the rest.
    static func mergedLayout(_ lines: [[UInt8]], forced: Bool) -> LogDetection? {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for line in lines {
            guard let label = ConsoleLabel(in: line) else { continue }
            if counts[label.name] == nil { order.append(label.name) }
            counts[label.name, default: 0] += 1
        }
        // A U-Boot banner (`CPU:`, `Model:`, `DRAM:`) has many labels, each once.
        let labels = order.filter { forced || counts[$0]! >= 2 || ConsoleLabel.isRoleName($0) }
        guard labels.count >= (forced ? 1 : 2), labels.count <= 8 else { return nil }
        let known = Set(labels)
        var rests: [[UInt8]] = []
        for line in lines {
            guard let label = ConsoleLabel(in: line), known.contains(label.name) else { continue }
            rests.append(Array(line[label.length...]))
        }
        guard forced || Double(rests.count) >= Double(lines.count) * labelledShare else { return nil }
        let inner = bestStampedFormat(rests.filter { !$0.isEmpty })
        return LogDetection(
            format: .merged, innerFormat: inner?.format ?? .plain, labels: labels,
            sampledLines: lines.count, matchingLines: rests.count)
    }

    static func trimmedEnding(_ bytes: [UInt8]) -> [UInt8] {
        var end = bytes.count
        while end > 0 && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
        return end == bytes.count ? bytes : Array(bytes[..<end])
    }
}

/// A `.board` script's opening: comments, then `console NAME kind=...` declarations.
enum BoardScriptShape {
    private static let console = Array("console ".utf8)
    private static let kind = Array(" kind=".utf8)

    static func matches(_ lines: [[UInt8]]) -> Bool {
        guard let first = lines.first(where: { $0.first != UInt8(ascii: "#") }), first.starts(with: console) else { return false }
        guard first.count >= kind.count else { return false }
        return (0...(first.count - kind.count)).contains { first[$0..<$0 + kind.count].elementsEqual(kind) }
    }
}
