import AmpScope
import ArgumentParser
import Foundation

extension ReportFlavor: ExpressibleByArgument {}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the forum-ready report: report.md, report.html and report.json.",
        discussion: """
            Reads the same inputs as `ampscope analyze` and writes three files that say \
            the same thing: report.md (fits one Discourse or GitHub post, 32,000 \
            characters: findings with evidence from both consoles, the timeline, \
            collapsible excerpts, what was not checked), report.html (one self-contained \
            page with a swimlane picture of both consoles; no scripts, no network) and \
            report.json (docs/report-json.md).

            Redaction is on, in two passes over the whole input: MAC addresses (in any \
            notation), IP addresses, serial numbers, host and user names, e-mail \
            addresses, tokens and passwords become stable pseudonyms (mac-1, serial-1, \
            ...), so the report still reads. Findings are never changed by it.

            By default report.md fits a new Discourse user's first post (at most 2 links, \
            the other references as code; no attachments) and says how to share the full \
            logs; --flavor github keeps every link. --bundle also writes \
            ampscope-bundle.tar.gz: the report, each console's log and the session \
            header, redacted as the report is.

            Every report ends in one verdict: problems found, no problem found, or \
            inconclusive (the input is empty, cut short before Linux was up, not \
            recognized, or the rules that matter for it could not be checked; the \
            verdict says what is missing and how to get it).

            Exit status, as for `ampscope analyze`: 0 no problem found, 3 problems \
            found (a finding of severity error or warning), 2 inconclusive, 1 the \
            input could not be read or the report not written, 64 a wrong command line.

            Examples:
              ampscope report colibri-boot1 -o report/
              ampscope report --a7 a7.txt --m4 m4.txt -o report/
              ampscope report soak-200 -o soak-report --no-redact
              ampscope report colibri-boot1 --bundle --flavor github
            """
    )

    @OptionGroup var inputs: TimelineInputOptions

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Folder for the report files (created if needed).", valueName: "folder"))
    var output: String = "report"

    @Flag(name: .customLong("no-redact"), help: "Keep addresses, serial numbers and host names as captured.")
    var noRedact = false

    @Option(help: ArgumentHelp("Where report.md goes: discourse (at most 2 links, no attachments) or github (links free).", valueName: "forum"))
    var flavor: ReportFlavor = .discourse

    @Flag(help: "Also write ampscope-bundle.tar.gz: the report, each console's log and the session header, redacted.")
    var bundle = false

    func validate() throws {
        try inputs.validate(logFormat: inputs.logFormat, name: "--input-format")
        if inputs.boot != nil { throw ValidationError("--boot is not supported by report: it covers every boot (use analyze --boot)") }
    }

    func run() throws {
        let classifier = try inputs.classifier()
        let written: ReportWriter.Written
        do {
            written = try ReportWriter(redact: !noRedact, flavor: flavor, bundle: bundle).write(
                inputs.source(logFormat: inputs.logFormat), classifier: classifier, diagnoser: try Diagnoser.builtin(), into: output)
        } catch let error as ReportError {
            throw CLIError(error.description)
        } catch let error as RuleError {
            throw CLIError(error.description)
        }
        print(written.verdict)
        print("  \(written.markdown) (\(written.markdownCharacters) characters: paste it into the post)")
        print("  \(written.html) (open in a browser, or attach)")
        print("  \(written.json)")
        if let path = written.bundle { print("  \(path) (the report, the logs and the session header in one file: share it where the forum allows files)") }
        print("  \(written.redaction)")
        if written.outcome.exitStatus != 0 { throw ExitCode(written.outcome.exitStatus) }
    }
}
