/// `--color auto|always|never`, as ls, grep and git spell it.
public enum ColorChoice: String, Sendable, CaseIterable {
    case auto, always, never

    /// Whether to colour: `auto` follows the terminal and NO_COLOR (no-color.org); an explicit
    /// `always` wins over NO_COLOR, as that convention allows for a command-line choice.
    public func resolved(colorAllowed: Bool = TerminalEnvironment.colorAllowed) -> Bool {
        switch self {
        case .auto: colorAllowed
        case .always: true
        case .never: false
        }
    }
}
