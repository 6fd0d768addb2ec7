/// U-Boot's printf and puts carry no level, yet most of its failure reports go through them:
/// a format whose words say that something went wrong is read as an error (or a warning), so
/// it counts among the error and warning formats a definition must recognize.
extension PrintLevel {
    static let ubootFailureWords = [
        "fail", "error", "invalid", "cannot", "can't", "unable", "not found", "no response",
        "unsupported", "not supported", "not implemented", "abort", "\" handler, esr", "bad ",
    ]

    /// The level a U-Boot format's words give it; nil when they say nothing went wrong.
    public static func inferred(fromUBootFormat format: String) -> PrintLevel? {
        let text = format.lowercased()
        if text.contains("warning") { return .warning }
        return ubootFailureWords.contains { text.contains($0) } ? .error : nil
    }
}
