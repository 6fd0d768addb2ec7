import AmpScope
import ArgumentParser
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the forum-ready report: report.md, report.html and report.json.",
        discussion: """
            Reads the same inputs as `ampscope analyze` and writes three files that say
            the same thing: report.md (fits one Discourse or GitHub post, 32,000
            characters: findings with evidence from both consoles, the timeline,
            collapsible excerpts, what was not checked), report.html (one self-contained
            page with a swimlane picture of both consoles; no scripts, no network) and
            report.json (docs/report-json.md).

            Redaction is on: MAC and IP addresses, serial numbers, host names, e-mail
            addresses and home-directory user names become stable pseudonyms (mac-1,
            serial-1, ...), so the report still reads. Findings are never changed by it.
            Attach the full logs (`ampscope export`) beside the report.

            Every report ends in one verdict: problems found, no problem found, or
            inconclusive (the input is empty, cut short before Linux was up, not
            recognized, or the rules that matter for it could not be checked; the
            verdict says what is missing and how to get it).

            Exit status, as for `ampscope analyze`: 0 no problem found, 3 problems
            found (a finding of severity error or warning), 2 inconclusive, 1 the
            input could not be read or the report not written, 64 a wrong command line.

            Examples:
              ampscope report colibri-boot1 -o report/
              ampscope report --a7 a7.txt --m4 m4.txt -o report/
              ampscope report soak-200 -o soak-report --no-redact
            """
    )

    @OptionGroup var inputs: TimelineInputOptions

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Folder for the report files (created if needed).", valueName: "folder"))
    var output: String = "report"

    @Option(name: .customLong("log-format"), help: ArgumentHelp("Format of the log files, instead of detecting it.", valueName: "format"))
    var logFormat: LogFormat?

    @Flag(name: .customLong("no-redact"), help: "Keep addresses, serial numbers and host names as captured.")
    var noRedact = false

    func validate() throws {
        try inputs.validate(logFormat: logFormat, name: "--log-format")
        if inputs.boot != nil { throw ValidationError("--boot is not supported by report: it covers every boot (use analyze --boot)") }
    }

    func run() throws {
        let classifier = try inputs.classifier()
        let written: ReportWriter.Written
        do {
            let pipeline = BootPipeline(classifier: classifier, diagnoser: try Diagnoser.builtin(), jobs: inputs.jobs ?? BootPipeline.defaultJobs)
            written = try ReportWriter(redact: !noRedact).write(inputs.source(logFormat: logFormat), pipeline: pipeline, into: output)
        } catch let error as ReportError {
            throw CLIError(error.description)
        } catch let error as RuleError {
            throw CLIError(error.description)
        }
        print(written.verdict)
        print("  \(written.markdown) (\(written.markdownCharacters) characters: paste it into the post)")
        print("  \(written.html) (open in a browser, or attach)")
        print("  \(written.json)")
        print("  \(written.redaction)")
        if written.outcome.exitStatus != 0 { throw ExitCode(written.outcome.exitStatus) }
    }
}
