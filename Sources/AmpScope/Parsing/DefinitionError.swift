/// One thing wrong in a parser definition file, at the place it was found.
public struct DefinitionProblem: Sendable, Hashable, CustomStringConvertible {
    public var location: DefinitionLocation
    /// What is wrong and what is expected instead.
    public var message: String

    public init(_ location: DefinitionLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}

/// Parser definitions could not be loaded; every problem found is listed, so one run of
/// `ampscope rules` shows all of them.
public struct DefinitionError: Error, Sendable, CustomStringConvertible {
    public var problems: [DefinitionProblem]

    public init(problems: [DefinitionProblem]) {
        self.problems = problems
    }

    public var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "Parser definitions have \(count); fix them and run again:\n"
            + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}
