/// Escaping for Markdown that Discourse and GitHub both render the same way.
enum MarkdownText {
    /// Text outside code: Markdown and HTML specials escaped so log text shows as written.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~": result += "\\" + String(character)
            case "\n", "\r": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    /// Inline code whose fence is longer than any backtick run inside.
    static func codeSpan(_ text: String) -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        return fence + text + fence
    }

    /// A fenced code block whose fence is longer than any backtick run inside (log text is hostile).
    static func codeBlock(_ lines: [String], language: String = "text") -> String {
        let body = lines.joined(separator: "\n")
        var longest = 0, run = 0
        for character in body {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return "\(fence)\(language)\n\(body)\n\(fence)"
    }

    /// `<details>` is allowed by Discourse's sanitizer and GitHub's; the blank lines around the
    /// body make both render the Markdown inside.
    static func details(summary: String, body: String) -> String {
        "<details><summary>\(HTMLText.escaped(summary))</summary>\n\n\(body)\n\n</details>"
    }
}
