import AmpScope
import ArgumentParser
import Foundation

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Diagnose each boot: what went wrong between the cores, the lines that show it, and the fix.",
        discussion: """
            Reads the same inputs as `ampscope timeline` (a session from `ampscope \
            capture`, or the logs you already have), builds each boot's timeline and \
            runs the rule catalogue (`ampscope rules list`) over it. Per boot: its \
            findings, most severe first, each with what happened, the evidence lines \
            from every console involved (console, line, time, text), the fix and \
            references. Then which rules fired in how many boots, and what could \
            not be checked and why (e.g. logs without timestamps). Boots are read \
            and reported one at a time, so any size of log works.

            --format json writes one document (docs/analyze-json.md): tool, version, \
            findings, boots, not_checked, summary, consoles, warnings.

            --format junit writes JUnit XML for CI systems (GitLab, Jenkins): one test \
            suite per boot, one test case per rule; a finding of severity error or \
            warning fails with its evidence and fix, a rule that could not be checked \
            is skipped with the reason, a note passes; a last suite holds the verdict \
            (an error when inconclusive).

            --format tap writes TAP version 14: one test point per rule per boot \
            (`boot 2: RULE`), not ok with a YAML block for a finding of severity error \
            or warning, # SKIP with the reason for a rule that could not be checked, \
            then a verdict point (not ok unless no problem was found) and the plan.

            Many sessions at once: give several sessions or logs, or folders holding \
            them (a board farm's captures). Every session (a folder with \
            session.amps) and log (*.log, *.txt) in them is analyzed, --jobs at a \
            time (fewer inputs than threads share out the rest), and the output is \
            the same for any --jobs: a \
            row per session as it is read, then which rule fired on which board in \
            how many boots, first and last seen, and the boots whose findings differ \
            from the majority of their board's ("boot 37 of 200 differs"). A board \
            is named by the session header (capture --board NAME, --place PLACE or a \
            labgrid:PLACE/... port), else by a board profile whose ports are the \
            session's, else by the path: the first folder below the folder given \
            (farm/colibri-3/run-17), else the name up to its first dot \
            (colibri-3.run-17). --format json gives one document \
            (docs/analyze-sessions-json.md), junit a suite per session and boot, tap \
            a point per rule per boot of each session. A session that cannot be read \
            is reported (and said on stderr) and the others go on.

            --quiet prints only the verdict's line, and nothing when no problem was \
            found. analyze never asks anything: it reads no keyboard, so it runs the \
            same without a terminal (cron, CI, nohup).

            The output ends in one verdict, never a silent all-clear:
              problems found    a finding of severity error or warning
              no problem found  every rule that matters for the input was checked
              inconclusive      the input is empty, cut short before Linux was
                                up, not recognized, or rules that matter for
                                what it shows could not be checked (e.g. logs
                                without host times); it says what is missing
                                and how to get it
            Decisions made without times (an absence judged from what the log \
            shows after a point) say so and have lower confidence.

            Exit status, for scripts and CI:
              0  no problem found (notes of severity info may be present)
              3  problems found
              2  inconclusive
              1  the input could not be read (message on stderr); with several
                 inputs, none of them could be read
            With several inputs: 3 when any session has problems, else 2 when any \
            is inconclusive or could not be read, else 0.
              64 the command line is wrong (message on stderr)

            Examples:
              ampscope analyze colibri-boot1
              ampscope analyze --a7 a7.txt --m4 m4.txt --format json
              ampscope analyze --merged both.log --boot last
              ampscope analyze --a7 a7.ts.log --a7-format ts --year 2026 --m4 m4.log
              ampscope analyze m4.log --console m4 --input-format tio
              ampscope analyze soak-200 --format json > soak.json || echo "problems"
              ampscope analyze colibri-boot1 --format junit > ampscope-junit.xml
              ampscope analyze colibri-boot1 --format tap | tappy
              ampscope analyze /srv/farm/night-12 --format junit > farm-junit.xml
              ampscope analyze colibri-3.log verdin-1.log --quiet || exit 1
            """
    )

    static let findingsExitCode: Int32 = 3

    @OptionGroup var inputs: TimelineInputOptions

    @Argument(help: ArgumentHelp("More sessions, logs, or folders holding them (a board farm's captures): analyzed together.", valueName: "more"))
    var more: [String] = []

    @Option(help: "Output: text for people, json for tools (docs/analyze-json.md), junit or tap for CI systems (GitLab, Jenkins, TAP harnesses).")
    var format: AnalysisResultWriter.Format = .text

    @Option(parsing: .unconditional, help: ArgumentHelp("Columns for the text output (default: the terminal's width; 100 when not a terminal).", valueName: "columns"))
    var width: Int?

    @Flag(name: .shortAndLong, help: "Print only the verdict's line, and nothing when no problem was found (text output).")
    var quiet = false

    /// Several inputs, or a folder that is not one session: `analyze DIR...`.
    var isFarm: Bool {
        guard inputs.input != nil else { return false }
        return !more.isEmpty || (inputs.isSession && !inputs.isCaptureSession)
    }

    func validate() throws {
        try inputs.validate(logFormat: inputs.logFormat, name: "--input-format")
        try OptionRange.within(width, 40...Int.max, "--width", unit: "columns")
        if width != nil && format != .text { throw ValidationError("--width applies to the text output, not to --format \(format.rawValue)") }
        if quiet && format != .text { throw ValidationError("--quiet applies to the text output; --format \(format.rawValue) is written whole for tools") }
        if isFarm {
            if inputs.boot != nil { throw ValidationError("--boot picks a boot of one input; with several sessions or a folder every boot is analyzed") }
        } else if !more.isEmpty {
            throw ValidationError("several inputs are given as arguments only, without --a7, --m4 or --merged")
        }
    }

    func run() throws {
        let classifier = try inputs.classifier()
        let diagnoser: Diagnoser
        do {
            diagnoser = try Diagnoser.builtin()
        } catch {
            throw CLIError(error.description)
        }
        let standardOutput = FileHandle.standardOutput
        let buffered = format != .text ? BufferedOutput(standardOutput) : nil
        // What was written reaches stdout also when the input fails part way.
        defer { try? buffered?.flush() }
        let write: (String) throws -> Void = {
            if let buffered { try buffered.write($0) } else { try standardOutput.write(contentsOf: Data($0.utf8)) }
        }
        if isFarm {
            let status = try runFarm(classifier: classifier, diagnoser: diagnoser, output: write)
            try buffered?.flush()
            if status != 0 { throw ExitCode(status) }
            return
        }
        var report = AnalysisResultWriter(
            format: format, width: width ?? TerminalEnvironment.outputColumns ?? 100, ruleIDs: diagnoser.rules.map(\.id), quiet: quiet, output: write
        )
        let (timeline, _) = try inputs.run(classifier, diagnoser: diagnoser, logFormat: inputs.logFormat) { boot in
            try report.add(boot.timeline, diagnosis: boot.diagnosis!, consoles: boot.consoles)
        }
        try report.finish(consoles: timeline.consoles, warnings: timeline.warnings)
        try buffered?.flush()
        if let status = report.verdict?.outcome.exitStatus, status != 0 { throw ExitCode(status) }
    }

    /// `analyze DIR...`: every session and log found, read `--jobs` at a time; the exit status.
    private func runFarm(classifier: Classifier, diagnoser: Diagnoser, output: @escaping (String) throws -> Void) throws -> Int32 {
        let runner = FarmRunner(
            classifier: classifier, diagnoser: diagnoser, jobs: inputs.jobs ?? BootPipeline.defaultJobs,
            logConsole: inputs.console, logFormat: inputs.logFormat, year: inputs.year)
        let analysis = FarmAnalysis(
            runner: runner, format: format, width: width ?? TerminalEnvironment.outputColumns ?? 100, quiet: quiet,
            profileFiles: BoardProfiles.files(projectDirectory: FileManager.default.currentDirectoryPath, environment: ProcessInfo.processInfo.environment))
        do {
            return try analysis.run([inputs.input].compactMap { $0 } + more, output: output) {
                FileHandle.standardError.write(Data(($0 + "\n").utf8))
            }
        } catch let error as FarmError {
            throw CLIError(error.description)
        }
    }
}

extension AnalysisResultWriter.Format: ExpressibleByArgument {}
