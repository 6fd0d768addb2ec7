import ArgumentParser
import Foundation
@testable import ampscope

/// Every command of the `ampscope` tool, found by walking its subcommands as the parser does.
struct CommandEntry {
    let path: [String]
    let type: ParsableCommand.Type

    var name: String { path.joined(separator: " ") }
    var discussion: String { type.configuration.discussion }
    var isLeaf: Bool { type.configuration.subcommands.isEmpty }

    static func all() -> [CommandEntry] {
        var found: [CommandEntry] = []
        func walk(_ type: ParsableCommand.Type, _ path: [String]) {
            found.append(CommandEntry(path: path, type: type))
            for sub in type.configuration.subcommands { walk(sub, path + [sub._commandName]) }
        }
        walk(AmpScopeCommand.self, ["ampscope"])
        return found
    }
}

/// The example command lines of a help text: `ampscope ...` lines, with environment assignments,
/// redirections, pipes and comments taken off, split as a POSIX shell splits words.
enum ExampleLines {
    static func commands(in text: String) -> [[String]] {
        var result: [[String]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var words = shellWords(String(line))
            while let first = words.first, first.contains("="), !first.hasPrefix("-") { words.removeFirst() }
            guard words.first == "ampscope" else { continue }
            if let stop = words.firstIndex(where: { [">", ">>", "|", "||", "&&", "#", "2>"].contains($0) }) { words = Array(words[..<stop]) }
            result.append(Array(words.dropFirst()))
        }
        return result
    }

    /// Words as sh splits them: quotes group (and are removed), a quote may start mid-word.
    static func shellWords(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
