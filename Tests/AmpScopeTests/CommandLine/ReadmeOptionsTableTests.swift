import Foundation
import Testing
@testable import AmpScopeTestSupport

/// The README's options table against the options the built tool really has (its own
/// `--experimental-dump-help`, what the man page is generated from), so the table cannot drift.
@Suite("README options table")
struct ReadmeOptionsTableTests {
    /// Visible option name → the commands that have it ("capture", "rules list").
    private func realOptions() throws -> [String: Set<String>] {
        let result = try ToolProcess.run(["--experimental-dump-help"])
        try #require(result.status == 0, "ampscope --experimental-dump-help: \(result.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        var found: [String: Set<String>] = [:]
        func walk(_ command: [String: Any], _ path: [String]) {
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                guard argument["kind"] as? String != "positional", argument["shouldDisplay"] as? Bool ?? true else { continue }
                for name in argument["names"] as? [[String: Any]] ?? [] {
                    guard let text = name["name"] as? String, let kind = name["kind"] as? String else { continue }
                    let option = (kind == "long" ? "--" : "-") + text
                    if ["--help", "-h", "--version"].contains(option) { continue }
                    found[option, default: []].insert(path.joined(separator: " "))
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                walk(sub, path + [sub["commandName"] as? String ?? "?"])
            }
        }
        walk(try #require(root["command"] as? [String: Any]), [])
        return found
    }

    /// Rows of the table under `## Options`: the options named in the first cell, the commands of the last.
    private func tableRows() throws -> [(options: [String], commands: Set<String>)] {
        let readme = try String(contentsOfFile: RepositoryPaths.path("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## Options\n").dropFirst().first, "README has no ## Options")
        var rows: [(options: [String], commands: Set<String>)] = []
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let options = cells[0].components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            let commands = Set(cells[cells.count - 1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            rows.append((options, commands))
        }
        return rows
    }

    @Test func everyRowIsTrueForEveryCommandAndEverySharedOptionHasARow() throws {
        let real = try realOptions()
        let rows = try tableRows()
        #expect(rows.count >= 15, "rows read: \(rows.count)")
        var listed: Set<String> = []
        for row in rows {
            for option in row.options {
                listed.insert(option)
                #expect(real[option] == row.commands, "README says \(option) is on \(row.commands.sorted()); it is on \(real[option, default: []].sorted())")
            }
        }
        for (option, commands) in real where commands.count >= 2 {
            #expect(listed.contains(option), "\(option) is on \(commands.sorted()) but not in the README's options table")
        }
    }
}
