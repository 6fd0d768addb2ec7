/// The report's "Facts from the board" section, shared by Markdown and HTML: per boot the probe
/// finished in, the facts as label/value rows and the commands exactly as typed.
struct ReportBoardFacts {
    struct Entry {
        var boot: Int
        var facts: BoardFacts
    }

    static func entries(_ document: ReportDocument) -> [Entry] {
        document.timeline.boots.compactMap { boot in boot.boardFacts.map { Entry(boot: boot.index, facts: $0) } }
    }

    static let heading = "Facts from the board"

    static func intro(_ entry: Entry, bootCount: Int) -> String {
        "Read by ampscope's probe from the \(entry.facts.console) shell" + (bootCount > 1 ? " in boot \(entry.boot)" : "")
            + ": \(entry.facts.commands.count) read-only commands, each framed by markers; every keystroke is in the session as input from the probe (the password as <password>)."
    }

    static func typedCommands(_ facts: BoardFacts) -> [String] {
        facts.commands.map { command in
            let status = command.status.map { "exit \($0)" } ?? "did not finish"
            return "# \(command.id): \(status)\(command.note.map { ", \($0)" } ?? "")\n\(command.command)"
        }
    }

    static func markdown(_ document: ReportDocument, showCommands: Bool) -> String {
        let entries = entries(document)
        guard !entries.isEmpty else { return "" }
        var parts = ["### \(heading)"]
        for entry in entries {
            var lines = [MarkdownText.escaped(intro(entry, bootCount: document.boots.total)), "", "| fact | value |", "|---|---|"]
            for item in BoardFactsText.items(entry.facts) {
                lines.append("| \(cell(item.label)) | \(cell(item.value)) |")
            }
            parts.append(lines.joined(separator: "\n"))
            if let missed = entry.facts.dmesgMerge?.missedSamples, !missed.isEmpty {
                let more = (entry.facts.dmesgMerge?.missedByConsole ?? 0) - missed.count
                parts.append(MarkdownText.details(summary: "Kernel lines only dmesg had (\(missed.count)\(more > 0 ? " of \(missed.count + more)" : ""))", body: MarkdownText.codeBlock(missed)))
            }
            if showCommands {
                parts.append(MarkdownText.details(summary: "The commands as typed (\(entry.facts.commands.count))", body: MarkdownText.codeBlock(typedCommands(entry.facts), language: "sh")))
            }
        }
        return parts.joined(separator: "\n\n")
    }

    /// A table cell: escaped, and `|` cannot end the cell early.
    private static func cell(_ text: String) -> String {
        MarkdownText.escaped(text).replacingOccurrences(of: "|", with: "\\|")
    }

    static func html(_ document: ReportDocument) -> String {
        let entries = entries(document)
        guard !entries.isEmpty else { return "" }
        func e(_ text: String) -> String { HTMLText.escaped(text) }
        var parts = [#"<h2 id="board-facts">\#(heading)</h2>"#]
        for entry in entries {
            parts.append("<p>\(e(intro(entry, bootCount: document.boots.total)))</p>")
            parts.append(#"<table class="facts">"#)
            for item in BoardFactsText.items(entry.facts) {
                parts.append("<tr><th>\(e(item.label))</th><td>\(e(item.value))</td></tr>")
            }
            parts.append("</table>")
            if let missed = entry.facts.dmesgMerge?.missedSamples, !missed.isEmpty {
                parts.append(#"<details><summary>Kernel lines only dmesg had</summary><pre class="log">\#(e(missed.joined(separator: "\n")))</pre></details>"#)
            }
            parts.append(#"<details><summary>The commands as typed</summary><pre class="log">\#(e(typedCommands(entry.facts).joined(separator: "\n")))</pre></details>"#)
        }
        return parts.joined(separator: "\n")
    }
}
