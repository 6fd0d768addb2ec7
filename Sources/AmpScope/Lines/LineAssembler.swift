/// Splits one console's chunks into lines: LF, CRLF and CR-only endings, a CRLF split across
/// two chunks, and a length cap beyond which a line is cut and continued.
///
/// Two entry points share one state, so they can be mixed on one stream:
/// - `append(_:time:emit:)` walks byte by byte and emits owning `Line`s. It is the simple,
///   obviously correct reference, fast enough for live capture.
/// - `scan(_:time:_:)` finds line ends with memchr and hands out `LineView`s that borrow the
///   chunk's bytes; only the unfinished tail of a chunk is copied. Use it for bulk work.
///
/// Rules: LF ends a line; CR LF ends a line (also when the CR and LF arrive in different
/// chunks); any other CR ends a line with ending `.cr`. Line content never contains CR or LF.
/// A line longer than `maximumLineLength` is cut into pieces of exactly that many bytes (ending
/// `.none`, `isCut`); the cut happens only once a byte beyond the cap has arrived, so a line of
/// exactly the cap stays whole, the pieces do not depend on how the stream was chunked, and at
/// most `maximumLineLength` bytes are ever held. Cuts fall on byte counts, so a multi-byte
/// character or an escape sequence at a cut shows as U+FFFD or escape residue in the pieces'
/// text; the raw bytes still concatenate to the original line.
public struct LineAssembler: Sendable {
    public let console: UInt16
    public let maximumLineLength: Int

    /// Content bytes of the open line (never more than `maximumLineLength`).
    var tail: [UInt8] = []
    /// A line has started (content or a CR) and not been emitted yet.
    var lineOpen = false
    var lineOffset: UInt64 = 0
    var lineFirstTime: UInt64 = 0
    /// Time of the chunk that carried the open line's latest content byte.
    var lineLastTime: UInt64 = 0
    /// The open line's content was followed by a CR that was the last byte seen so far.
    var pendingCR = false
    var pendingCRTime: UInt64 = 0
    /// The next line starts where a cut piece ended.
    var continuing = false
    /// Bytes consumed so far: the offset of the next byte.
    var streamOffset: UInt64 = 0
    var linesEmitted = 0

    /// - Parameter maximumLineLength: the cap, at least 1; the default 64 KiB is far beyond any
    ///   real console line while keeping memory per console bounded.
    public init(console: UInt16, maximumLineLength: Int = 1 << 16) {
        self.console = console
        self.maximumLineLength = max(1, maximumLineLength)
        tail.reserveCapacity(min(self.maximumLineLength, 4096))
    }

    /// Bytes of the line that has started but not ended yet (without a CR that may still
    /// turn out to be half of a CR LF).
    public var partial: [UInt8] { tail }

    /// Number of the last line emitted (0 before the first).
    public var lineCount: Int { linesEmitted }

    /// Bytes consumed so far, including those of the unfinished line.
    public var consumedBytes: UInt64 { streamOffset }

    public mutating func append(_ bytes: some Collection<UInt8>, time: UInt64, emit: (Line) -> Void) {
        if bytes.withContiguousStorageIfAvailable({ append(UnsafeRawBufferPointer($0), time: time, emit: emit) }) == nil {
            Array(bytes).withUnsafeBytes { append($0, time: time, emit: emit) }
        }
    }

    /// The byte-by-byte state machine over one chunk.
    private mutating func append(_ bytes: UnsafeRawBufferPointer, time: UInt64, emit: (Line) -> Void) {
        for byte in bytes {
            if pendingCR {
                pendingCR = false
                if byte == 0x0A {
                    streamOffset += 1
                    emitTail(ending: .crlf, endTime: time, emit: emit)
                    continue
                }
                emitTail(ending: .cr, endTime: pendingCRTime, emit: emit)
            }
            switch byte {
            case 0x0A:
                openLineIfNeeded(time: time)
                streamOffset += 1
                emitTail(ending: .lf, endTime: time, emit: emit)
            case 0x0D:
                openLineIfNeeded(time: time)
                streamOffset += 1
                pendingCR = true
                pendingCRTime = time
            default:
                if tail.count == maximumLineLength {
                    emitTail(ending: .none, endTime: lineLastTime, cut: true, emit: emit)
                }
                openLineIfNeeded(time: time)
                streamOffset += 1
                tail.append(byte)
                lineLastTime = time
            }
        }
    }

    /// Ends the stream: a pending CR ends its line as `.cr`; an unfinished line is emitted with
    /// ending `.none`, `endTime` = `time` (when the stream was known to have ended).
    public mutating func finish(time: UInt64, emit: (Line) -> Void) {
        if pendingCR {
            pendingCR = false
            emitTail(ending: .cr, endTime: pendingCRTime, emit: emit)
        }
        if lineOpen {
            emitTail(ending: .none, endTime: time, emit: emit)
        }
    }

    /// Fast-path variant of `finish(time:emit:)` for `scan` users.
    public mutating func finishScan(time: UInt64, _ body: (LineView) -> Void) {
        if pendingCR {
            pendingCR = false
            emitTailView(ending: .cr, endTime: pendingCRTime, body)
        }
        if lineOpen {
            emitTailView(ending: .none, endTime: time, body)
        }
    }

    @inline(__always)
    mutating func openLineIfNeeded(time: UInt64) {
        guard !lineOpen else { return }
        lineOpen = true
        lineOffset = streamOffset
        lineFirstTime = time
    }

    private mutating func emitTail(ending: LineEnding, endTime: UInt64, cut: Bool = false, emit: (Line) -> Void) {
        linesEmitted += 1
        emit(Line(
            console: console, number: linesEmitted, byteOffset: lineOffset, firstByteTime: lineFirstTime,
            endTime: endTime, raw: Array(tail), ending: ending, isContinuation: continuing, isCut: cut))
        closeLine(cut: cut)
    }

    mutating func emitTailView(ending: LineEnding, endTime: UInt64, cut: Bool = false, _ body: (LineView) -> Void) {
        linesEmitted += 1
        let (console, number, offset, firstTime, isContinuation) = (console, linesEmitted, lineOffset, lineFirstTime, continuing)
        tail.withUnsafeBytes { raw in
            body(LineView(
                console: console, number: number, byteOffset: offset, firstByteTime: firstTime,
                endTime: endTime, raw: raw, ending: ending, isContinuation: isContinuation, isCut: cut))
        }
        closeLine(cut: cut)
    }

    @inline(__always)
    mutating func closeLine(cut: Bool) {
        tail.removeAll(keepingCapacity: true)
        lineOpen = false
        continuing = cut
    }
}
