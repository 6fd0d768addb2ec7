/// `{name.attribute}` in a rule's message: `name` is a binding (`as:`), `attribute` one of
/// `MessagePlaceholder.attributes` or a captured field of the bound event.
public struct MessagePlaceholder: Sendable, Hashable, CustomStringConvertible {
    public var binding: String
    public var attribute: String

    public init(binding: String, attribute: String) {
        self.binding = binding
        self.attribute = attribute
    }

    /// What every bound line has; anything else names a captured field.
    public static let attributes: Set<String> = [
        "time", "line", "text", "console", "event", "definition", "kernel-time",
        "count", "delay", "relation", "silence", "garbage-ratio",
    ]

    public var description: String { "{\(binding).\(attribute)}" }

    init?(_ text: Substring) {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        binding = String(parts[0])
        attribute = String(parts[1])
    }
}

/// A message with placeholders, split once at load time.
public struct MessageTemplate: Sendable, Hashable {
    public enum Piece: Sendable, Hashable {
        case text(String)
        case placeholder(MessagePlaceholder)
    }

    public var pieces: [Piece]

    public var placeholders: [MessagePlaceholder] {
        pieces.compactMap { if case .placeholder(let placeholder) = $0 { placeholder } else { nil } }
    }

    /// Splits `text`; the problem text describes a malformed placeholder.
    public static func parse(_ text: String) -> Result<MessageTemplate, TemplateProblem> {
        var pieces: [Piece] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                return .failure(TemplateProblem(message: "'{' without a closing '}'; write placeholders as {name.attribute}"))
            }
            let inner = rest[rest.index(after: open)..<close]
            guard let placeholder = MessagePlaceholder(inner) else {
                return .failure(TemplateProblem(message: "placeholder '{\(inner)}' must be {name.attribute}, e.g. {gate.time}"))
            }
            pieces.append(.placeholder(placeholder))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return .success(MessageTemplate(pieces: pieces))
    }

    public struct TemplateProblem: Error, Sendable, Hashable {
        public var message: String
    }

    /// The text with every placeholder replaced; an unbound one reads "(unknown)".
    public func render(_ value: (MessagePlaceholder) -> String?) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): text
            case .placeholder(let placeholder): value(placeholder) ?? "(unknown)"
            }
        }.joined()
    }
}
