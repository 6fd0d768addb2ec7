/// The spellings of parity and flow control that tio, picocom, grabserial and stty users type,
/// so a line setting copied from one of those tools works unchanged.
extension SerialSettings.Parity {
    /// Each accepted word, canonical name first (picocom takes the first letter, tio the word).
    public static let spellings: [(word: String, parity: Self)] = [
        ("none", .none), ("n", .none), ("even", .even), ("e", .even), ("odd", .odd), ("o", .odd),
        ("mark", .mark), ("m", .mark), ("space", .space), ("s", .space),
    ]

    /// `none`, `n`, `even`, `e`, ... in any case; nil for anything else.
    public init?(spelling: String) {
        guard let match = Self.spellings.first(where: { $0.word == spelling.lowercased() }) else { return nil }
        self = match.parity
    }
}

extension SerialSettings.FlowControl {
    /// tio says hard/soft/none, picocom h/x/n (and the words), stty rtscts/ixon, the old ampscope
    /// option hardware/software.
    public static let spellings: [(word: String, flow: Self)] = [
        ("none", .none), ("n", .none),
        ("hard", .hardware), ("h", .hardware), ("hardware", .hardware), ("rtscts", .hardware),
        ("soft", .software), ("s", .software), ("software", .software), ("xonxoff", .software), ("xon-xoff", .software), ("x", .software),
    ]

    /// `hard`, `h`, `rtscts`, `soft`, `x`, `xonxoff`, `none`, `n`, ... in any case; nil for anything else.
    public init?(spelling: String) {
        guard let match = Self.spellings.first(where: { $0.word == spelling.lowercased() }) else { return nil }
        self = match.flow
    }

    /// The word tio prints for this setting, used in help and messages.
    public var tioName: String {
        switch self {
        case .none: "none"
        case .hardware: "hard"
        case .software: "soft"
        }
    }
}
