/// Reads a saved console log as the chunks a capture would have produced: one chunk per line,
/// its stamp prefix removed, its bytes and line ending kept, its time the line's stamp
/// (ns since the first stamped line). Formats whose lines keep their bytes and carry no host
/// time (plain text, dmesg) come, after the detection sample, as chunks of many whole lines:
/// the same bytes, without a chunk per line. Streams: memory stays bounded whatever the file size.
///
///     let importer = try LogImporter(path: "minicom-a7.txt", options: .init(consoleName: "a7"))
///     while let chunk = try importer.next() { ... }
///     let summary = importer.summary
public final class LogImporter {
    public let path: String
    public let options: LogImportOptions
    public let detection: LogDetection

    private let reader: LogFileReader
    private var splitter: LogLineSplitter
    private var sample: [RawLogLine]
    private var sampleIndex = 0
    private var timeline: StampTimeline
    private var sequence: UInt64
    private var consoles: [ImportedLog.Console]
    private var consoleIndex: [String: Int] = [:]
    private var currentConsole = 0
    private var currentTime: UInt64 = 0
    private var unstampedLines = 0
    private var unlabelledLines = 0
    private var cutLines = 0
    /// Kernel records a forum had joined into another line, read each on its own line.
    private var joinedRecords = 0
    private var byteCount: UInt64 = 0
    /// ampscope's header and marker lines left out: they are not console output.
    private var skippedLines = 0
    /// A session text log's start (from its header), to which its relative stamps count.
    private var captureStart: Int64?
    /// The first stamp read, as printed: how another log's stamps can be put beside it.
    private(set) var firstStamp: LineStamp.Value?
    /// The first stamp of the detection sample (known before any line is handed out).
    private(set) var sampleFirstStamp: LineStamp.Value?
    /// Whether the stamps are intervals since the line before (tio 24hour-delta, ts -i).
    let stampsAreIntervals: Bool

    /// Opens `path` and detects its format (or takes `options.format`).
    public convenience init(path: String, options: LogImportOptions = LogImportOptions()) throws(LogImportError) {
        try self.init(reader: LogFileReader(opening: path), options: options)
    }

    /// Reads from an open descriptor (a pipe or stdin works: nothing seeks); the caller closes it.
    public convenience init(fileDescriptor: Int32, path: String, options: LogImportOptions = LogImportOptions()) throws(LogImportError) {
        try self.init(reader: LogFileReader(descriptor: fileDescriptor, path: path), options: options)
    }

    private init(reader: LogFileReader, options: LogImportOptions) throws(LogImportError) {
        self.reader = reader
        self.path = reader.path
        self.options = options
        splitter = LogLineSplitter(reader: reader, maximumLineLength: options.maximumLineLength)
        var sample: [RawLogLine] = []
        var sampleBytes = 0
        do {
            while sample.count < LogFormatDetector.sampleLineLimit && sampleBytes < LogFormatDetector.sampleByteLimit,
                  let line = try splitter.nextLine() {
                sample.append(line)
                sampleBytes += line.bytes.count
            }
            detection = try LogFormatDetector.detect(sample, path: reader.path, forced: options.format)
        } catch {
            reader.release()
            throw error
        }
        self.sample = sample
        for line in sample where !line.continuesCutLine {
            let bytes = LogFormatDetector.trimmedEnding(line.bytes)
            if detection.innerFormat == .ampscope, AmpScopeTextLog.isHeader(bytes) {
                captureStart = AmpScopeTextLog.start(inHeader: bytes)
                continue
            }
            guard detection.format != .merged, var value = detection.innerFormat.stamp(in: bytes)?.value else { continue }
            if case .seconds(let relative) = value, let captureStart { value = .epoch(captureStart &+ relative) }
            sampleFirstStamp = value
            break
        }
        stampsAreIntervals = IntervalStampDetector.stampsAreIntervals(sample, format: detection.innerFormat)
        timeline = StampTimeline(yearForDateless: options.yearForStampsWithoutYear, accumulates: stampsAreIntervals)
        sequence = options.firstSequence
        consoles = []
        // Lines of a merged file before its first label go to the first labelled console;
        // with no label at all (a forced `merged`), to the console the options name.
        for label in detection.format == .merged ? detection.labels : [] { addConsole(label) }
        if consoles.isEmpty { addConsole(options.consoleName) }
    }

    deinit { reader.release() }

    /// The next chunk, or nil at the end of the file.
    public func next() throws(LogImportError) -> Chunk? {
        while true {
            if sampleIndex >= sample.count, passesLinesThrough, !splitter.isInsideCutLine, let lines = try splitter.nextCompleteLines() {
                return chunk(ofCompleteLines: lines)
            }
            guard let line = try nextLine() else { return nil }
            byteCount += UInt64(line.bytes.count)
            var bytes = line.bytes
            if !line.continuesCutLine {
                if line.isCut { cutLines += 1 }
                guard let kept = startLine(bytes) else { continue }
                bytes = kept
                let joined = JoinedPrintkRecords.split(&bytes)
                joinedRecords += joined
                consoles[currentConsole].lineCount += joined
            }
            let chunk = Chunk(console: consoles[currentConsole].id, sequence: sequence, time: currentTime, bytes: bytes)
            sequence += 1
            return chunk
        }
    }

    /// The next line: from the detection sample first, then from the file.
    private func nextLine() throws(LogImportError) -> RawLogLine? {
        let line: RawLogLine
        if sampleIndex < sample.count {
            line = sample[sampleIndex]
            sampleIndex += 1
            if sampleIndex == sample.count { sample = [] }
        } else if let read = try splitter.nextLine() {
            line = read
        } else {
            return nil
        }
        return line
    }

    /// Lines of these formats go out byte for byte at time 0, so many can share a chunk.
    private var passesLinesThrough: Bool {
        detection.format == detection.innerFormat && (detection.format == .plain || detection.format == .dmesg)
    }

    /// One chunk of whole lines, with the bookkeeping `startLine` does for each line.
    private func chunk(ofCompleteLines read: [UInt8]) -> Chunk {
        var bytes = read
        byteCount += UInt64(bytes.count)
        let cap = splitter.maximumLineLength
        let readsStamps = detection.format == .dmesg
        var lines = 0
        var cut = 0
        var joins: [Int] = []
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var start = base
            let end = base + raw.count
            while start < end {
                let lineEnd = ByteSearch.first(0x0A, from: start, to: end) + 1
                lines += 1
                let length = lineEnd - start
                if length > cap { cut += 1 }
                // What the line-by-line path would see: the first piece of a line cut at the cap.
                let first = UnsafeRawBufferPointer(start: start, count: min(length, cap))
                if length <= cap, first.first == UInt8(ascii: "[") {
                    joins += JoinedPrintkRecords.joins(in: first).map { $0 + (start - base) }
                }
                if readsStamps, !first.allSatisfy({ $0 == 0x0A || $0 == 0x0D }) {
                    if let nanoseconds = PrintkTime.logStamp(first)?.nanoseconds {
                        _ = timeline.record(.seconds(nanoseconds))
                    } else {
                        unstampedLines += 1
                    }
                }
                start = lineEnd
            }
        }
        for join in joins { bytes[join] = 0x0A }
        joinedRecords += joins.count
        consoles[currentConsole].lineCount += lines + joins.count
        cutLines += cut
        let chunk = Chunk(console: consoles[currentConsole].id, sequence: sequence, time: currentTime, bytes: bytes)
        sequence += 1
        return chunk
    }

    /// Reads the whole file, calling `body` with each chunk, and returns the summary.
    public func importAll(_ body: (Chunk) throws -> Void) throws -> ImportedLog {
        while let chunk = try next() { try body(chunk) }
        return summary
    }

    /// Picks the line's console, reads its stamp and returns the bytes without the prefix;
    /// nil for a line that is not console output (ampscope's header and markers).
    private func startLine(_ original: [UInt8]) -> [UInt8]? {
        var bytes = original
        let isBlank = bytes.allSatisfy { $0 == 0x0A || $0 == 0x0D }
        if detection.innerFormat == .ampscope, AmpScopeTextLog.isHeader(bytes) {
            captureStart = captureStart ?? AmpScopeTextLog.start(inHeader: bytes)
            skippedLines += 1
            return nil
        }
        if detection.format == .merged, !isBlank {
            if let label = ConsoleLabel(in: bytes), let index = console(for: label.name) {
                currentConsole = index
                bytes.removeFirst(label.length)
            } else {
                unlabelledLines += 1
            }
        }
        consoles[currentConsole].lineCount += 1
        let format = detection.innerFormat
        guard format != .plain, !isBlank else { return bytes }
        guard let stamp = format.stamp(in: bytes) else {
            unstampedLines += 1
            return bytes
        }
        if format == .ampscope || format == .tio, stamp.removed.lowerBound == 0,
           AmpScopeTextLog.isMarker(bytes[stamp.removed.upperBound...], anyNote: format == .ampscope) {
            skippedLines += 1
            return nil
        }
        var value = stamp.value
        if case .seconds(let relative) = value, let captureStart {
            value = .epoch(captureStart &+ relative)
        }
        if firstStamp == nil { firstStamp = value }
        let time = timeline.record(value)
        if timeBase != .none { currentTime = time }
        bytes.removeSubrange(stamp.removed)
        return bytes
    }

    private func console(for label: String) -> Int? {
        if let index = consoleIndex[label] { return index }
        guard ConsoleLabel.isRoleName(label) || detection.labels.isEmpty else { return nil }
        return addConsole(label)
    }

    @discardableResult
    private func addConsole(_ name: String) -> Int {
        let offset = UInt16(clamping: consoles.count)
        let (id, overflow) = options.console.addingReportingOverflow(offset)
        consoles.append(ImportedLog.Console(id: overflow ? UInt16.max : id, name: name, lineCount: 0))
        consoleIndex[name] = consoles.count - 1
        return consoles.count - 1
    }

    private var timeBase: ImportedTimeBase {
        switch detection.innerFormat {
        case .plain, .merged, .dmesg, .dmesgRaw, .journalctl: return .none
        case .dmesgWallClock, .syslog: return .targetWallClock
        case .tio, .grabserial, .ts, .ampscope:
            if timeline.hasWallClock { return .hostWallClock }
            return .hostElapsed
        }
    }

    /// The most file bytes held in memory at once (at most one read block plus one capped line).
    public var peakBufferedBytes: Int { splitter.peakBufferedBytes }

    /// What has been imported so far; complete once `next()` returned nil.
    public var summary: ImportedLog {
        var warnings: [String] = []
        let lineCount = consoles.reduce(0) { $0 + $1.lineCount }
        if lineCount == 0 { warnings.append("\(path) is empty: nothing to import") }
        switch detection.innerFormat {
        case .dmesg, .dmesgRaw, .journalctl:
            warnings.append("\(path) has the target kernel's times ([seconds] since its boot), not host times: they stay in the text; lines are ordered but not timed against the other console")
        case .plain:
            warnings.append("\(path) has no host times (\(detection.format == .merged ? "merged console log" : "plain capture")): lines are ordered but not timed; capture with ampscope, tio -t or grabserial -t for times")
        case .syslog:
            warnings.append("\(path) has the target's own clock (its journal or syslog stamps), not host capture times: lines are timed against each other, not against a host-stamped log")
        case .dmesgWallClock:
            warnings.append("\(path) has dmesg -T times: the target's wall clock at 1 s resolution, computed from kernel time; align with host logs with care")
        case .tio, .grabserial, .ts, .ampscope, .merged:
            break
        }
        if skippedLines > 0 {
            warnings.append("\(path): \(skippedLines) line\(skippedLines == 1 ? " was" : "s were") ampscope's own (header, capture stopped, hang-up or other markers) and not read as console output")
        }
        if joinedRecords > 0 {
            warnings.append("\(path): \(joinedRecords) kernel record\(joinedRecords == 1 ? " was" : "s were") joined to the line before (as a forum's copy joins them) and read on a line of its own: line numbers count each record as a line")
        }
        if stampsAreIntervals {
            warnings.append("\(path): the stamps are intervals since the line before (tio 24hour-delta, ts -i): each line's time is their running sum from the first line")
        }
        if unstampedLines > 0 {
            warnings.append("\(unstampedLines) line\(unstampedLines == 1 ? "" : "s") had no timestamp and took the previous line's time")
        }
        if unlabelledLines > 0 {
            warnings.append("\(unlabelledLines) line\(unlabelledLines == 1 ? "" : "s") had no console label and went to the console of the line before")
        }
        if timeline.stepsBack > 0 {
            warnings.append("the timestamps went backwards \(timeline.stepsBack) time\(timeline.stepsBack == 1 ? "" : "s") (clock step or logger restart): those lines kept the previous time and later ones continue from it")
        }
        if cutLines > 0 {
            warnings.append("\(cutLines) line\(cutLines == 1 ? " was" : "s were") longer than \(splitter.maximumLineLength) bytes and came in pieces (nothing lost)")
        }
        var placementWarning: String?
        if timeBase == .hostElapsed && lineCount > unstampedLines {
            placementWarning = "\(path): " + (detection.innerFormat == .ts && options.yearForStampsWithoutYear == nil
                ? "the ts stamps have no year (or no date): intervals are right, but the log cannot be placed in time; give the year to align it with another file"
                : "the stamps have no date: intervals are right, but the log cannot be placed in time against another file")
        }
        return ImportedLog(
            path: path, format: detection.format, innerFormat: detection.innerFormat, consoles: consoles,
            lineCount: lineCount, byteCount: byteCount, timeBase: timeBase,
            firstWallClock: timeline.firstWallClock, lastWallClock: timeline.lastWallClock,
            unstampedLines: unstampedLines, warnings: warnings + (placementWarning.map { [$0] } ?? []), placementWarning: placementWarning)
    }
}
