/// Rule files could not be loaded; every problem is listed with file, line and column, so one run
/// of `ampscope rules check` shows all of them.
public struct RuleError: Error, Sendable, CustomStringConvertible {
    public var problems: [DefinitionProblem]

    public init(problems: [DefinitionProblem]) {
        self.problems = problems
    }

    public var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "Rules have \(count); fix them and run again:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}
