import Yams

/// Reads `boards:` from a YAML file, checking every key and value against where it was written.
enum BoardProfileParser {
    private static let boardKeys = ["consoles", "baud", "parsers", "login"]
    private static let consoleKeys = ["port", "baud", "kind"]

    static func parse(_ text: String, file: String) throws(BoardProfileError) -> [BoardProfile] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                throw .invalid(file: file, line: mark.line, column: mark.column, message: "not valid YAML: \(problem)")
            default:
                throw .invalid(file: file, line: 1, column: 1, message: "not valid YAML: \(error)")
            }
        } catch {
            throw .invalid(file: file, line: 1, column: 1, message: "not valid YAML: \(error)")
        }
        guard let root else { return [] }
        let top = try mapping(root, file, "expected a mapping with the key 'boards:'")
        var profiles: [BoardProfile] = []
        for (key, value) in top {
            guard key.string == "boards" else {
                // Other tools' settings may share .ampscope.yaml later; only boards: is ours today.
                throw invalid(key, file, "unknown top-level key '\(key.string ?? "?")'; expected 'boards'")
            }
            for (nameNode, body) in try mapping(value, file, "'boards' maps board names to their consoles") {
                profiles.append(try board(nameNode, body, file: file))
            }
        }
        return profiles
    }

    private static func board(_ nameNode: Node, _ body: Node, file: String) throws(BoardProfileError) -> BoardProfile {
        let name = nameNode.string ?? ""
        var profile = BoardProfile(name: name, consoles: [], baud: nil, parserFolders: [],
                                   location: "\(file):\(nameNode.mark?.line ?? 0)")
        var sawConsoles = false
        for (key, value) in try mapping(body, file, "board \(name): expected keys \(boardKeys.joined(separator: ", "))") {
            switch key.string {
            case "baud":
                profile.baud = try baud(value, file)
            case "login":
                // The user only: a password never goes into a file ampscope reads (AMPSCOPE_PASSWORD).
                profile.login = try scalar(value, file, "'login' must be a user name, e.g. root")
            case "parsers":
                guard case .sequence(let folders) = value else { throw invalid(value, file, "'parsers' must be a list of folders") }
                let base = file.lastIndex(of: "/").map { String(file[..<$0]) } ?? "."
                for folder in folders {
                    let path = try scalar(folder, file, "each parser folder must be a path")
                    profile.parserFolders.append(path.hasPrefix("/") ? path : base + "/" + path)
                }
            case "consoles":
                sawConsoles = true
                for (consoleName, consoleBody) in try mapping(value, file, "'consoles' maps console names (a7, m4, ...) to their port") {
                    profile.consoles.append(try console(consoleName, consoleBody, file: file))
                }
            default:
                throw invalid(key, file, "unknown key '\(key.string ?? "?")' in board \(name); expected one of \(boardKeys.joined(separator: ", "))")
            }
        }
        guard sawConsoles, !profile.consoles.isEmpty else { throw invalid(nameNode, file, "board \(name) has no consoles") }
        return profile
    }

    private static func console(_ nameNode: Node, _ body: Node, file: String) throws(BoardProfileError) -> BoardProfile.Console {
        let name = nameNode.string ?? ""
        if let problem = ConsoleRequest.nameProblem(name) {
            throw invalid(nameNode, file, problem)
        }
        var port: String?
        var result = BoardProfile.Console(name: name, port: "", baud: nil, kind: nil)
        for (key, value) in try mapping(body, file, "console \(name): expected port, and optionally baud and kind") {
            switch key.string {
            case "port":
                let text = try scalar(value, file, "'port' must be a path or selector")
                do {
                    _ = try PortSelector.parse(text)
                } catch {
                    throw invalid(value, file, error.description)
                }
                port = text
            case "baud":
                result.baud = try baud(value, file)
            case "kind":
                let text = try scalar(value, file, "'kind' must be application or microcontroller")
                guard let kind = ConsoleKind(rawValue: text), kind != .unknown else {
                    throw invalid(value, file, "kind '\(text)' must be application (A-core: U-Boot, Linux) or microcontroller (M-core)")
                }
                result.kind = kind
            default:
                throw invalid(key, file, "unknown key '\(key.string ?? "?")' in console \(name); expected one of \(consoleKeys.joined(separator: ", "))")
            }
        }
        guard let port else { throw invalid(nameNode, file, "console \(name) has no 'port' (e.g. port: \"serial:A50285BI\")") }
        result.port = port
        return result
    }

    private static func mapping(_ node: Node, _ file: String, _ expectation: String) throws(BoardProfileError) -> Node.Mapping {
        guard case .mapping(let mapping) = node else { throw invalid(node, file, expectation) }
        return mapping
    }

    private static func scalar(_ node: Node, _ file: String, _ expectation: String) throws(BoardProfileError) -> String {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else { throw invalid(node, file, expectation) }
        return scalar.string
    }

    private static func baud(_ node: Node, _ file: String) throws(BoardProfileError) -> Int {
        let text = try scalar(node, file, "'baud' must be a number")
        guard let value = Int(text), value > 0 else { throw invalid(node, file, "baud '\(text)' must be a positive number, e.g. 115200") }
        return value
    }

    private static func invalid(_ node: Node, _ file: String, _ message: String) -> BoardProfileError {
        .invalid(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, message: message)
    }
}
