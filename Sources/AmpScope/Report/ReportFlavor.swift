/// Where report.md is going to be posted, which decides how many links it may hold and how the
/// full logs can be shared.
public enum ReportFlavor: String, Sendable, Hashable, CaseIterable, Codable {
    /// A Discourse forum (Toradex, NXP, ST communities): a new user (trust level 0) may put at
    /// most 2 links in a post and attach no files, so the report fits those limits.
    case discourse
    /// A GitHub issue: links are free and a .tar.gz can be attached.
    case github

    /// Links a post may hold; nil: no limit.
    public var linkLimit: Int? {
        switch self {
        case .discourse: return 2
        case .github: return nil
        }
    }

    /// What to do with the full logs, in one or two sentences; `bundle` is the bundle's file name when written.
    func sharingAdvice(bundle: String?) -> String {
        let what = "this report, both console logs and the session, redacted as this report is"
        let packed = bundle.map { "`\($0)` (\(what))" }
            ?? "one .tar.gz (`ampscope report --bundle`: \(what))"
        switch self {
        case .discourse:
            return "**The full logs:** \(packed). A new Discourse user (trust level 0) may attach no files and put at most "
                + "2 links in a post: post this text as it is, then upload the .tar.gz to a file host and give its address in a "
                + "reply once the forum allows you links, or paste the console lines a helper asks for as a code block."
        case .github:
            return "**The full logs:** \(packed). Attach it to the issue (drag it into the comment box; GitHub takes .tar.gz files)."
        }
    }
}
