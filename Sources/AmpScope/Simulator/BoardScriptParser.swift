/// Reads the board script format described on `BoardScript`, with file:line:column errors.
enum BoardScriptParser {
    private struct Cursor {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index >= bytes.count }
        var column: Int { index + 1 }

        mutating func skipSpaces() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        }

        /// The next run of non-space bytes.
        mutating func word() -> (text: String, column: Int)? {
            skipSpaces()
            let start = index
            while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x09 { index += 1 }
            guard index > start else { return nil }
            return (String(decoding: bytes[start..<index], as: UTF8.self), start + 1)
        }

        /// True when only spaces or a `# comment` remain.
        mutating func atDirectiveEnd() -> Bool {
            skipSpaces()
            return atEnd || bytes[index] == UInt8(ascii: "#")
        }
    }

    static func parse(_ text: String, fileName: String) throws(BoardScriptError) -> BoardScript {
        var consoles: [BoardScript.Console] = []
        var outputs: [BoardScript.Output] = []
        var previousTime: UInt64 = 0
        var lineNumber = 0

        func fail(_ column: Int, _ message: String) -> BoardScriptError {
            BoardScriptError(file: fileName, line: lineNumber, column: column, message: message)
        }
        func console(named word: (text: String, column: Int)?, at cursor: Cursor) throws(BoardScriptError) -> Int {
            guard let word else { throw fail(cursor.column, "expected a console name after the time") }
            guard let index = consoles.firstIndex(where: { $0.name == word.text }) else {
                let known = consoles.isEmpty ? "none yet" : consoles.map(\.name).joined(separator: ", ")
                throw fail(word.column, "console \(word.text) is not declared (declared: \(known)); add `console \(word.text) kind=...` above this line")
            }
            return index
        }
        func time(_ word: (text: String, column: Int)?, at cursor: Cursor) throws(BoardScriptError) -> UInt64 {
            guard let word else { throw fail(cursor.column, "expected a time: seconds (1.250) or +delta (+0.012)") }
            let relative = word.text.hasPrefix("+")
            guard let value = nanoseconds(relative ? String(word.text.dropFirst()) : word.text) else {
                throw fail(word.column, "'\(word.text)' is not a time: expected seconds like 1.250 or +0.012 (at most 9 decimals)")
            }
            if relative { return previousTime + value }
            guard value >= previousTime else {
                throw fail(word.column, "time \(word.text) is before the previous line's \(Double(previousTime) / 1e9) s: times must not go back (reorder the lines or use +delta)")
            }
            return value
        }

        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var bytes = Array(rawLine.utf8)
            if bytes.last == 0x0D { bytes.removeLast() }
            var cursor = Cursor(bytes: bytes)
            guard !cursor.atDirectiveEnd() else { continue }
            let lineStart = cursor
            guard let first = cursor.word() else { continue }
            switch first.text {
            case "console":
                guard let name = cursor.word() else { throw fail(cursor.column, "expected a console name: console NAME kind=application|microcontroller") }
                guard name.text.utf8.allSatisfy({ isNameByte($0) }) else {
                    throw fail(name.column, "console name '\(name.text)' may only use letters, digits, '-' and '_'")
                }
                guard !consoles.contains(where: { $0.name == name.text }) else { throw fail(name.column, "console \(name.text) is declared twice") }
                var declared = BoardScript.Console(
                    name: name.text, kind: ConsoleDescriptor.inferredKind(forName: name.text), baud: 115_200, lineEnding: [0x0D, 0x0A])
                while !cursor.atDirectiveEnd() {
                    let option = cursor.word()!
                    let parts = option.text.split(separator: "=", maxSplits: 1).map(String.init)
                    switch (parts.first, parts.count) {
                    case ("kind", 2):
                        guard let kind = ConsoleKind(rawValue: parts[1]) else {
                            throw fail(option.column, "kind must be application, microcontroller or unknown, not \(parts[1])")
                        }
                        declared.kind = kind
                    case ("baud", 2):
                        guard let baud = Int(parts[1]), baud > 0 else { throw fail(option.column, "baud must be a positive number like 115200") }
                        declared.baud = baud
                    default:
                        throw fail(option.column, "unknown console option '\(option.text)': expected kind=... or baud=...")
                    }
                }
                consoles.append(declared)
            case "@eol":
                let index = try console(named: cursor.word(), at: cursor)
                guard let ending = cursor.word() else { throw fail(cursor.column, "expected a line ending like \\r\\n, \\n or none") }
                if ending.text == "none" {
                    consoles[index].lineEnding = []
                } else {
                    do {
                        let decoded = try EscapedText.decode(ending.text)
                        guard !decoded.suppressesLineEnding else { throw fail(ending.column, "\\c makes no sense in a line ending; use none") }
                        consoles[index].lineEnding = decoded.bytes
                    } catch let problem as EscapedText.Problem {
                        throw fail(ending.column + problem.offset, problem.message)
                    } catch let error as BoardScriptError { throw error } catch { throw fail(ending.column, "\(error)") }
                }
                guard cursor.atDirectiveEnd() else { throw fail(cursor.column, "expected the end of the line after @eol NAME ENDING") }
            case "raw":
                let at = try time(cursor.word(), at: cursor)
                let index = try console(named: cursor.word(), at: cursor)
                var raw: [UInt8] = []
                while let hex = cursor.word() {
                    let digits = Array(hex.text.utf8)
                    guard digits.count == 2, let high = EscapedText.hexValue(digits[0]), let low = EscapedText.hexValue(digits[1]) else {
                        throw fail(hex.column, "'\(hex.text)' is not a byte: raw lines take two-digit hex bytes separated by spaces (0d 0a ff)")
                    }
                    raw.append(high << 4 | low)
                }
                guard !raw.isEmpty else { throw fail(cursor.column, "expected hex bytes after the console name (0d 0a ff)") }
                outputs.append(BoardScript.Output(time: at, console: index, bytes: raw, line: lineNumber))
                previousTime = at
            default:
                cursor = lineStart
                let at = try time(cursor.word(), at: cursor)
                let index = try console(named: cursor.word(), at: cursor)
                var textBytes: [UInt8] = []
                var textColumn = cursor.column
                if !cursor.atEnd {
                    // Exactly one separator; everything after it is the text, spaces included.
                    cursor.index += 1
                    textColumn = cursor.column
                    textBytes = Array(bytes[cursor.index...])
                }
                let decoded: EscapedText.Decoded
                do {
                    decoded = try EscapedText.decode(String(decoding: textBytes, as: UTF8.self))
                } catch {
                    throw fail(textColumn + error.offset, error.message)
                }
                let ending = decoded.suppressesLineEnding ? [] : consoles[index].lineEnding
                outputs.append(BoardScript.Output(time: at, console: index, bytes: decoded.bytes + ending, line: lineNumber))
                previousTime = at
            }
        }
        guard !consoles.isEmpty else {
            throw BoardScriptError(file: fileName, line: 0, column: 0, message: "no consoles declared: start with `console a7 kind=application`")
        }
        return BoardScript(fileName: fileName, consoles: consoles, outputs: outputs)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    /// "1.25" → 1_250_000_000, exactly (no floating point); nil if not a plain decimal.
    static func nanoseconds(_ text: String) -> UInt64? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCII), let seconds = UInt64(whole) else { return nil }
        var fraction: UInt64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            fraction = UInt64(digits)! * UInt64(pow10(9 - digits.count))
        }
        let (total, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow, seconds < 1 << 32 else { return nil }
        return total + fraction
    }

    private static func pow10(_ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { result, _ in result * 10 }
    }
}
