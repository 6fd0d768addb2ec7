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
              1  the input could not be read (message on stderr)
              64 the command line is wrong (message on stderr)

            Examples:
              ampscope analyze colibri-boot1
              ampscope analyze --a7 a7.txt --m4 m4.txt --format json
              ampscope analyze --merged both.log --boot last
              ampscope analyze --a7 a7.ts.log --a7-format ts --year 2026 --m4 m4.log
              ampscope analyze m4.log --console m4 --input-format tio
              ampscope analyze soak-200 --format json > soak.json || echo "problems"
              ampscope analyze colibri-boot1 --format junit > ampscope-junit.xml
            """
    )

    static let findingsExitCode: Int32 = 3

    @OptionGroup var inputs: TimelineInputOptions

    @Option(help: "Output: text for people, json for tools (docs/analyze-json.md), junit for CI systems (GitLab, Jenkins).")
    var format: AnalysisResultWriter.Format = .text

    @Option(parsing: .unconditional, help: ArgumentHelp("Columns for the text output (default: the terminal's width; 100 when not a terminal).", valueName: "columns"))
    var width: Int?

    func validate() throws {
        try inputs.validate(logFormat: inputs.logFormat, name: "--input-format")
        try OptionRange.within(width, 40...Int.max, "--width", unit: "columns")
        if width != nil && format != .text { throw ValidationError("--width applies to the text output, not to --format \(format.rawValue)") }
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
        var report = AnalysisResultWriter(
            format: format, width: width ?? TerminalEnvironment.outputColumns ?? 100, ruleIDs: diagnoser.rules.map(\.id)
        ) {
            if let buffered { try buffered.write($0) } else { try standardOutput.write(contentsOf: Data($0.utf8)) }
        }
        let (timeline, _) = try inputs.run(classifier, diagnoser: diagnoser, logFormat: inputs.logFormat) { boot in
            try report.add(boot.timeline, diagnosis: boot.diagnosis!, consoles: boot.consoles)
        }
        try report.finish(consoles: timeline.consoles, warnings: timeline.warnings)
        try buffered?.flush()
        if let status = report.verdict?.outcome.exitStatus, status != 0 { throw ExitCode(status) }
    }
}

extension AnalysisResultWriter.Format: ExpressibleByArgument {}
