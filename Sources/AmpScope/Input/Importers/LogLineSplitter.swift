/// One line of a log file as stored: its bytes with the original ending (LF, CRLF, or none
/// for a truncated last line). A line longer than the cap comes out in cap-sized pieces.
struct RawLogLine {
    var bytes: [UInt8]
    /// This piece was cut at the length cap; the line goes on in the next piece.
    var isCut: Bool
    /// This piece is the rest of a line that was cut; it has no stamp of its own.
    var continuesCutLine: Bool
}

/// Splits a file into lines on LF while reading it in blocks, holding at most one block plus
/// one capped line in memory, so a multi-gigabyte log streams in bounded memory.
struct LogLineSplitter {
    static let blockSize = 1 << 16
    private let reader: LogFileReader
    let maximumLineLength: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var lastWasCut = false
    /// Bytes handed out so far, for progress.
    private(set) var bytesRead: UInt64 = 0
    /// The most bytes ever held at once: the bound on memory, checked by the tests.
    private(set) var peakBufferedBytes = 0

    init(reader: LogFileReader, maximumLineLength: Int) {
        self.reader = reader
        self.maximumLineLength = max(16, maximumLineLength)
    }

    mutating func nextLine() throws(LogImportError) -> RawLogLine? {
        while true {
            let available = buffer.count - position
            let limit = min(available, maximumLineLength)
            let newline: Int? = buffer.withUnsafeBytes { raw in
                guard limit > 0, let base = raw.baseAddress else { return nil }
                let start = base + position
                let found = ByteSearch.first(0x0A, from: start, to: start + limit)
                return found == start + limit ? nil : found - start
            }
            if let newline {
                return take(newline + 1, cut: false)
            }
            if available >= maximumLineLength {
                return take(maximumLineLength, cut: true)
            }
            if atEnd {
                return available > 0 ? take(available, cut: false) : nil
            }
            if position > 0 {
                buffer.removeFirst(position)
                position = 0
            }
            if try reader.readMore(into: &buffer, count: Self.blockSize) == 0 { atEnd = true }
            peakBufferedBytes = max(peakBufferedBytes, buffer.count)
        }
    }

    /// The previous piece was cut at the cap: the next one continues its line.
    var isInsideCutLine: Bool { lastWasCut }

    /// Every complete line buffered (reading a block first when none is), as one slice of the
    /// file ending in LF; nil when the next line is not complete within a block (a line
    /// longer than the buffer, or the unterminated end of the file): take it with `nextLine()`.
    mutating func nextCompleteLines() throws(LogImportError) -> [UInt8]? {
        precondition(!lastWasCut, "finish a cut line with nextLine() first")
        // Lines the line-by-line path left buffered go out first.
        if let end = Self.endOfLastLine(in: buffer, from: position) {
            let lines = Array(buffer[position..<end])
            bytesRead += UInt64(end - position)
            position = end
            return lines
        }
        guard !atEnd, buffer.count - position < maximumLineLength else { return nil }
        // The next block is read straight into the chunk it becomes, after the partial line
        // carried over (copying each block into a buffer and out again was two passes over the
        // whole file); only the new partial line after the chunk's last LF is copied back.
        let carried = buffer.count - position
        var failure: LogImportError?
        var block = [UInt8](unsafeUninitializedCapacity: carried + Self.blockSize) { storage, initialized in
            let base = UnsafeMutableRawPointer(storage.baseAddress!)
            buffer.withUnsafeBytes { old in
                if carried > 0 { base.copyMemory(from: old.baseAddress! + position, byteCount: carried) }
            }
            do throws(LogImportError) {
                initialized = carried + (try reader.readBlock(into: UnsafeMutableRawBufferPointer(start: base + carried, count: Self.blockSize)))
            } catch {
                failure = error
                initialized = carried
            }
        }
        if let failure { throw failure }
        if block.count == carried { atEnd = true }
        peakBufferedBytes = max(peakBufferedBytes, block.count)
        guard let end = Self.endOfLastLine(in: block, from: 0) else {
            // No complete line yet (a line longer than a block, or the unterminated end of the
            // file): the line-by-line path takes it from the buffer.
            buffer = block
            position = 0
            return nil
        }
        buffer = Array(block[end...])
        position = 0
        block.removeLast(block.count - end)
        bytesRead += UInt64(end)
        return block
    }

    /// One past the last LF in `bytes[from...]`, or nil when there is none (backwards from the
    /// end: the last LF is at most one line away).
    private static func endOfLastLine(in bytes: [UInt8], from start: Int) -> Int? {
        var index = bytes.count
        while index > start {
            index -= 1
            if bytes[index] == 0x0A { return index + 1 }
        }
        return nil
    }

    private mutating func take(_ count: Int, cut: Bool) -> RawLogLine {
        let line = RawLogLine(bytes: Array(buffer[position..<position + count]), isCut: cut, continuesCutLine: lastWasCut)
        position += count
        bytesRead += UInt64(count)
        lastWasCut = cut
        return line
    }
}
