import ArgumentParser
import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import ampscope

@Suite("Help texts: wrapping, example paths, example command lines")
struct HelpTextTests {
    @Test func everyCommandIsFound() {
        let names = Set(CommandEntry.all().map(\.name))
        for expected in ["ampscope capture", "ampscope replay", "ampscope rules check", "ampscope export", "ampscope ports"] {
            #expect(names.contains(expected), "walked: \(names.sorted())")
        }
    }

    /// A paragraph broken by hand at one width is broken again by the parser at the reader's
    /// width, which left a word or two alone on a line (export, rules check at 80 columns).
    @Test func proseParagraphsAreOneLineSoHelpWrapsThemAtWords() {
        for entry in CommandEntry.all() {
            let lines = entry.discussion.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (line, next) in zip(lines, lines.dropFirst()) where isProse(line) && isProse(next) {
                Issue.record("\(entry.name): a paragraph is broken by hand after \"\(line.suffix(40))\": end the line with a backslash")
            }
        }
    }

    /// Preformatted lines (examples, tables) are drawn as written at 80 columns, never cut.
    @Test func preformattedLinesFitEightyColumns() {
        for entry in CommandEntry.all() {
            let help = AmpScopeCommand.helpMessage(for: entry.type, columns: 80)
            let shown = Set(help.split(separator: "\n").map(String.init))
            for line in entry.discussion.split(separator: "\n").map(String.init) where line.hasPrefix(" ") {
                let whole = shown.contains(line)
                #expect(whole, "\(entry.name): at 80 columns this line is wrapped: \(line)")
            }
        }
    }

    @Test func everySamplePathNamedInHelpOrReadmeExists() throws {
        var named: [(String, String)] = []
        for entry in CommandEntry.all() {
            let help = AmpScopeCommand.helpMessage(for: entry.type, includeHidden: true, columns: 1000)
            named += samplePaths(in: help).map { (entry.name, $0) }
        }
        let readme = try String(contentsOfFile: RepositoryPaths.path("README.md"), encoding: .utf8)
        named += samplePaths(in: readme).map { ("README.md", $0) }
        #expect(named.contains { $0.0 == "ampscope replay" }, "replay's help names a sample script to play")
        for (place, path) in named {
            #expect(FileManager.default.fileExists(atPath: RepositoryPaths.path(path)), "\(place) names \(path), which does not exist")
        }
    }

    @Test func everyExampleCommandLineParsesAsTheCommandItIllustrates() {
        var count = 0
        for entry in CommandEntry.all() where entry.path.count > 1 {
            for arguments in ExampleLines.commands(in: entry.discussion) {
                count += 1
                do {
                    let parsed = try AmpScopeCommand.parseAsRoot(arguments)
                    #expect(String(describing: type(of: parsed)) == String(describing: entry.type),
                            "\(entry.name)'s example runs another command: ampscope \(arguments.joined(separator: " "))")
                } catch {
                    let message = AmpScopeCommand.message(for: error)
                    // A board profile is the user's own file: the example is right, this machine has none.
                    let needsProfile = arguments.contains("--board") && message.hasPrefix("No board profile named")
                    #expect(needsProfile, "\(entry.name): example does not parse: ampscope \(arguments.joined(separator: " ")): \(message)")
                }
            }
        }
        #expect(count >= 30, "examples found: \(count)")
    }

    @Test func exampleLinesAreSplitAsAShellSplitsThem() {
        #expect(ExampleLines.shellWords("ampscope replay good-boot --when a7:'clk: Disabling unused clocks' --delay-ms 5")
                == ["ampscope", "replay", "good-boot", "--when", "a7:clk: Disabling unused clocks", "--delay-ms", "5"])
        #expect(ExampleLines.commands(in: "  AMPSCOPE_PASSWORD=x ampscope probe --a7 p -o d\n  ampscope analyze s > s.json || echo no\n  tar -x f")
                == [["probe", "--a7", "p", "-o", "d"], ["analyze", "s"]])
    }

    private func isProse(_ line: String) -> Bool {
        !line.isEmpty && !line.hasPrefix(" ")
    }

    private func samplePaths(in text: String) -> [String] {
        let pattern = try! Regex(#"samples/[A-Za-z0-9._/-]+"#)
        return text.matches(of: pattern).map { match in
            var path = String(text[match.range])
            while let last = path.last, ".,)/".contains(last) { path.removeLast() }
            return path
        }
    }
}
