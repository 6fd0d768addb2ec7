import Foundation

/// `analyze DIR...` from its arguments to its exit status: find the inputs, load the board
/// profiles that name boards, read the inputs (`FarmRunner`) into the report (`FarmReport`).
public struct FarmAnalysis {
    public var runner: FarmRunner
    public var format: AnalysisResultWriter.Format
    public var width: Int
    public var quiet: Bool
    /// Board profile files to name boards by (`BoardProfiles.files`).
    public var profileFiles: [String]

    public init(runner: FarmRunner, format: AnalysisResultWriter.Format, width: Int, quiet: Bool, profileFiles: [String]) {
        self.runner = runner
        self.format = format
        self.width = width
        self.quiet = quiet
        self.profileFiles = profileFiles
    }

    /// Writes the report to `output` and what the user should know (an input that could not be
    /// read, a profile file not used) to `note`; returns the exit status. Throws `FarmError`
    /// when an argument does not exist or holds nothing to analyze.
    public func run(_ arguments: [String], output: @escaping (String) throws -> Void, note: (String) -> Void) throws -> Int32 {
        let found = try FarmInputs.discover(arguments)
        let (profiles, problems) = BoardNaming.profiles(in: profileFiles)
        for problem in problems { note("note: \(problem)") }
        var report = FarmReport(
            format: format, inputs: found, width: width, ruleIDs: runner.diagnoser.rules.map(\.id), profiles: profiles, quiet: quiet, output: output)
        try runner.run(found.inputs) { index, event in
            if case .failed(let reason) = event { note("ampscope: \(found.inputs[index].name): \(reason)") }
            try report.handle(event, at: index)
        }
        try report.finish()
        return report.exitStatus
    }
}
