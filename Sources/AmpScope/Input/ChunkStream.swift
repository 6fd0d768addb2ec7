/// The analyzer's input as chunks and control records: a session's records in order, or
/// imported logs. Several logs are merged into one stream by time when they all carry dated
/// host wall-clock stamps (one time axis); otherwise each is read on its own (`sharedOrder`
/// false) and the analyzer pairs their boots by order.
final class ChunkStream {
    enum Item {
        case chunk(Chunk)
        case control(ControlRecord)
        /// Following a live session: a host time up to which every record has been handed out,
        /// at most about one follow interval apart, so the boot in progress can be looked at
        /// (a silence grows while nothing arrives).
        case idle(UInt64)

        /// A session record as an item; nil for the header.
        init?(_ record: SessionRecord) {
            switch record {
            case .chunk(let chunk): self = .chunk(chunk)
            case .control(let control): self = .control(control)
            case .header: return nil
            }
        }
    }

    /// The host's read granularity when nothing better is known: a chunk is stamped when read()
    /// returns, which the capture loop does within a millisecond of the bytes arriving. A session
    /// whose adapter reports a latency timer uses max(1 ms, that timer) for that console.
    static let defaultGranularity: Int64 = 1_000_000

    private(set) var consoles: [TimelineConsole] = []
    /// Consoles (ids) each log importer feeds; for a session, all consoles under index 0.
    private(set) var consolesOfSource: [[UInt16]] = []
    let hostTimes: Bool
    let sharedOrder: Bool
    let baud: [UInt16: Int]
    /// How late a console's chunk may be stamped, where the session knows better than the
    /// default: a USB adapter's latency timer (ms) holds bytes that long before sending them.
    let readGranularity: [UInt16: Int64]
    /// Consoles read over the network (id → "rfc2217://lab-host-3:3001"): stamped on arrival
    /// here, after the network and ser2net, which the alignment statement says.
    let remoteConsoles: [UInt16: String]
    let wallClockBase: Int64?
    /// Host time 0 of "capture time" on the input's axis: a session's start (its monotonic
    /// anchor, the live view's origin); 0 for logs, whose axis starts at their first stamp.
    private(set) var timeOrigin: UInt64 = 0
    let clockDescription: String
    /// The probe's facts stored beside a session (facts.json); nil for logs and unprobed sessions.
    private(set) var boardFacts: BoardFacts?
    private(set) var warnings: [String] = []

    private let sessionPath: String?
    private var reader: SessionReader?
    private let follow: SessionFollow?
    private var lastIdle: UInt64 = 0
    /// Following: the latest time of a record handed out, and one read but held behind a tick.
    private var handedUntil: UInt64 = 0
    private var heldRecord: SessionRecord?
    private var followEnded = false
    private var inputs: [LogInput] = []
    private var importers: [LogImporter] = []
    private var heads: [Chunk?] = []
    /// Added to an importer's chunk times to put them on the common axis.
    private var shifts: [UInt64] = []
    /// Several logs were put on one clock by `LogClockAlignment` (their own placement caveats are moot).
    private var placedOnOneClock = false

    init(_ source: TimelineSource, follow: SessionFollow? = nil) throws(TimelineError) {
        self.follow = follow
        switch source {
        case .session(let directory):
            let reader: SessionReader
            do { reader = try SessionReader(directory: directory) } catch { throw TimelineError(.session(error)) }
            self.reader = reader
            sessionPath = directory
            let header = reader.header
            consoles = header.consoles.map {
                TimelineConsole(id: $0.id, name: $0.name, kind: $0.kind == .unknown ? ConsoleDescriptor.inferredKind(forName: $0.name) : $0.kind)
            }
            consolesOfSource = [consoles.map(\.id)]
            hostTimes = true
            sharedOrder = true
            baud = Dictionary(header.consoles.map { ($0.id, $0.settings.baud) }, uniquingKeysWith: { first, _ in first })
            readGranularity = Dictionary(header.consoles.compactMap { console in
                let local = console.adapter?.latencyTimer.map { Swift.max(Self.defaultGranularity, Int64($0) * 1_000_000) }
                if let remote = console.remote { return (console.id, remote.stampDelay(granularity: local ?? Self.defaultGranularity)) }
                return local.map { (console.id, $0) }
            }, uniquingKeysWith: { first, _ in first })
            remoteConsoles = Dictionary(header.consoles.compactMap { console in console.remote.map { _ in (console.id, console.port) } },
                                        uniquingKeysWith: { first, _ in first })
            wallClockBase = header.wallClockNanoseconds - Int64(bitPattern: header.monotonicAnchor)
            timeOrigin = header.monotonicAnchor
            clockDescription = "ampscope capture"
            do {
                boardFacts = try ProbeRecords.readFacts(directory: directory)
            } catch {
                warnings.append("\(error)")
            }
        case .logs(let inputs):
            guard !inputs.isEmpty else { throw TimelineError(.noInput) }
            sessionPath = nil
            self.inputs = inputs
            var nextConsole: UInt16 = 0
            for input in inputs {
                let options = LogImportOptions(
                    format: input.format, consoleName: input.consoleName, console: nextConsole,
                    yearForStampsWithoutYear: input.yearForStampsWithoutYear)
                let importer: LogImporter
                let head: Chunk?
                do {
                    importer = try LogImporter(path: input.path, options: options)
                    head = try importer.next()
                } catch {
                    throw TimelineError(.logImport(error))
                }
                importers.append(importer)
                heads.append(head)
                var ids: [UInt16] = []
                for console in importer.summary.consoles {
                    let kind = console.name == input.consoleName ? input.kind ?? ConsoleDescriptor.inferredKind(forName: console.name)
                        : ConsoleDescriptor.inferredKind(forName: console.name)
                    consoles.append(TimelineConsole(id: console.id, name: console.name, kind: kind))
                    ids.append(console.id)
                }
                consolesOfSource.append(ids)
                nextConsole = (ids.max() ?? nextConsole) &+ 1
            }
            baud = [:]
            readGranularity = [:]
            remoteConsoles = [:]
            let summaries = importers.map(\.summary)
                if importers.count == 1 {
                sharedOrder = true
                hostTimes = summaries[0].hasHostTimes
                wallClockBase = summaries[0].timeBase == .hostWallClock ? summaries[0].firstWallClock : nil
                shifts = [0]
                clockDescription = "\(summaries[0].innerFormat.rawValue) stamps"
            } else if let alignment = Self.alignment(importers, consoles: consoles), alignment.placesEveryLog {
                sharedOrder = true
                hostTimes = true
                wallClockBase = alignment.wallClockBase
                shifts = alignment.shifts
                clockDescription = alignment.description
                warnings += alignment.assumptions
                placedOnOneClock = true
            } else {
                sharedOrder = false
                hostTimes = false
                wallClockBase = nil
                shifts = Array(repeating: 0, count: importers.count)
                clockDescription = "none"
                if summaries.contains(where: \.hasHostTimes) {
                    let untimed = summaries.filter { !$0.hasHostTimes }.map(\.path)
                    warnings.append(untimed.isEmpty
                        ? "the logs' host stamps could not be put on one clock (no dated or time-of-day stamps in common, and no A-core line that starts the M-core to place a log counting from its own start): the consoles are aligned on anchors instead; capture with tio -t or grabserial -T for times of day"
                        : "\(untimed.joined(separator: " and ")) \(untimed.count == 1 ? "has" : "have") no host times, so the logs cannot share a clock: the consoles are aligned on anchors instead")
                }
            }
            for index in heads.indices { heads[index] = heads[index].map { shifted($0, by: shifts[index]) } }
        }
    }

    /// The next item in the shared order (sharedOrder only).
    func next() throws(TimelineError) -> Item? {
        if let reader {
            if let follow, !followEnded {
                if let item = nextWhileFollowing(reader, follow) { return item }
                followEnded = true
            }
            while let record = reader.next() {
                if let item = Item(record) { return item }
            }
            return nil
        }
        var best: Int?
        for index in heads.indices {
            guard let head = heads[index] else { continue }
            if let current = best, let bestHead = heads[current], bestHead.time <= head.time { continue }
            best = index
        }
        guard let best else { return nil }
        return try next(source: best).map { .chunk($0) }
    }

    /// The next chunk of one log (per-source reading when the logs share no clock).
    func next(source index: Int) throws(TimelineError) -> Chunk? {
        guard let head = heads[index] else { return nil }
        do {
            heads[index] = try importers[index].next().map { shifted($0, by: shifts[index]) }
        } catch {
            throw TimelineError(.logImport(error))
        }
        return head
    }

    /// The next record the capture has written, or an idle tick at a time up to which every
    /// record has been handed out: when caught up with the writer, the clock read before
    /// looking; in a steady stream, the last record's time once a tick is due. Nil once the
    /// capture has ended, for `next()` to read the rest.
    private func nextWhileFollowing(_ reader: SessionReader, _ follow: SessionFollow) -> Item? {
        while true {
            let now = follow.now()
            let record = heldRecord ?? reader.nextWritten()
            heldRecord = nil
            if let record {
                guard let item = Item(record), let time = record.time else { continue }
                if handedUntil > 0, time >= lastIdle &+ follow.interval, !follow.isStopping {
                    heldRecord = record
                    lastIdle = time
                    return .idle(handedUntil)
                }
                handedUntil = Swift.max(handedUntil, time)
                return item
            }
            if now >= lastIdle &+ follow.interval, !follow.isStopping {
                lastIdle = now
                return .idle(now)
            }
            if follow.hasEnded { return nil }
            follow.pause()
        }
    }

    /// Following a live session whose probe has just stored its facts: read them now (they
    /// were not there when reading began). Nil when not following or there are none.
    func factsWrittenSinceStart() -> BoardFacts? {
        guard follows, boardFacts == nil, let sessionPath else { return nil }
        boardFacts = try? ProbeRecords.readFacts(directory: sessionPath)
        return boardFacts
    }

    /// Reading a session that a capture is still writing.
    var follows: Bool { follow != nil }

    var sourceCount: Int { reader == nil ? importers.count : 1 }

    /// One log with its consoles fixed from the start (not a merged log, which names them as it goes).
    var isOneLogOfFixedConsoles: Bool {
        importers.count == 1 && importers[0].detection.format != .merged
    }

    private func shifted(_ chunk: Chunk, by shift: UInt64) -> Chunk {
        guard shift != 0 else { return chunk }
        var moved = chunk
        moved.time &+= shift
        return moved
    }

    /// The inputs as the timeline describes them, and every warning about them (call at the end).
    func finish() -> (inputs: [TimelineInput], warnings: [String]) {
        var all = warnings
        if let reader, let sessionPath {
            let damage = reader.damage.map { "\(sessionPath): \($0)" }
            all += damage
            return ([TimelineInput(
                path: sessionPath, format: "session", consoles: consoles.map(\.id), timeBase: ImportedTimeBase.hostMonotonic.rawValue,
                wallClockStart: reader.header.wallClockNanoseconds, warnings: reader.damage.map(\.description))], all)
        }
        var described: [TimelineInput] = []
        for (index, importer) in importers.enumerated() {
            let summary = importer.summary
            let warnings = placedOnOneClock ? summary.warnings.filter { $0 != summary.placementWarning } : summary.warnings
            all += warnings
            described.append(TimelineInput(
                path: summary.path, format: summary.format.rawValue, consoles: consolesOfSource[index],
                timeBase: summary.timeBase.rawValue, wallClockStart: summary.firstWallClock, warnings: warnings))
        }
        return (described, all)
    }
}

extension ChunkStream {
    /// A console a merged log named only after its first lines; registered on first sight.
    func discover(_ id: UInt16) -> TimelineConsole? {
        if let known = consoles.first(where: { $0.id == id }) { return known }
        for (index, importer) in importers.enumerated() {
            guard let console = importer.summary.consoles.first(where: { $0.id == id }) else { continue }
            let found = TimelineConsole(id: id, name: console.name, kind: ConsoleDescriptor.inferredKind(forName: console.name))
            consoles.append(found)
            consolesOfSource[index].append(id)
            return found
        }
        return nil
    }
}
