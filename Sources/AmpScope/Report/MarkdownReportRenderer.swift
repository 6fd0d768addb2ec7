/// `report.md`: one forum post (Discourse, GitHub). When the whole report is over `limit`
/// characters it is rendered again with less detail, step by step (shorter excerpts, fewer
/// excerpts, fewer timelines, fewer evidence lines, fewer findings), and a note says exactly what
/// was left out and how to share the full logs. It never cuts text mid-way.
public struct MarkdownReportRenderer: Sendable {
    /// Discourse's default maximum post length.
    public static let forumPostLimit = 32_000

    public var limit: Int
    public var timelineWidth: Int
    public var flavor: ReportFlavor
    /// The bundle's file name when `report --bundle` writes one, for the footer to name.
    public var bundle: String?

    public init(limit: Int = MarkdownReportRenderer.forumPostLimit, timelineWidth: Int = 80, flavor: ReportFlavor = .discourse, bundle: String? = nil) {
        self.limit = limit
        self.timelineWidth = timelineWidth
        self.flavor = flavor
        self.bundle = bundle
    }

    public func render(_ document: ReportDocument) -> String {
        var last = ""
        for detail in MarkdownDetail.steps(for: document) {
            last = MarkdownReportComposer(document: document, detail: detail, timelineWidth: timelineWidth, flavor: flavor, bundle: bundle).compose()
            if last.count <= limit { return last }
        }
        return last
    }
}

/// How much a Markdown report shows; `steps` go from everything to the bare summary.
struct MarkdownDetail: Sendable {
    var contextLines: Int
    var excerpts: Int
    var timelineBoots: Int
    var evidenceLines: Int
    var findingGroups: Int
    var notCheckedRules: Bool
    /// The probe's typed commands under "Facts from the board" (the facts themselves always show).
    var probeCommands = true
    /// Each finding's lines from every console involved (`ReportFindingLinesPlan`).
    var findingLines = true

    static func steps(for document: ReportDocument) -> [MarkdownDetail] {
        let full = MarkdownDetail(
            contextLines: .max, excerpts: .max, timelineBoots: 3, evidenceLines: 12, findingGroups: .max, notCheckedRules: true)
        var steps = [full]
        func add(_ change: (inout MarkdownDetail) -> Void) {
            var next = steps.last!
            change(&next)
            steps.append(next)
        }
        add { $0.contextLines = 4 }
        add { $0.probeCommands = false }
        add { $0.excerpts = 12 }
        add { $0.timelineBoots = 1 }
        add { $0.contextLines = 2; $0.excerpts = 6 }
        add { $0.evidenceLines = 4; $0.notCheckedRules = false; $0.findingLines = false }
        add { $0.excerpts = 0 }
        add { $0.findingGroups = 20 }
        add { $0.timelineBoots = 0; $0.findingGroups = 10; $0.evidenceLines = 2 }
        add { $0.findingGroups = 3; $0.evidenceLines = 0 }
        return steps
    }
}
