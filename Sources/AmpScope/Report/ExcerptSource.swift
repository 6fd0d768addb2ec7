/// Lines `first...last` (1-based, inclusive) of one console, as the timeline numbers them.
public struct ExcerptRange: Sendable, Hashable, Codable {
    public var console: UInt16
    public var first: Int
    public var last: Int

    public init(console: UInt16, first: Int, last: Int) {
        self.console = console
        self.first = max(first, 1)
        self.last = max(last, self.first)
    }

    /// The `context` lines either side of `line`.
    public init(console: UInt16, around line: Int, context: Int) {
        self.init(console: console, first: line - context, last: line + context)
    }
}

/// One line of an excerpt.
public struct ExcerptLine: Sendable, Hashable, Codable {
    public var number: Int
    public var text: String

    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }
}

/// Where a report gets the lines around its evidence. Implementations re-read the input
/// (`InputExcerptSource` streams a session or log files once for all ranges); a range past the
/// end of a console comes back shorter or empty, never as an error.
public protocol ExcerptSource {
    func lines(in ranges: [ExcerptRange]) throws(ReportError) -> [ExcerptRange: [ExcerptLine]]
}

/// Why a report could not be made.
public struct ReportError: Error, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }

    static func rereading(_ source: TimelineSource, _ error: TimelineError) -> ReportError {
        let what: String
        switch source {
        case .session(let directory): what = "the session \(directory)"
        case .logs(let logs): what = "the logs " + logs.map(\.path).joined(separator: ", ")
        }
        return ReportError(
            "could not re-read \(what) for the report's excerpts: \(error). The input changed or went away after the analysis; "
                + "run the report again on an unchanged copy, or write it without excerpts.")
    }
}
