/// One console's part of the boot being built: counts, first and last line, capped events and
/// phases. Per line it does no allocation: the last line is copied into a reused buffer and
/// rendered to text only when the boot ends.
struct LaneBuilder {
    let console: UInt16
    let kind: ConsoleKind
    private(set) var lineCount = 0
    private(set) var byteCount: UInt64 = 0
    private(set) var garbageLineCount = 0
    private(set) var firstLine: PendingLine?
    private(set) var firstGarbageLine: PendingLine?
    /// Non-empty lines before the first garbage line, and from it on (with how many were garbage).
    private var cleanLinesBeforeGarbage = 0
    private var linesFromFirstGarbage = 0
    private var garbageLinesFromFirstGarbage = 0
    /// The last non-empty line's bytes: the first `lastCount` of `lastRaw`.
    private var lastRaw: [UInt8] = []
    private var lastCount = 0
    private var lastPoint: LinePoint?
    private var capper = EventCapper()
    private(set) var phases: PhaseTracker
    /// The latest printk time on this console in this boot (µs).
    private(set) var lastKernelTime: Int64?

    /// A line whose share of suspicious bytes is at least this is counted as wrong-baud garbage
    /// (at a wrong baud rate, about half the bytes decode as control or invalid bytes).
    static let garbageThreshold = 0.3

    init(console: UInt16, kind: ConsoleKind) {
        self.console = console
        self.kind = kind
        phases = PhaseTracker(kind: kind)
    }

    var hasLines: Bool { lineCount > 0 }

    /// Counts the line and remembers it as the lane's last (and maybe first) non-empty line.
    mutating func add(_ line: LineView, point: LinePoint) {
        lineCount += 1
        byteCount += UInt64(line.raw.count + Self.terminatorLength(line.ending))
        if let kernelTime = point.kernelTime { lastKernelTime = kernelTime }
        guard line.raw.count > 0 else { return }
        let isGarbage = Self.mayBeGarbage(line.raw) && line.garbageScore >= Self.garbageThreshold
        if isGarbage {
            garbageLineCount += 1
            if firstGarbageLine == nil { firstGarbageLine = PendingLine(point: point, text: line.text) }
        }
        if firstGarbageLine == nil {
            cleanLinesBeforeGarbage += 1
        } else {
            linesFromFirstGarbage += 1
            if isGarbage { garbageLinesFromFirstGarbage += 1 }
        }
        if firstLine == nil { firstLine = PendingLine(point: point, text: line.text) }
        // Copied into a buffer that only ever grows (Array's removeAll + append went through
        // the generic replaceSubrange, a few percent of the analysis for every line).
        if lastRaw.count < line.raw.count { lastRaw = [UInt8](repeating: 0, count: Swift.max(line.raw.count, 2 * lastRaw.count, 256)) }
        lastRaw.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: line.raw.baseAddress!, byteCount: line.raw.count) }
        lastCount = line.raw.count
        lastPoint = point
        if phases.awaitsRunning, kind == .microcontroller || phases.current == .started {
            phases.enterRunning(evidence: PendingLine(point: point, text: line.text))
        }
    }

    mutating func add(_ event: PendingEvent, nameIndex: Int32 = -1) {
        capper.add(event, nameIndex: nameIndex)
        if let phase = event.record.phase {
            phases.observe(phase, evidence: PendingLine(point: event.point, text: event.record.text))
        }
    }

    var lastLine: PendingLine? {
        lastPoint.map { PendingLine(point: $0, text: lastRaw.withUnsafeBytes { LineText.render(UnsafeRawBufferPointer(rebasing: $0[..<lastCount])).text }) }
    }

    /// The lane's garbage statistics, with the first garbage line placed by `place`.
    func activity(place: (PendingLine) -> LineReference) -> LaneActivity {
        LaneActivity(
            console: console, firstGarbageLine: firstGarbageLine.map(place), cleanLinesBeforeGarbage: cleanLinesBeforeGarbage,
            linesFromFirstGarbage: linesFromFirstGarbage, garbageLinesFromFirstGarbage: garbageLinesFromFirstGarbage)
    }

    var events: [PendingEvent] { capper.events }
    var omittedEvents: Int { capper.omitted }

    /// `LineEnding.terminator.count` without building the array.
    @inline(__always)
    static func terminatorLength(_ ending: LineEnding) -> Int {
        switch ending {
        case .lf, .cr: 1
        case .crlf: 2
        case .none: 0
        }
    }

    /// Whether the line has a byte outside printable ASCII and tab: only such lines can score
    /// as garbage (the decoder counts nothing else as suspicious), so the full analysis runs
    /// only for them. Runs for every line: eight bytes at a time (the compiler does not vectorize
    /// a byte loop, and this runs on every line), flagging any byte ≥ 0x80, < 0x20 or
    /// 0x7F; only a flagged line (a tab, say) takes the exact byte loop. (The OR/min reduction
    /// used before also passed every line whose bytes OR to 0x7F, most lines: harmless, as they
    /// score 0, but it sent them all through the decoder.)
    @inline(__always)
    static func mayBeGarbage(_ raw: UnsafeRawBufferPointer) -> Bool {
        let count = raw.count
        guard let base = raw.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var flags: UInt64 = 0
        var position = 0
        while position + 8 <= count {
            let word = base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            // A byte ≥ 0x80; a byte < 0x20 ("has less than" of Bit Twiddling Hacks: a false
            // alarm only next to a true one); a byte 0x7F (the same test for zero after XOR).
            let del = word ^ (ones &* 0x7F)
            flags |= word | ((word &- ones &* 0x20) & ~word) | ((del &- ones) & ~del)
            position += 8
        }
        if position < count, count >= 8 {
            // The last eight bytes, overlapping ones already seen (flags only accumulate): no
            // byte loop for the line's tail.
            let word = base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            let del = word ^ (ones &* 0x7F)
            flags |= word | ((word &- ones &* 0x20) & ~word) | ((del &- ones) & ~del)
            position = count
        }
        while position < count {
            let byte = UInt64(base.load(fromByteOffset: position, as: UInt8.self))
            flags |= byte < 0x20 || byte == 0x7F ? 0x80 : byte
            position += 1
        }
        return flags & highs != 0 && hasNonPrintableByte(raw)
    }

    /// The byte-exact test: a byte that is neither printable ASCII (0x20–0x7E) nor tab.
    static func hasNonPrintableByte(_ raw: UnsafeRawBufferPointer) -> Bool {
        raw.contains { byte in !(0x20...0x7E).contains(byte) && byte != 0x09 }
    }
}
