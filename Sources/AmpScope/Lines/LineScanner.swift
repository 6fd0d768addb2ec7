/// The fast path of `LineAssembler`: memchr finds each LF and CR once per chunk, complete lines
/// are handed out as views into the chunk, and only the unfinished tail is copied.
extension LineAssembler {
    /// Splits `bytes` (one chunk, arrived at `time`) into lines and calls `body` for each.
    /// Produces exactly the lines `append(_:time:emit:)` would, as borrowed views.
    public mutating func scan(_ bytes: UnsafeRawBufferPointer, time: UInt64, _ body: (LineView) -> Void) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let count = bytes.count
        let chunkOffset = streamOffset
        var start = 0
        if pendingCR {
            pendingCR = false
            if base.load(as: UInt8.self) == 0x0A {
                start = 1
                emitTailView(ending: .crlf, endTime: time, body)
            } else {
                emitTailView(ending: .cr, endTime: pendingCRTime, body)
            }
        }
        let end = base + count
        // Cached positions of the next LF and CR at or after `start` (`count` when none is left):
        // each byte is searched once per terminator kind however the lines fall.
        var nextLF = -1
        var nextCR = -1
        while start < count {
            if nextLF < start { nextLF = ByteSearch.first(0x0A, from: base + start, to: end) - base }
            if nextCR < start { nextCR = ByteSearch.first(0x0D, from: base + start, to: end) - base }
            if nextLF < nextCR {
                deliver(base, from: start, to: nextLF, chunkOffset: chunkOffset, ending: .lf, time: time, body)
                start = nextLF + 1
            } else if nextCR == count {
                absorb(base, from: start, to: count, chunkOffset: chunkOffset, time: time, body)
                break
            } else if nextCR + 1 == count {
                absorb(base, from: start, to: nextCR, chunkOffset: chunkOffset, time: time, body)
                if !lineOpen {
                    lineOpen = true
                    lineOffset = chunkOffset + UInt64(nextCR)
                    lineFirstTime = time
                }
                pendingCR = true
                pendingCRTime = time
                break
            } else if nextLF == nextCR + 1 {
                deliver(base, from: start, to: nextCR, chunkOffset: chunkOffset, ending: .crlf, time: time, body)
                start = nextLF + 1
            } else {
                deliver(base, from: start, to: nextCR, chunkOffset: chunkOffset, ending: .cr, time: time, body)
                start = nextCR + 1
            }
        }
        streamOffset = chunkOffset + UInt64(count)
    }

    /// Ends the line whose remaining content is `[start, stop)` of the chunk with `ending`.
    @inline(__always)
    private mutating func deliver(
        _ base: UnsafeRawPointer, from start: Int, to stop: Int, chunkOffset: UInt64,
        ending: LineEnding, time: UInt64, _ body: (LineView) -> Void
    ) {
        var start = start
        if lineOpen {
            let room = maximumLineLength - tail.count
            if stop - start <= room {
                tail.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: stop - start))
                emitTailView(ending: ending, endTime: time, body)
                return
            }
            cutTail(base, from: &start, room: room, time: time, body)
        }
        start = emitFullPieces(base, from: start, to: stop, chunkOffset: chunkOffset, time: time, body)
        emitView(base, from: start, to: stop, chunkOffset: chunkOffset, ending: ending, cut: false, time: time, body)
    }

    /// Adds `[start, stop)` of the chunk to the open line (opening one if needed), emitting
    /// pieces cut at the cap as soon as more than the cap has arrived.
    private mutating func absorb(
        _ base: UnsafeRawPointer, from start: Int, to stop: Int, chunkOffset: UInt64,
        time: UInt64, _ body: (LineView) -> Void
    ) {
        guard stop > start else { return }
        var start = start
        if lineOpen {
            let room = maximumLineLength - tail.count
            if stop - start <= room {
                tail.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: stop - start))
                lineLastTime = time
                return
            }
            cutTail(base, from: &start, room: room, time: time, body)
        }
        start = emitFullPieces(base, from: start, to: stop, chunkOffset: chunkOffset, time: time, body)
        lineOpen = true
        lineOffset = chunkOffset + UInt64(start)
        lineFirstTime = time
        lineLastTime = time
        tail.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: stop - start))
    }

    /// Fills the open line up to the cap from the chunk and emits it as a cut piece.
    private mutating func cutTail(
        _ base: UnsafeRawPointer, from start: inout Int, room: Int, time: UInt64, _ body: (LineView) -> Void
    ) {
        if room > 0 {
            tail.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: room))
            lineLastTime = time
            start += room
        }
        emitTailView(ending: .none, endTime: lineLastTime, cut: true, body)
    }

    /// Emits cap-sized cut pieces straight from the chunk while more than the cap remains;
    /// returns where the remainder (at most the cap) starts.
    @inline(__always)
    private mutating func emitFullPieces(
        _ base: UnsafeRawPointer, from start: Int, to stop: Int, chunkOffset: UInt64,
        time: UInt64, _ body: (LineView) -> Void
    ) -> Int {
        var start = start
        while stop - start > maximumLineLength {
            emitView(base, from: start, to: start + maximumLineLength, chunkOffset: chunkOffset, ending: .none, cut: true, time: time, body)
            start += maximumLineLength
        }
        return start
    }

    @inline(__always)
    private mutating func emitView(
        _ base: UnsafeRawPointer, from start: Int, to stop: Int, chunkOffset: UInt64,
        ending: LineEnding, cut: Bool, time: UInt64, _ body: (LineView) -> Void
    ) {
        linesEmitted += 1
        body(LineView(
            console: console, number: linesEmitted, byteOffset: chunkOffset + UInt64(start),
            firstByteTime: time, endTime: time, raw: UnsafeRawBufferPointer(start: base + start, count: stop - start),
            ending: ending, isContinuation: continuing, isCut: cut))
        continuing = cut
    }
}
