/// The timeline stage of the pipeline: chunks → lines → events → boots → timeline, streaming.
public enum TimelineAnalyzer {
    /// The host's read granularity when nothing better is known (see `ChunkStream`).
    public static let defaultGranularity: Int64 = ChunkStream.defaultGranularity

    /// Streams the input through LineAssembler.scan → Classifier → BootSegmenter/PhaseTracker/clock
    /// model; calls onBoot for each finished boot in order (memory bounded by one boot); returns the
    /// Timeline with `boots` empty when keepBoots is false, else filled.
    public static func run(
        _ source: TimelineSource, classifier: Classifier, keepBoots: Bool = true,
        onBoot: (BootTimeline) throws -> Void = { _ in }
    ) throws(TimelineError) -> Timeline {
        try run(source, classifier: classifier, keepBoots: keepBoots) { (boot, _) in try onBoot(boot) }
    }

    /// As `run`, with the consoles known when the boot ended (a merged log can name a new one
    /// later), which the diagnosis needs to tell the cores apart.
    public static func run(
        _ source: TimelineSource, classifier: Classifier, keepBoots: Bool = true,
        onBootWithConsoles onBoot: (BootTimeline, [TimelineConsole]) throws -> Void
    ) throws(TimelineError) -> Timeline {
        let stream = try ChunkStream(source)
        return try withoutActuallyEscaping(onBoot) { (onBoot) throws(TimelineError) -> Timeline in
            var run = AnalysisRun(stream: stream, classifier: classifier, keepBoots: keepBoots, onBoot: onBoot)
            if stream.sharedOrder {
                try run.readSharedOrder()
            } else {
                try run.readPairedByOrder(stream)
            }
            return run.timeline(stream)
        }
    }

    /// Reads a session that a capture is still writing, until `follow.captureEnded()`: onBoot
    /// gets each boot as it ends (the last one when the capture has ended, as `run` would give
    /// it), and onProgress, at each follow interval, the boot in progress as if it ended now,
    /// marked `facts.inProgress` (rules that need the boot's end wait for it).
    public static func follow(
        session directory: String, _ follow: SessionFollow, classifier: Classifier,
        onProgress: @escaping (BootTimeline, [TimelineConsole]) -> Void,
        onBoot: (BootTimeline, [TimelineConsole]) throws -> Void
    ) throws(TimelineError) -> Timeline {
        let stream = try ChunkStream(.session(directory: directory), follow: follow)
        return try withoutActuallyEscaping(onBoot) { (onBoot) throws(TimelineError) -> Timeline in
            var run = AnalysisRun(stream: stream, classifier: classifier, keepBoots: false, onBoot: onBoot)
            run.onProgress = onProgress
            try run.readSharedOrder()
            return run.timeline(stream)
        }
    }
}
