import Foundation

/// The byte layout of `session.amps` (docs/session-format.md describes it for other tools).
///
///     file    := magic-line record*
///     magic   := "AMPSCOPE SESSION <version>\n"
///     record  := 0xA7 0x4D type:u8 length:u32le payload[length] crc32:u32le
///
/// The CRC covers type, length and payload. The two sync bytes let a reader find the next
/// record after a damaged one. Type 1 is the header (JSON), 2 a chunk (binary, below),
/// 3 a control record (JSON). A chunk payload is console:u16le sequence:u64le time:u64le bytes.
public enum SessionFormat {
    public static let fileName = "session.amps"
    public static let headerCopyName = "session.json"
    public static let magicPrefix = Array("AMPSCOPE SESSION ".utf8)
    public static let syncBytes: (UInt8, UInt8) = (0xA7, 0x4D)
    /// sync(2) + type(1) + length(4) before the payload, crc(4) after it.
    public static let recordOverhead = 11
    /// A record longer than this is treated as damage, not as a record.
    public static let maximumPayload = 64 << 20

    public enum RecordType: UInt8 {
        case header = 1
        case chunk = 2
        case control = 3
    }

    public static func magicLine(version: Int = SessionHeader.currentFormatVersion) -> [UInt8] {
        magicPrefix + Array("\(version)\n".utf8)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// Encodes one record, framing and checksum included, onto the end of `buffer`.
    public static func encode(_ record: SessionRecord, into buffer: inout [UInt8]) throws {
        let type: RecordType
        var payload: [UInt8] = []
        switch record {
        case .header(let header):
            type = .header
            payload = Array(try encoder.encode(header))
        case .control(let control):
            type = .control
            payload = Array(try encoder.encode(control))
        case .chunk(let chunk):
            type = .chunk
            payload.reserveCapacity(18 + chunk.bytes.count)
            appendLittleEndian(chunk.console, to: &payload)
            appendLittleEndian(chunk.sequence, to: &payload)
            appendLittleEndian(chunk.time, to: &payload)
            payload.append(contentsOf: chunk.bytes)
        }
        let start = buffer.count
        buffer.append(syncBytes.0)
        buffer.append(syncBytes.1)
        buffer.append(type.rawValue)
        appendLittleEndian(UInt32(payload.count), to: &buffer)
        buffer.append(contentsOf: payload)
        let crc = CRC32.checksum(buffer[(start + 2)...])
        appendLittleEndian(crc, to: &buffer)
    }

    /// The header from the copy the writer keeps beside the records (session.json), for a
    /// session whose header record was damaged.
    static func decodeHeaderCopy(directory: String) -> SessionHeader? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + headerCopyName) else { return nil }
        return try? JSONDecoder().decode(SessionHeader.self, from: data)
    }

    /// Whether a record type is one this version knows; others are skipped whole (docs/session-format.md).
    static func isKnownType(_ type: UInt8) -> Bool { RecordType(rawValue: type) != nil }

    /// Decodes a record payload whose framing and checksum were already verified.
    static func decode(type: UInt8, payload: ArraySlice<UInt8>) throws -> SessionRecord {
        let decoder = JSONDecoder()
        switch RecordType(rawValue: type) {
        case .header:
            return .header(try decoder.decode(SessionHeader.self, from: Data(payload)))
        case .control:
            var record = try decoder.decode(ControlRecord.self, from: Data(payload))
            if record.probeStep == nil, let step = ProbeStep(legacyNote: record) { record.probeStep = step }
            return .control(record)
        case .chunk:
            guard payload.count >= 18 else { throw SessionError.malformedRecord("chunk payload of \(payload.count) bytes") }
            let base = payload.startIndex
            let console: UInt16 = readLittleEndian(payload, at: base)
            let sequence: UInt64 = readLittleEndian(payload, at: base + 2)
            let time: UInt64 = readLittleEndian(payload, at: base + 10)
            return .chunk(Chunk(console: console, sequence: sequence, time: time, bytes: Array(payload[(base + 18)...])))
        case nil:
            throw SessionError.malformedRecord("unknown record type \(type)")
        }
    }

    static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to buffer: inout [UInt8]) {
        var little = value.littleEndian
        withUnsafeBytes(of: &little) { buffer.append(contentsOf: $0) }
    }

    static func readLittleEndian<T: FixedWidthInteger>(_ bytes: ArraySlice<UInt8>, at index: Int) -> T {
        var value: T = 0
        for offset in 0..<MemoryLayout<T>.size {
            value |= T(bytes[index + offset]) << (8 * offset)
        }
        return value
    }
}
