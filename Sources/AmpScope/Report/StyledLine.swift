/// How a cell of the terminal timeline is drawn when colour is on.
enum TimelineStyle: Sendable, Hashable {
    case plain
    case bold
    case dim
    /// The console's colour (same palette as the live capture view, so a7/m4 keep their colours).
    case console(Int)
    case consoleBold(Int)
    case warning
    case error

    var escape: String {
        switch self {
        case .plain: ""
        case .bold: "\u{1B}[1m"
        case .dim: AnsiPalette.dim
        case .console(let index): AnsiPalette.consoles[index % AnsiPalette.consoles.count]
        case .consoleBold(let index): "\u{1B}[1m" + AnsiPalette.consoles[index % AnsiPalette.consoles.count]
        case .warning: "\u{1B}[1;33m"
        case .error: "\u{1B}[1;31m"
        }
    }
}

/// One output line as cells (one `Character` per terminal column) with a style each, so that
/// layout, elision and width checks never see escape sequences.
struct StyledLine: Sendable {
    private(set) var cells: [Character] = []
    private(set) var styles: [TimelineStyle] = []

    init() {}

    init(_ text: String, style: TimelineStyle = .plain) {
        append(text, style: style)
    }

    var count: Int { cells.count }

    mutating func append(_ text: String, style: TimelineStyle = .plain) {
        for character in text {
            cells.append(Self.printable(character))
            styles.append(style)
        }
    }

    mutating func pad(to column: Int) {
        while cells.count < column { append(" ") }
    }

    /// Writes `text` from `column` on, growing the line with spaces as needed and overwriting what was there.
    mutating func put(_ text: String, at column: Int, style: TimelineStyle = .plain) {
        var position = column
        for character in text {
            pad(to: position + 1)
            cells[position] = Self.printable(character)
            styles[position] = style
            position += 1
        }
    }

    /// At most `width` columns: a longer line is cut and ends in `…`, never wrapped. Trailing
    /// blanks are dropped; colour is added only when asked for.
    func rendered(width: Int, color: Bool) -> String {
        var end = cells.count
        while end > 0, cells[end - 1] == " " { end -= 1 }
        var shownCells = Array(cells[0..<end])
        var shownStyles = Array(styles[0..<end])
        if shownCells.count > width {
            shownCells = Array(shownCells.prefix(max(0, width - 1))) + ["…"]
            shownStyles = Array(shownStyles.prefix(max(0, width - 1))) + [shownStyles[max(0, width - 1)]]
        }
        guard color else { return String(shownCells) }
        var output = ""
        var current = TimelineStyle.plain
        for (character, style) in zip(shownCells, shownStyles) {
            if style != current {
                if current != .plain { output += AnsiPalette.reset }
                output += style.escape
                current = style
            }
            output.append(character)
        }
        if current != .plain { output += AnsiPalette.reset }
        return output
    }

    /// Control characters (tabs, stray escapes) would move the cursor and break the columns.
    private static func printable(_ character: Character) -> Character {
        character.unicodeScalars.contains { $0.properties.generalCategory == .control } ? " " : character
    }
}

extension StyledLine {
    mutating func append(_ other: StyledLine) {
        for (character, style) in zip(other.cells, other.styles) { append(String(character), style: style) }
    }
}
