import SystemPackage

/// What a reader found wrong in a session file; reading goes on past every one of them.
public struct SessionDamage: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The file ends inside a record: the capture was killed or the disk filled up.
        case truncatedTail
        /// Bytes that are not a valid record (bad checksum, bad framing), skipped.
        case corrupt
        /// The header record could not be read; the copy in session.json was used.
        case headerFromCopy
        /// Whole records are missing: the sequence numbers jump by this many (the framing
        /// around the cut was intact, so only the shared counter shows it).
        case missingRecords(UInt64)
    }
    public var kind: Kind
    public var offset: UInt64
    public var length: UInt64

    public var description: String {
        switch kind {
        case .truncatedTail:
            return "the session ends with an incomplete record (\(length) bytes at offset \(offset)); the capture was interrupted: everything before it was recovered"
        case .corrupt:
            return "\(length) damaged bytes at offset \(offset) were skipped"
        case .headerFromCopy:
            return "the header record was damaged; its copy in session.json was used"
        case .missingRecords(let count):
            return "\(count) records are missing before offset \(offset) (their sequence numbers never appear)"
        }
    }
}

/// Streams the records of a session file in order, with bounded memory, reporting damage
/// instead of failing on it.
public final class SessionReader: Sequence, IteratorProtocol {
    public let directory: String
    /// The session's first record; always present once `init` has returned.
    public var header: SessionHeader { storedHeader! }
    private var storedHeader: SessionHeader?
    public private(set) var damage: [SessionDamage] = []
    /// Bytes of the record file consumed so far.
    public private(set) var offset: UInt64 = 0

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var scratch: [UInt8] = []
    private var position = 0
    private var endOfFile = false
    /// Reading a file that a capture is still appending to: a partial last record is not damage yet.
    private var following = false
    /// A record read while looking for the header, handed out first.
    private var pending: SessionRecord?
    /// The sequence number the next record should carry: writers count from 0.
    private var expectedSequence: UInt64 = 0
    private static let blockSize = 1 << 20

    public init(directory: String) throws(SessionError) {
        self.directory = directory
        let path = directory + "/" + SessionFormat.fileName
        switch DescriptorIO.open(path, .readOnly) {
        case .success(let fd): descriptor = fd
        case .failure(.noSuchFileOrDirectory), .failure(.notDirectory): throw .notASession(directory)
        case .failure(let failure): throw .cannotRead(path, errno: failure.rawValue)
        }
        // From here every stored property is set, so a throw runs deinit, which closes `fd`:
        // closing it here as well would close whatever another thread opened under that number.
        var first: SessionHeader?
        do {
            try readMagic()
            switch nextRecord() {
            case .header(let header)?:
                first = header
            case let other:
                // A damaged header record: the writer's copy stands in, and nothing read is lost.
                pending = other
                first = SessionFormat.decodeHeaderCopy(directory: directory)
                if first != nil { damage.append(SessionDamage(kind: .headerFromCopy, offset: 0, length: 0)) }
            }
        }
        guard let first else { throw .missingHeader(directory) }
        storedHeader = first
    }

    deinit { DescriptorIO.close(descriptor) }

    public func next() -> SessionRecord? {
        if let record = pending {
            pending = nil
            return record
        }
        return nextRecord()
    }

    /// The next whole record, or nil when no more has been written yet: for reading a session
    /// while its capture is still writing it. A partial record at the end waits for a later
    /// call (the writer may be in the middle of it); call `next()` once the capture has ended to
    /// read the rest and have a truly truncated tail reported.
    public func nextWritten() -> SessionRecord? {
        following = true
        endOfFile = false
        // The end of file seen here may move: the next call, of either kind, reads again.
        defer {
            following = false
            endOfFile = false
        }
        return nextRecord()
    }

    private func readMagic() throws(SessionError) {
        ensure(64)
        let available = buffer[position...]
        let prefix = SessionFormat.magicPrefix
        if available.count > prefix.count, available.starts(with: prefix),
           let newline = available.prefix(64).firstIndex(of: 0x0A),
           let version = Int(String(decoding: buffer[(position + prefix.count)..<newline], as: UTF8.self)) {
            if version <= SessionHeader.currentFormatVersion {
                consume(newline + 1 - position)
                return
            }
            // A newer version, unless the header's copy says the first line is only damaged.
            guard let copy = SessionFormat.decodeHeaderCopy(directory: directory),
                  copy.formatVersion <= SessionHeader.currentFormatVersion
            else { throw .unsupportedVersion(directory, version: version) }
            return
        }
        // A damaged first line: with the header's copy beside it, the records are still read
        // (the damaged bytes are skipped and reported like any other).
        guard !available.isEmpty, SessionFormat.decodeHeaderCopy(directory: directory) != nil else { throw .notASession(directory) }
    }

    /// Makes at least `count` bytes available after `position`, unless the file ends first.
    /// Reads go through one scratch block allocated once: a reader following a live session
    /// calls this at every look, and must not allocate or clear a block each time.
    private func ensure(_ count: Int) {
        while buffer.count - position < count && !endOfFile {
            if position > 0 {
                buffer.removeFirst(position)
                position = 0
            }
            let want = Swift.max(SessionReader.blockSize, count - buffer.count)
            if scratch.count < want { scratch = [UInt8](repeating: 0, count: want) }
            let outcome = scratch.withUnsafeMutableBytes { raw in
                DescriptorIO.read(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<want]))
            }
            if case .success(let got) = outcome, got > 0 {
                buffer.append(contentsOf: scratch[0..<got])
            } else {
                endOfFile = true
            }
        }
    }

    private func consume(_ count: Int) {
        position += count
        offset += UInt64(count)
    }

    private func nextRecord() -> SessionRecord? {
        var skippedStart: UInt64?
        var tailCandidate: UInt64?
        defer {
            if let skippedStart, offset > skippedStart {
                if let tail = tailCandidate, !following {
                    // Nothing whole after a record cut short: the capture was interrupted there.
                    if tail > skippedStart { damage.append(SessionDamage(kind: .corrupt, offset: skippedStart, length: tail - skippedStart)) }
                    damage.append(SessionDamage(kind: .truncatedTail, offset: tail, length: offset - tail))
                } else {
                    damage.append(SessionDamage(kind: .corrupt, offset: skippedStart, length: offset - skippedStart))
                }
            }
        }
        while true {
            ensure(SessionFormat.recordOverhead)
            let available = buffer.count - position
            if available == 0 { return nil }
            if available < SessionFormat.recordOverhead {
                if skippedStart == nil || following { return truncated(available) }
                // The end of a stretch being skipped: reported once, by the deferred block.
                consume(available)
                return nil
            }
            let p = position
            guard buffer[p] == SessionFormat.syncBytes.0, buffer[p + 1] == SessionFormat.syncBytes.1 else {
                if skippedStart == nil { skippedStart = offset }
                consume(1)
                continue
            }
            let length = Int(SessionFormat.readLittleEndian(buffer[...], at: p + 3) as UInt32)
            guard length <= SessionFormat.maximumPayload else {
                if skippedStart == nil { skippedStart = offset }
                consume(1)
                continue
            }
            let total = SessionFormat.recordOverhead + length
            ensure(total)
            let q = position
            if buffer.count - q < total {
                // A live session's last record may still be being written.
                if following { return nil }
                // A record that runs past the end is the interrupted tail only if no whole
                // record follows; a damaged length in the middle must not hide the rest.
                if tailCandidate == nil { tailCandidate = offset }
                if skippedStart == nil { skippedStart = offset }
                consume(1)
                continue
            }
            let crcStored: UInt32 = SessionFormat.readLittleEndian(buffer[...], at: q + 7 + length)
            let crc = CRC32.checksum(buffer[(q + 2)..<(q + 7 + length)])
            if crc == crcStored && !SessionFormat.isKnownType(buffer[q + 2]) {
                // A record of a later version: skipped whole, not damage.
                if let start = skippedStart {
                    damage.append(SessionDamage(kind: .corrupt, offset: start, length: offset - start))
                    skippedStart = nil
                }
                tailCandidate = nil
                consume(total)
                continue
            }
            guard crc == crcStored,
                  let record = try? SessionFormat.decode(type: buffer[q + 2], payload: buffer[(q + 7)..<(q + 7 + length)])
            else {
                if skippedStart == nil { skippedStart = offset }
                consume(1)
                continue
            }
            let afterDamage = skippedStart != nil
            if let start = skippedStart {
                damage.append(SessionDamage(kind: .corrupt, offset: start, length: offset - start))
                skippedStart = nil
            }
            tailCandidate = nil
            noteSequence(of: record, afterDamage: afterDamage)
            consume(total)
            return record
        }
    }

    /// Whole records missing where the framing shows no damage; after damaged bytes, those
    /// bytes were the missing records and their report says so already.
    private func noteSequence(of record: SessionRecord, afterDamage: Bool) {
        let sequence: UInt64
        switch record {
        case .header: return
        case .chunk(let chunk): sequence = chunk.sequence
        case .control(let control): sequence = control.sequence
        }
        if sequence > expectedSequence, !afterDamage {
            damage.append(SessionDamage(kind: .missingRecords(sequence - expectedSequence), offset: offset, length: 0))
        }
        expectedSequence = Swift.max(expectedSequence, sequence &+ 1)
    }

    private func truncated(_ count: Int) -> SessionRecord? {
        if following { return nil }
        damage.append(SessionDamage(kind: .truncatedTail, offset: offset, length: UInt64(count)))
        consume(count)
        return nil
    }
}
