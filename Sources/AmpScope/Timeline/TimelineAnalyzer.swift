/// The timeline stage of the pipeline: chunks → lines → events → boots → timeline, streaming.
public enum TimelineAnalyzer {
    /// Streams the input through LineAssembler.scan → Classifier → BootSegmenter/PhaseTracker/clock
    /// model; calls onBoot for each finished boot in order (memory bounded by one boot); returns the
    /// Timeline with `boots` empty when keepBoots is false, else filled.
    public static func run(
        _ source: TimelineSource, classifier: Classifier, keepBoots: Bool = true,
        onBoot: (BootTimeline) throws -> Void = { _ in }
    ) throws(TimelineError) -> Timeline {
        Timeline(consoles: [], inputs: [], boots: [])
    }
}
