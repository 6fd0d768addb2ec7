/// What can be read off an ICU regular expression's source text without running it: its
/// capture groups (numbered as ICU numbers them, with names where given) and its fixed text,
/// the runs of literal characters every match must contain.
struct RegexShape: Sendable {
    /// One entry per capturing group, in group-number order; nil for an unnamed group.
    var groups: [String?] = []
    /// Literal runs outside any group, alternation or optional element; nil when the pattern
    /// holds an alternation or another construct this reader does not follow.
    var requiredRuns: [String]? = []

    init(_ pattern: String) {
        let characters = Array(pattern)
        var index = 0
        var depth = 0
        var run = ""
        var runs: [String] = []
        var followable = true
        func endRun() {
            if !run.isEmpty { runs.append(run) }
            run = ""
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\\":
                let next = index + 1 < characters.count ? characters[index + 1] : "\\"
                if "\\.^$|?*+()[]{}/-".contains(next) || next == " " {
                    if depth == 0 { run.append(next) }
                } else {
                    endRun()
                    if next == "Q" || next == "E" || next == "p" || next == "P" || next == "x" || next == "N" { followable = false }
                }
                index += 2
                continue
            case "[":
                endRun()
                index = Self.classEnd(characters, from: index + 1)
                continue
            case "(":
                endRun()
                depth += 1
                if index + 1 < characters.count, characters[index + 1] == "?" {
                    let rest = String(characters[(index + 2)...].prefix(2))
                    if rest.hasPrefix("<"), !rest.hasPrefix("<="), !rest.hasPrefix("<!") {
                        let nameStart = index + 3
                        var nameEnd = nameStart
                        while nameEnd < characters.count, characters[nameEnd] != ">" { nameEnd += 1 }
                        groups.append(String(characters[nameStart..<min(nameEnd, characters.count)]))
                    } else if !rest.hasPrefix(":") {
                        followable = false
                    }
                } else {
                    groups.append(nil)
                }
            case ")":
                endRun()
                depth -= 1
            case "|":
                followable = false
            case "?", "*", "{":
                // The quantified character is optional: it leaves the run it was part of.
                if depth == 0, !run.isEmpty { run.removeLast() }
                endRun()
                if character == "{" {
                    while index < characters.count, characters[index] != "}" { index += 1 }
                }
            case "+", ".", "^", "$":
                endRun()
            default:
                if depth == 0 { run.append(character) } else { endRun() }
            }
            index += 1
        }
        endRun()
        requiredRuns = followable ? runs : nil
    }

    var captureNames: [String] { groups.compactMap { $0 } }

    /// False only when the literal provably need not occur in a match: the pattern's fixed
    /// text is known and no run of it contains the literal.
    func canRequire(_ literal: String) -> Bool {
        guard let requiredRuns else { return true }
        return requiredRuns.contains { $0.contains(literal) }
    }

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
