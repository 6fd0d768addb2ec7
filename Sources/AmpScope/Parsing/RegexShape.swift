/// The capture groups of an ICU regular expression, read off its source text in the order ICU
/// numbers them, with their names where given (NSRegularExpression on Linux cannot list them).
struct RegexShape: Sendable {
    /// One entry per capturing group, in group-number order; nil for an unnamed group.
    var groups: [String?] = []

    init(_ pattern: String) {
        let characters = Array(pattern)
        var index = 0
        var inQuote = false
        while index < characters.count {
            let character = characters[index]
            if inQuote {
                if character == "\\", index + 1 < characters.count, characters[index + 1] == "E" { inQuote = false; index += 1 }
                index += 1
                continue
            }
            switch character {
            case "\\":
                if index + 1 < characters.count, characters[index + 1] == "Q" { inQuote = true }
                index += 2
                continue
            case "[":
                index = Self.classEnd(characters, from: index + 1)
                continue
            case "(":
                if index + 1 < characters.count, characters[index + 1] == "?" {
                    let rest = String(characters[(index + 2)...].prefix(2))
                    if rest.hasPrefix("<"), !rest.hasPrefix("<="), !rest.hasPrefix("<!") {
                        let nameStart = index + 3
                        var nameEnd = nameStart
                        while nameEnd < characters.count, characters[nameEnd] != ">" { nameEnd += 1 }
                        groups.append(String(characters[nameStart..<min(nameEnd, characters.count)]))
                    }
                } else if !(index + 1 < characters.count && characters[index + 1] == "*") {
                    groups.append(nil)
                }
            default:
                break
            }
            index += 1
        }
    }

    var captureNames: [String] { groups.compactMap { $0 } }

    /// Index just past the `]` closing a character class whose body starts at `start`.
    private static func classEnd(_ characters: [Character], from start: Int) -> Int {
        var index = start
        if index < characters.count, characters[index] == "^" { index += 1 }
        if index < characters.count, characters[index] == "]" { index += 1 }
        var nesting = 0
        while index < characters.count {
            switch characters[index] {
            case "\\": index += 1
            case "[": nesting += 1
            case "]":
                if nesting == 0 { return index + 1 }
                nesting -= 1
            default: break
            }
            index += 1
        }
        return index
    }
}
