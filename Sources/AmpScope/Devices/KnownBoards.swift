import Yams

/// A board people bring up AMP on, as parsers/boards/known-boards.yaml describes it: which
/// console is which core, at what baud, on which UART, and where each fact comes from.
public struct KnownBoard: Sendable, Hashable {
    public struct Console: Sendable, Hashable {
        /// The core's name as a console name (a7, m4, a53, r5f...).
        public var name: String
        public var kind: ConsoleKind
        public var baud: Int
        /// The SoC UART the core prints on ("none by default" when it has none).
        public var uart: String
        /// How a host reaches it (USB bridge port, header, adapter).
        public var connection: String
        public var source: String
    }

    public var name: String
    public var title: String
    public var consoles: [Console]

    /// A `boards:` entry for .ampscope.yaml with the known bauds and kinds; the ports are the
    /// user's to fill in, so they are left as placeholders naming the UART.
    public var profileSnippet: String {
        var lines = ["boards:", "  \(name):", "    consoles:"]
        for console in consoles where console.uart.lowercased().hasPrefix("none") == false {
            lines.append("      \(console.name): { port: \"FILL-IN: \(console.uart)\", baud: \(console.baud), kind: \(console.kind.rawValue) }")
        }
        return lines.joined(separator: "\n")
    }
}

/// The built-in catalogue (parsers/boards/*.yaml, put into the binary by Plugins/EmbedKnowledge).
public enum KnownBoards {
    public static func builtin() throws(BoardProfileError) -> [KnownBoard] {
        var boards: [KnownBoard] = []
        for file in BuiltinBoards.files { boards += try parse(file.text, file: file.name) }
        return boards
    }

    public static func parse(_ text: String, file: String) throws(BoardProfileError) -> [KnownBoard] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw .invalid(file: file, line: 1, column: 1, message: "not valid YAML: \(error)")
        }
        guard case .mapping(let top)? = root, let section = top["known-boards"], case .mapping(let entries) = section else {
            throw .invalid(file: file, line: 1, column: 1, message: "expected a mapping with the key 'known-boards:'")
        }
        var boards: [KnownBoard] = []
        for (nameNode, body) in entries { boards.append(try board(nameNode, body, file: file)) }
        return boards
    }

    private static func board(_ nameNode: Node, _ body: Node, file: String) throws(BoardProfileError) -> KnownBoard {
        let name = nameNode.string ?? ""
        guard case .mapping(let fields) = body, let title = fields["title"]?.string,
              case .mapping(let consoleNodes)? = fields["consoles"] else {
            throw invalid(nameNode, file, "board \(name) needs a title and consoles")
        }
        var consoles: [KnownBoard.Console] = []
        for (consoleName, consoleBody) in consoleNodes {
            guard case .mapping(let values) = consoleBody,
                  let kindText = values["kind"]?.string, let kind = ConsoleKind(rawValue: kindText), kind != .unknown,
                  let baudText = values["baud"]?.string, let baud = Int(baudText), baud > 0,
                  let uart = values["uart"]?.string, let connection = values["connection"]?.string,
                  let source = values["source"]?.string, !source.isEmpty else {
                throw invalid(consoleName, file, "console \(consoleName.string ?? "?") of \(name) needs kind (application or microcontroller), baud, uart, connection and source")
            }
            consoles.append(KnownBoard.Console(name: consoleName.string ?? "", kind: kind, baud: baud, uart: uart,
                                               connection: connection, source: source))
        }
        guard consoles.contains(where: { $0.kind == .application }), consoles.contains(where: { $0.kind == .microcontroller }) else {
            throw invalid(nameNode, file, "board \(name) must describe its application core and at least one remote core")
        }
        return KnownBoard(name: name, title: title, consoles: consoles)
    }

    private static func invalid(_ node: Node, _ file: String, _ message: String) -> BoardProfileError {
        .invalid(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, message: message)
    }
}
