/// One analyzer run's state: the per-console assemblers, the segmenter and the boot being built.
struct AnalysisRun {
    private let input: any AnalysisInput
    private let classifier: Classifier
    private let keepBoots: Bool
    private let onBoot: (BootTimeline, [TimelineConsole]) throws -> Void
    /// Following a live session: the boot so far, at each idle tick.
    var onProgress: ((BootTimeline, [TimelineConsole]) -> Void)?
    /// One assembler per lane, boxed so a scan can run while its callback updates the run.
    private var assemblers: [AssemblerBox] = []
    private var consoleIDs: [UInt16] = []
    /// Console id → lane index (`Int.max` for none yet).
    private var laneOfConsole: [Int] = []
    private var kinds: [ConsoleKind] = []
    private var applicationLane: Int?
    private var segmenter: BootSegmenter
    private var boot: BootBuilder
    private var boots: [BootTimeline] = []
    private var bootCount = 1
    private var linesPerConsole: [Int] = []
    private var lastTime: [UInt64] = []
    private var control = SessionControlEvents()
    private var probe: ProbeWindow
    /// Hangups not yet reported: alarming when anything follows them, the capture's normal end
    /// when nothing does and every console hung up.
    private var pendingHangups: [ControlRecord] = []
    private var warnings: [String] = []
    /// An error thrown by onBoot inside a scan callback, rethrown after the chunk.
    private var consumerError: String?
    /// False for a segment after the input's first: its first boot is not the input's first.
    private var startsInput = true
    /// Lines still to take without a boundary decision: a segment's first line is the boundary
    /// that started it, already decided by the whole input's reading.
    private var undecidedLines = 0

    init(stream: ChunkStream, classifier: Classifier, keepBoots: Bool, onBoot: @escaping (BootTimeline, [TimelineConsole]) throws -> Void) {
        self.init(input: stream, settings: stream.settings, classifier: classifier, keepBoots: keepBoots, onBoot: onBoot)
    }

    /// A run over `input`; `resume` when it is a segment of a longer input that starts at a boot
    /// boundary (see `BootSplitter`), with the line counts the whole input's reading had there.
    init(
        input: any AnalysisInput, settings: BootBuilder.Settings, classifier: Classifier, keepBoots: Bool,
        resume: AnalysisResume? = nil, onBoot: @escaping (BootTimeline, [TimelineConsole]) throws -> Void
    ) {
        self.input = input
        self.classifier = classifier
        self.keepBoots = keepBoots
        self.onBoot = onBoot
        segmenter = BootSegmenter(sharedOrder: input.sharedOrder)
        probe = ProbeWindow(facts: input.boardFacts, tracksLiveLines: input.boardFacts != nil || input.follows)
        boot = BootBuilder(index: 1, boundary: resume == nil ? .inputStart : .bootloaderBanner, settings: settings)
        for console in input.consoles { register(console) }
        if let resume {
            startsInput = false
            segmenter.beginBoot()
            for lane in assemblers.indices {
                assemblers[lane].assembler.linesEmitted = resume.lineCounts[lane]
                assemblers[lane].assembler.streamOffset = resume.byteCounts[lane]
            }
            undecidedLines = 1
        }
    }

    private mutating func register(_ console: TimelineConsole) {
        let id = Int(console.id)
        if laneOfConsole.count <= id { laneOfConsole += Array(repeating: Int.max, count: id + 1 - laneOfConsole.count) }
        guard laneOfConsole[id] == Int.max else { return }
        laneOfConsole[id] = assemblers.count
        assemblers.append(AssemblerBox(LineAssembler(console: console.id)))
        consoleIDs.append(console.id)
        kinds.append(console.kind)
        linesPerConsole.append(0)
        lastTime.append(0)
        if boot.lanes.count < assemblers.count {
            boot.lanes.append(LaneBuilder(console: console.id, kind: console.kind))
        }
        if applicationLane == nil, console.kind == .application { applicationLane = assemblers.count - 1 }
    }

    private mutating func lane(of console: UInt16) -> Int? {
        if Int(console) < laneOfConsole.count, laneOfConsole[Int(console)] != Int.max { return laneOfConsole[Int(console)] }
        guard let found = input.discover(console) else { return nil }
        register(found)
        return laneOfConsole[Int(console)]
    }

    // MARK: reading

    mutating func readSharedOrder() throws(TimelineError) {
        while let item = try input.next() {
            switch item {
            case .chunk(let chunk):
                guard let lane = lane(of: chunk.console) else { continue }
                reportPendingHangups(captureEnded: false)
                lastTime[lane] = chunk.time
                chunk.bytes.withUnsafeBytes { bytes in
                    assemblers[lane].assembler.scan(bytes, time: chunk.time) { line in _ = handle(line, lane: lane, decide: decides()) }
                }
            case .control(let record):
                handle(record)
            case .idle(let now):
                showProgress(now: now)
            }
            try rethrowConsumerError()
        }
        for lane in assemblers.indices {
            assemblers[lane].assembler.finishScan(time: lastTime[lane]) { line in _ = handle(line, lane: lane, decide: true) }
        }
        let fallback = defaultConsole
        let hungUp = Set(pendingHangups.map { $0.console ?? fallback })
        reportPendingHangups(captureEnded: !consoleIDs.isEmpty && consoleIDs.allSatisfy(hungUp.contains))
        finishBoot(endsWithInput: input.endsInput)
        try rethrowConsumerError()
    }

    /// Whether the next line may start a boot (false for a segment's first line).
    private mutating func decides() -> Bool {
        guard undecidedLines == 0 else {
            undecidedLines -= 1
            return false
        }
        return true
    }

    /// Logs without a common clock: each boot takes every log's lines up to that log's next
    /// boundary (the application console's log first, so the M-core's banner rule can see what
    /// the A7 did), and boots are paired by order.
    mutating func readPairedByOrder(_ stream: ChunkStream) throws(TimelineError) {
        let sources = (0..<stream.sourceCount).sorted { first, second in
            let firstIsApplication = stream.consolesOfSource[first].contains { id in stream.consoles.first { $0.id == id }?.kind == .application }
            let secondIsApplication = stream.consolesOfSource[second].contains { id in stream.consoles.first { $0.id == id }?.kind == .application }
            return firstIsApplication && !secondIsApplication
        }
        var carried: [[Line]] = Array(repeating: [], count: stream.sourceCount)
        var carriedBoundary: [BootBoundary?] = Array(repeating: nil, count: stream.sourceCount)
        var exhausted = Array(repeating: false, count: stream.sourceCount)
        while true {
            var nextBoundary: BootBoundary?
            for source in sources {
                var stopped = false
                var queue = carried[source]
                carried[source] = []
                for (position, line) in queue.enumerated() {
                    if stopped { carried[source].append(line); continue }
                    guard let lane = lane(of: line.console) else { continue }
                    let boundary = line.raw.withUnsafeBytes { raw in
                        handle(LineView(line, raw: raw), lane: lane, decide: position > 0, isolated: true)
                    }
                    if let boundary {
                        stopped = true
                        carriedBoundary[source] = boundary
                        carried[source].append(line)
                    }
                }
                queue = []
                while !stopped, let chunk = try stream.next(source: source) {
                    guard let lane = lane(of: chunk.console) else { continue }
                    chunk.bytes.withUnsafeBytes { bytes in
                        assemblers[lane].assembler.scan(bytes, time: chunk.time) { line in
                            if stopped { carried[source].append(line.makeLine()); return }
                            if let boundary = handle(line, lane: lane, decide: true, isolated: true) {
                                stopped = true
                                carriedBoundary[source] = boundary
                                carried[source].append(line.makeLine())
                            }
                        }
                    }
                }
                if !stopped, !exhausted[source] {
                    exhausted[source] = true
                    for id in stream.consolesOfSource[source] {
                        guard let lane = lane(of: id) else { continue }
                        assemblers[lane].assembler.finishScan(time: 0) { line in
                            if stopped { carried[source].append(line.makeLine()); return }
                            if let boundary = handle(line, lane: lane, decide: true, isolated: true) {
                                stopped = true
                                carriedBoundary[source] = boundary
                                carried[source].append(line.makeLine())
                            }
                        }
                    }
                }
                if stopped, nextBoundary == nil { nextBoundary = carriedBoundary[source] }
            }
            let done = carried.allSatisfy(\.isEmpty)
            finishBoot(endsWithInput: done, next: nextBoundary ?? .bootloaderBanner)
            try rethrowConsumerError()
            if done { break }
        }
    }

    // MARK: lines and records

    /// Classifies the line, starts a new boot when it is a boundary (shared order) or reports the
    /// boundary without taking the line (`isolated`: the caller carries it to the next boot).
    @discardableResult
    private mutating func handle(_ line: LineView, lane: Int, decide: Bool, isolated: Bool = false) -> BootBoundary? {
        let kind = kinds[lane]
        let kernelTime = kind == .microcontroller ? nil : PrintkTime.parse(line.raw)?.microseconds
        if lane == applicationLane {
            if probe.isOpen {
                probeLine(line, lane: lane, kernelTime: kernelTime)
                return nil
            }
            probe.sawLive(kernelTime: kernelTime)
        }
        let event = classifier.classify(line, consoleKind: kind)
        if decide {
            let boundary: BootBoundary?
            if lane == applicationLane {
                boundary = segmenter.applicationBoundary(event: event, kernelTime: kernelTime)
            } else if kind == .microcontroller {
                boundary = segmenter.microcontrollerBoundary(event: event)
            } else {
                boundary = nil
            }
            if let boundary {
                if isolated { return boundary }
                finishBoot(endsWithInput: false, next: boundary)
            }
        }
        if lane == applicationLane {
            segmenter.recordApplication(event: event, kernelTime: kernelTime)
        } else if kind == .microcontroller {
            segmenter.recordMicrocontroller(event: event)
        }
        linesPerConsole[lane] += 1
        boot.add(line, lane: lane, kernelTime: kernelTime, event: event)
        return nil
    }

    /// A line of the probe's conversation: kept as a line, classified only when it is a printk
    /// line the live console missed (then placed at its printk time, marked as from dmesg).
    private mutating func probeLine(_ line: LineView, lane: Int, kernelTime: Int64?) {
        linesPerConsole[lane] += 1
        boot.add(line, lane: lane, kernelTime: nil, event: nil)
        guard probe.isMissed(kernelTime: kernelTime, text: LineText.render(line.raw).text), let kernelTime, var event = classifier.classify(line, consoleKind: kinds[lane]) else { return }
        event.fields[ProbeWindow.fromField] = ProbeWindow.fromDmesg
        probe.recovered()
        boot.add(recovered: event, kernelTime: kernelTime)
    }

    private var defaultConsole: UInt16 { applicationLane.map { consoleIDs[$0] } ?? consoleIDs.first ?? 0 }

    private mutating func handle(_ record: ControlRecord) {
        boot.observe(time: record.time)
        if probe.facts == nil, record.probeStep == .done {
            probe.adopt(input.factsWrittenSinceStart())
        }
        if probe.observe(record) {
            if !probe.isOpen, record.probeStep == .done { boot.boardFacts = probe.factsForBoot() }
            if let anchor = probe.uptimeAnchor { boot.uptimeAnchor = anchor }
        }
        if record.kind == .hangup {
            pendingHangups.append(record)
            return
        }
        if record.kind == .input || record.kind == .marker || record.kind == .gap || record.kind == .reopened {
            reportPendingHangups(captureEnded: false)
        }
        control(record, captureEnded: false)
    }

    private mutating func reportPendingHangups(captureEnded: Bool) {
        guard !pendingHangups.isEmpty else { return }
        let records = pendingHangups
        pendingHangups = []
        for record in records { control(record, captureEnded: captureEnded) }
    }

    private mutating func control(_ record: ControlRecord, captureEnded: Bool) {
        let fallback = defaultConsole
        let consoles = input.consoles
        let boxes = assemblers
        let laneOfConsole = laneOfConsole
        let made = control.events(
            for: record, defaultConsole: fallback, captureEnded: captureEnded,
            consoleName: { id in consoles.first { $0.id == id }?.name ?? "console \(id)" },
            position: { id in
                guard Int(id) < laneOfConsole.count, laneOfConsole[Int(id)] != Int.max else { return (0, 0) }
                let assembler = boxes[laneOfConsole[Int(id)]].assembler
                return (assembler.lineCount, assembler.consumedBytes)
            })
        if let warning = made.warning { warnings.append(warning) }
        for event in made.events { boot.add(control: event) }
    }

    // MARK: boots

    private mutating func finishBoot(endsWithInput: Bool, next boundary: BootBoundary = .bootloaderBanner) {
        let finished = boot.finish(microcontrollerBanners: segmenter.microcontrollerBanners, endsWithInput: endsWithInput)
        if !endsWithInput || finished.facts.lineCount > 0 || (bootCount == 1 && startsInput) || finished.lanes.contains(where: { !$0.events.isEmpty }) {
            deliver(finished)
        }
        guard !endsWithInput else { return }
        bootCount += 1
        segmenter.beginBoot()
        probe.beginBoot()
        boot = BootBuilder(index: bootCount, boundary: boundary, settings: boot.settings)
        boot.lanes = consoleIDs.indices.map { LaneBuilder(console: consoleIDs[$0], kind: kinds[$0]) }
    }

    /// The boot in progress as if it ended now; the run's own state is left as it was, so the
    /// boots it delivers are those an offline run delivers.
    private func showProgress(now: UInt64) {
        guard let onProgress, consumerError == nil else { return }
        var open = boot
        open.observe(time: now)
        onProgress(open.finish(microcontrollerBanners: segmenter.microcontrollerBanners, endsWithInput: true, inProgress: true), input.consoles)
    }

    private mutating func deliver(_ finished: BootTimeline) {
        guard consumerError == nil else { return }
        do {
            try onBoot(finished, input.consoles)
        } catch {
            consumerError = "\(error)"
        }
        if keepBoots { boots.append(finished) }
    }

    private func rethrowConsumerError() throws(TimelineError) {
        if let consumerError { throw TimelineError(.consumer(consumerError)) }
    }

    func timeline(_ stream: ChunkStream) -> Timeline {
        let (inputs, inputWarnings) = stream.finish()
        let all = inputWarnings + warnings + Self.silentConsoles(stream.consoles, lineCounts: lineCounts)
        return Timeline(consoles: stream.consoles, inputs: inputs, boots: keepBoots ? boots : [], warnings: all)
    }

    /// Lines read per console (by console id), for the warning about a console that printed none.
    var lineCounts: [(console: UInt16, lines: Int)] {
        consoleIDs.indices.map { (consoleIDs[$0], linesPerConsole[$0]) }
    }

    /// The assemblers' place: lines and bytes each console's line splitting has taken so far.
    var assemblerPositions: (lines: [Int], bytes: [UInt64]) {
        (assemblers.map(\.assembler.lineCount), assemblers.map(\.assembler.consumedBytes))
    }

    static func silentConsoles(_ consoles: [TimelineConsole], lineCounts: [(console: UInt16, lines: Int)]) -> [String] {
        lineCounts.filter { $0.lines == 0 }.map { entry in
            let name = consoles.first { $0.id == entry.console }?.name ?? "console \(entry.console)"
            return "\(name) printed no lines: check its wiring, baud rate and that its core runs"
        }
    }
}

final class AssemblerBox {
    var assembler: LineAssembler

    init(_ assembler: LineAssembler) {
        self.assembler = assembler
    }
}

extension LineView {
    /// A view of an owned line (for lines carried from one boot to the next).
    init(_ line: Line, raw: UnsafeRawBufferPointer) {
        self.init(
            console: line.console, number: line.number, byteOffset: line.byteOffset, firstByteTime: line.firstByteTime,
            endTime: line.endTime, raw: raw, ending: line.ending, isContinuation: line.isContinuation, isCut: line.isCut)
    }
}
