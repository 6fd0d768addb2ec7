import Foundation

/// Writes the forum report of one input into a folder: report.md, report.html and report.json,
/// all from one `ReportDocument` (so the three say the same), redacted unless told otherwise.
public struct ReportWriter {
    /// What was written, for the command to print.
    public struct Written: Sendable, Hashable {
        public var markdown: String
        public var html: String
        public var json: String
        public var markdownCharacters: Int
        public var verdict: String
        public var outcome: VerdictOutcome
        public var worst: FindingSeverity?
        /// "Redacted: 1 serial number, ..." or why nothing was.
        public var redaction: String
        /// The .tar.gz `--bundle` wrote, nil when none was asked for.
        public var bundle: String?
    }

    public var redact: Bool
    public var markdownLimit: Int
    public var flavor: ReportFlavor
    /// Whether to pack the report, the logs and the session header into one .tar.gz.
    public var bundle: Bool

    public init(redact: Bool = true, markdownLimit: Int = 32_000, flavor: ReportFlavor = .discourse, bundle: Bool = false) {
        self.redact = redact
        self.markdownLimit = markdownLimit
        self.flavor = flavor
        self.bundle = bundle
    }

    /// Analyzes `source`, diagnoses every boot and writes the three files into `directory`
    /// (created if needed; existing report files are replaced).
    public func write(
        _ source: TimelineSource, classifier: Classifier, diagnoser: Diagnoser, into directory: String
    ) throws(ReportError) -> Written {
        try write(source, pipeline: BootPipeline(classifier: classifier, diagnoser: diagnoser), into: directory)
    }

    /// As above, through `pipeline` (which must have a diagnoser). Streams: the redactor learns
    /// the whole input first (the first pass), then each boot is diagnosed, summed up in a
    /// `ReportCollector` and, when it has a finding, written to report.json's scratch file at
    /// once (the second pass); only the boots the report shows in full are kept.
    public func write(_ source: TimelineSource, pipeline: BootPipeline, into directory: String) throws(ReportError) -> Written {
        var redactor: Redactor? = redact ? try Redactor.learning(from: source) : nil
        var collector = ReportCollector()
        var json = ReportJSONWriter()
        let timeline: Timeline
        do {
            (timeline, _) = try pipeline.run(source) { boot in
                collector.add(boot.timeline, diagnosis: boot.diagnosis!)
                try json.add(boot.timeline, diagnosis: boot.diagnosis!, consoles: boot.consoles, redactor: &redactor)
            }
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError("\(error)")
        }
        var header: SessionHeader?
        if case .session(let sessionDirectory) = source {
            header = try? SessionReader(directory: sessionDirectory).header
        }
        let input = ReportInput(timeline: timeline, collector: collector, header: header)
        let document = try ReportDocument.build(input, excerpts: InputExcerptSource(source), redact: redact, redactor: redactor)
        let markdown = MarkdownReportRenderer(limit: markdownLimit, flavor: flavor, bundle: bundle ? ReportBundle.fileName : nil).render(document)
        let html = HtmlReportRenderer().render(document)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError("cannot create the report folder \(directory): \(error.localizedDescription); choose another with -o")
        }
        let base = URL(fileURLWithPath: directory)
        let paths = (base.appendingPathComponent("report.md").path, base.appendingPathComponent("report.html").path,
                     base.appendingPathComponent("report.json").path)
        try json.finish(document, to: paths.2)
        for (path, text) in [(paths.0, markdown), (paths.1, html)] {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw ReportError("cannot write \(path): \(error.localizedDescription); check the folder's permissions and free space")
            }
        }
        var bundlePath: String?
        if bundle {
            // The same two passes over the same input give the logs the report's pseudonyms.
            bundlePath = try ReportBundle.write(source: source, reportDirectory: directory, redactor: redactor)
        }
        let worst = collector.summary.entries.map(\.severity).max()
        return Written(
            markdown: paths.0, html: paths.1, json: paths.2, markdownCharacters: markdown.count,
            verdict: document.verdict, outcome: document.verdictOutcome, worst: worst, redaction: document.redaction.sentence,
            bundle: bundlePath)
    }
}
