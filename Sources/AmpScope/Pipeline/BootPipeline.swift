import Foundation

/// The one way from an input to diagnosed boots, for every command that reads one (analyze,
/// timeline, report, demo, live findings): chunks → lines → events → boots → diagnosis, each boot
/// handed out in input order as soon as it and those before it are done, none kept. Renderers
/// only render what it hands out.
///
/// Offline, one log of one application console is cut at boot boundaries and its boots are
/// analyzed and diagnosed on `jobs` threads, with exactly the result of one reading
/// (`ParallelBoots`); every other input (a session, several logs, a merged log) and a live
/// capture are read in one go (Benchmarks/analysis/README.md says why).
public struct BootPipeline: Sendable {
    /// One boot as the pipeline hands it out.
    public struct Boot: Sendable {
        public var timeline: BootTimeline
        /// Nil when the pipeline has no diagnoser (`ampscope timeline`).
        public var diagnosis: BootDiagnosis?
        /// The consoles known when the boot ended (a merged log can name a new one later).
        public var consoles: [TimelineConsole]
    }

    public var classifier: Classifier
    public var diagnoser: Diagnoser?
    /// Threads that analyze boots; 1 reads every input in one go.
    public var jobs: Int
    /// Bytes of input a thread takes before the next safe boundary starts another's share.
    var segmentBytes = BootSplitter.defaultSegmentBytes

    /// Every processor the system gives this process.
    public static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

    public init(classifier: Classifier, diagnoser: Diagnoser?, jobs: Int = BootPipeline.defaultJobs) {
        self.classifier = classifier
        self.diagnoser = diagnoser
        self.jobs = max(1, jobs)
    }

    /// Reads `source` to its end, handing `onBoot` the selected boots (every boot when `selection`
    /// is nil) in order; returns the timeline without its boots and how many boots the input had.
    /// Throws a `TimelineError`, or a `BootSelectionError` when the selected boot is not there.
    public func run(
        _ source: TimelineSource, selection: BootSelection? = nil, onBoot: (Boot) throws -> Void
    ) throws -> (timeline: Timeline, bootCount: Int) {
        let stream = try ChunkStream(source)
        var picker = BootPicker(selection)
        let deliver: (BootTimeline, [TimelineConsole], BootDiagnosis?) throws -> Void = { boot, consoles, diagnosis in
            guard let shown = picker.offer(boot) else { return }
            try onBoot(diagnosis.map { Boot(timeline: shown, diagnosis: $0, consoles: consoles) } ?? diagnosed(shown, consoles: consoles))
        }
        let timeline: Timeline
        if jobs > 1, stream.isOneLogOfFixedConsoles, BootSplitter.canSplit(stream.consoles) {
            // Every boot is shown: each is diagnosed on its segment's thread; a selected one here.
            let parallel = ParallelBoots(
                stream: stream, classifier: classifier, diagnoser: selection == nil ? diagnoser : nil, jobs: jobs, segmentBytes: segmentBytes)
            timeline = try parallel.run(onBoot: deliver)
        } else {
            timeline = try withoutActuallyEscaping(deliver) { deliver throws(TimelineError) in
                var run = AnalysisRun(stream: stream, classifier: classifier, keepBoots: false) { try deliver($0, $1, nil) }
                if stream.sharedOrder {
                    try run.readSharedOrder()
                } else {
                    try run.readPairedByOrder(stream)
                }
                return run.timeline(stream)
            }
        }
        if let last = try picker.finish() {
            // As analyze always did: the held boot with the consoles known at the input's end.
            try onBoot(diagnosed(last, consoles: timeline.consoles))
        }
        return (timeline, picker.seen)
    }

    /// Reads a session that a capture is still writing (`TimelineAnalyzer.follow`), diagnosing
    /// each boot as it ends and, at each follow interval, the boot in progress.
    public func follow(
        session directory: String, _ follow: SessionFollow, onProgress: @escaping (Boot) -> Void, onBoot: (Boot) throws -> Void
    ) throws(TimelineError) -> Timeline {
        try TimelineAnalyzer.follow(
            session: directory, follow, classifier: classifier,
            onProgress: { [self] boot, consoles in onProgress(diagnosed(boot, consoles: consoles)) },
            onBoot: { boot, consoles in try onBoot(diagnosed(boot, consoles: consoles)) })
    }

    private func diagnosed(_ boot: BootTimeline, consoles: [TimelineConsole]) -> Boot {
        Boot(timeline: boot, diagnosis: diagnoser?.diagnose(boot, consoles: consoles), consoles: consoles)
    }
}
