/// ampscope's own text logs (`ConsoleTextLog`, `export --text`): their stamps, their header
/// line and their marker lines, none of which are console output.
extension LogFormat {
    /// `[+   12.345678] ` (relative), `[2026-11-25T08:52:00.123456Z] ` (wall). The epoch form
    /// `[1795596720.123456] ` is tio's epoch-usec shape and is read by `tioStamp`.
    static func ampscopeStamp(_ scanner: inout StampScanner) -> LineStamp? {
        guard scanner.skip(UInt8(ascii: "[")) else { return nil }
        let value: LineStamp.Value
        if scanner.current == UInt8(ascii: "+") || scanner.current == UInt8(ascii: "-") {
            let negative = scanner.current == UInt8(ascii: "-")
            scanner.index += 1
            scanner.skipSpaces()
            guard let (whole, _) = scanner.number(digits: 1, 10), whole <= CivilDate.maximumSeconds,
                  let fraction = scanner.fraction(digits: 6, 6)
            else { return nil }
            let nanoseconds = whole * 1_000_000_000 + fraction.nanoseconds
            value = .seconds(negative ? -nanoseconds : nanoseconds)
        } else if let day = scanner.date() {
            guard scanner.skip(UInt8(ascii: "T")), let time = scanner.timeOfDay(),
                  let fraction = scanner.fraction(digits: 6, 6), scanner.skip(UInt8(ascii: "Z"))
            else { return nil }
            value = .epoch(day * CivilDate.nanosecondsPerDay + time + fraction.nanoseconds)
        } else {
            return nil
        }
        guard scanner.skip(UInt8(ascii: "]")) else { return nil }
        scanner.skip(0x20)
        return LineStamp(value: value, removed: 0..<scanner.index)
    }
}

enum AmpScopeTextLog {
    /// The first line of a session's `a7.log`: `# ampscope 0.4.0: console a7 on ..., started 2026-...Z; stamps: ...`.
    static func isHeader(_ line: [UInt8]) -> Bool {
        line.starts(with: headerPrefix)
    }

    private static let headerPrefix = Array("# ampscope ".utf8)
    private static let startedWord = Array(" started ".utf8)

    /// The capture's start (ns since 1970, UTC) named by a header line, to which its relative stamps count.
    static func start(inHeader line: [UInt8]) -> Int64? {
        guard isHeader(line), let at = find(startedWord, in: line) else { return nil }
        var scanner = StampScanner(line, at: at + startedWord.count)
        guard let day = scanner.date(), scanner.skip(UInt8(ascii: "T")), let time = scanner.timeOfDay() else { return nil }
        let fraction = scanner.fraction(digits: 1, 9)
        guard scanner.skip(UInt8(ascii: "Z")) else { return nil }
        return day * CivilDate.nanosecondsPerDay + time + (fraction?.nanoseconds ?? 0)
    }

    /// The notes `SessionExporter.describe` writes between `--- ` and ` ---`: capture events, not console lines.
    private static let markerStarts: [[UInt8]] = [
        "capture stopped: ", "port hung up (", "port reopened", "port is back after ", "gap of ", "marker: ", "typed (", "sent ", "probe",
    ].map { Array("--- \($0)".utf8) }

    /// Whether the text after a stamp is one of ampscope's marker lines: in its own text logs
    /// any `--- note ---` (a line-state notice names no fixed word); in the epoch form, which is
    /// also tio's, only the notes ampscope writes.
    static func isMarker(_ text: ArraySlice<UInt8>, anyNote: Bool = false) -> Bool {
        var end = text.endIndex
        while end > text.startIndex, text[end - 1] == 0x0A || text[end - 1] == 0x0D { end -= 1 }
        let body = text[text.startIndex..<end]
        guard body.count >= 8, body.suffix(4).elementsEqual(" ---".utf8) else { return false }
        return (anyNote && body.starts(with: "--- ".utf8)) || markerStarts.contains { body.starts(with: $0) }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
