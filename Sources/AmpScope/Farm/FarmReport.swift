/// The output of `ampscope analyze DIR...`, fed `FarmRunner`'s events in input order: per
/// session as it is read (text: a row of the sessions table; JSON: its findings; JUnit: a suite
/// per boot; TAP: a point per rule per boot), then what holds across sessions and boards
/// (`FarmSummary`) and one verdict. Keeps no boot.
public struct FarmReport {
    private let format: AnalysisResultWriter.Format
    private let output: (String) throws -> Void
    private let ruleIDs: [String]
    private let profiles: [BoardProfile]
    private let quiet: Bool
    private let text: FarmTextRenderer
    private var json: FarmJSONWriter
    private var tap: AnalyzeTAPWriter
    private var started = false
    public private(set) var summary = FarmSummary()
    private var judge = VerdictJudge()
    private var bootSummary = DiagnosisSummary()
    private let skippedFiles: [String]
    private let inputs: [FarmInput]

    public init(
        format: AnalysisResultWriter.Format, inputs: FarmInputs, width: Int = 100, ruleIDs: [String], profiles: [BoardProfile] = [], quiet: Bool = false,
        output: @escaping (String) throws -> Void
    ) {
        self.format = format
        self.output = output
        self.ruleIDs = ruleIDs
        self.profiles = profiles
        self.quiet = quiet
        skippedFiles = inputs.skippedFiles
        self.inputs = inputs.inputs
        text = FarmTextRenderer(width: width, names: inputs.inputs.map(\.name))
        json = FarmJSONWriter(output: output)
        tap = AnalyzeTAPWriter(ruleIDs: ruleIDs, output: output)
    }

    /// `index`: the input's place in the inputs given to `init`.
    public mutating func handle(_ event: FarmRunner.Event, at index: Int) throws {
        try startIfNeeded()
        let input = inputs[index]
        switch event {
        case .started(let header):
            summary.start(input, index: index, board: BoardNaming.name(of: input, header: header, profiles: profiles))
            judge = VerdictJudge()
            bootSummary = DiagnosisSummary()
        case .boot(let boot):
            guard let diagnosis = boot.diagnosis else { return }
            summary.add(boot.timeline, diagnosis: diagnosis)
            judge.add(diagnosis)
            bootSummary.add(diagnosis)
            guard let session = summary.current else { return }
            switch format {
            case .text: break
            case .json: try json.write(diagnosis.findings, session: index + 1, board: session.board.name)
            case .junit:
                try output(AnalyzeJUnitWriter.suite(
                    diagnosis, ruleIDs: ruleIDs, name: "\(input.name) boot \(diagnosis.boot)", classname: "ampscope.\(session.board.name)"))
            case .tap: try tap.write(diagnosis, prefix: input.name + " ")
            }
        case .finished(let timeline):
            let verdict = judge.verdict(problems: ReportVerdict.sentence(summary: bootSummary, uncheckedRules: 0))
            summary.finish(verdict: verdict, failure: nil, warnings: timeline.warnings)
            try sessionDone()
        case .failed(let reason):
            summary.finish(verdict: nil, failure: reason, warnings: [])
            try sessionDone()
        }
    }

    private mutating func sessionDone() throws {
        guard let session = summary.current else { return }
        switch format {
        case .text: if !quiet { try output(text.row(session)) }
        case .json: try json.record(session)
        case .junit:
            if let failure = session.failure { try output(AnalyzeJUnitWriter.failureSuite(name: session.input.name, reason: failure)) }
        case .tap:
            if let failure = session.failure { try tap.writeFailure(session.input.name + ": could not be read", reason: failure) }
        }
    }

    public mutating func finish() throws {
        try startIfNeeded()
        let verdict = summary.verdict { inputs[$0].name }
        switch format {
        case .text where quiet:
            if verdict.outcome != .noProblemFound { try output(verdict.headline + "\n") }
        case .text:
            try output(text.closing(summary, names: { inputs[$0].name }, skippedFiles: skippedFiles.count) + "\n" + verdict.headline + "\n")
        case .json: try json.finish(summary, skippedFiles: skippedFiles, verdict: verdict)
        case .junit: try output(AnalyzeJUnitWriter.verdictSuite(outcome: verdict.outcome, headline: verdict.headline) + AnalyzeJUnitWriter.footer)
        case .tap: try tap.finish(outcome: verdict.outcome, headline: verdict.headline)
        }
    }

    /// Exit status as for one input; 1 when no input at all could be read.
    public var exitStatus: Int32 {
        if summary.sessionCount > 0 && summary.unreadable == summary.sessionCount { return 1 }
        return summary.verdict { inputs[$0].name }.outcome.exitStatus
    }

    private mutating func startIfNeeded() throws {
        guard !started else { return }
        started = true
        switch format {
        case .text: if !quiet { try output(text.tableHead()) }
        case .json: try json.start()
        case .junit: try output(AnalyzeJUnitWriter.header)
        case .tap: break
        }
    }
}
