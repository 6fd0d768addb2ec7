/// The terminal colours every view shares, so a console keeps its colour from the live capture
/// view to the timeline.
enum AnsiPalette {
    /// One colour per console, by its index.
    static let consoles = ["\u{1B}[36m", "\u{1B}[33m", "\u{1B}[35m", "\u{1B}[32m", "\u{1B}[34m", "\u{1B}[31m"]
    static let dim = "\u{1B}[2m"
    static let reset = "\u{1B}[0m"
}
