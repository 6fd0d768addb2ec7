import Foundation

/// Writes one console of a session out again: the exact bytes, or timestamped text lines.
public struct SessionExporter {
    public enum Clock: String, Sendable, CaseIterable {
        /// Seconds since the capture started (as in the text logs).
        case relative
        /// Wall-clock time, ISO 8601 UTC with microseconds.
        case wall
        /// Seconds since the Unix epoch, microseconds.
        case epoch
    }

    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Streams the bytes received on `console`, byte for byte, to `descriptor`.
    /// Returns the damage the reader found, for the caller to report.
    public func exportRaw(console name: String, to descriptor: Int32) throws(SessionError) -> [SessionDamage] {
        let reader = try SessionReader(directory: directory)
        let id = try consoleID(name, in: reader.header)
        var output = OutputBuffer(descriptor: descriptor, path: "output")
        for record in reader {
            if case .chunk(let chunk) = record, chunk.console == id {
                try output.write(chunk.bytes)
            }
        }
        try output.flush()
        return reader.damage
    }

    /// Streams `console` as lines, each prefixed with the time its first byte arrived.
    public func exportText(console name: String, clock: Clock, to descriptor: Int32) throws(SessionError) -> [SessionDamage] {
        let reader = try SessionReader(directory: directory)
        let header = reader.header
        let id = try consoleID(name, in: header)
        var assembler = LineAssembler(console: id)
        var output = OutputBuffer(descriptor: descriptor, path: "output")
        var failure: SessionError?
        let emit: (Line) -> Void = { line in
            guard failure == nil else { return }
            let stamp = Self.stamp(line.firstByteTime, clock: clock, header: header)
            do throws(SessionError) {
                try output.write(Array("\(stamp) \(LineText.render(line.raw).text)\n".utf8))
            } catch {
                failure = error
            }
        }
        var lastTime = header.monotonicAnchor
        for record in reader {
            switch record {
            case .chunk(let chunk) where chunk.console == id:
                assembler.append(chunk.bytes, time: chunk.time, emit: emit)
                lastTime = chunk.time
            case .control(let control) where control.console == id || control.console == nil:
                if let note = Self.describe(control) {
                    emit(Line(console: id, number: 0, byteOffset: 0, firstByteTime: control.time, endTime: control.time,
                              raw: Array("--- \(note) ---".utf8), ending: .lf))
                }
                lastTime = Swift.max(lastTime, control.time)
            default:
                break
            }
            if let failure { throw failure }
        }
        assembler.finish(time: lastTime, emit: emit)
        if let failure { throw failure }
        try output.flush()
        return reader.damage
    }

    private func consoleID(_ name: String, in header: SessionHeader) throws(SessionError) -> UInt16 {
        guard let console = header.consoles.first(where: { $0.name == name }) else {
            throw .noSuchConsole(name, available: header.consoles.map(\.name))
        }
        return console.id
    }

    /// Control records a reader of the text should see; nil for the routine ones.
    static func describe(_ control: ControlRecord) -> String? {
        switch control.kind {
        case .hangup: return "port hung up (\(control.detail ?? "?"))"
        case .reopened: return "port reopened"
        case .gap:
            let seconds = control.gapStart.map { format2(Double(control.time &- $0) / 1e9) } ?? "?"
            return "gap of \(seconds) s: nothing could be received"
        case .marker: return "marker: \(control.detail ?? "")"
        case .input:
            if let bytes = control.bytes {
                return "typed (\(control.source ?? "keyboard")): \(LineText.render(bytes).text)"
            }
            return "sent \(control.detail ?? "input")"
        case .stopped: return "capture stopped: \(control.detail ?? "")"
        case .loss: return "LOST: \(control.detail ?? "bytes lost on the way")"
        case .opened, .settingsApplied, .closed, .note: return nil
        }
    }

    public static func stamp(_ time: UInt64, clock: Clock, header: SessionHeader) -> String {
        switch clock {
        case .relative:
            return ConsoleTextLog.stamp(time, origin: header.monotonicAnchor)
        case .epoch:
            let wall = header.wallClock(ofMonotonic: time)
            let micros = (wall % 1_000_000_000) / 1000
            let text = String(micros)
            return "[\(wall / 1_000_000_000).\(String(repeating: "0", count: 6 - text.count))\(text)]"
        case .wall:
            let wall = header.wallClock(ofMonotonic: time)
            var seconds = time_t(wall / 1_000_000_000)
            var parts = tm()
            gmtime_r(&seconds, &parts)
            let micros = String((wall % 1_000_000_000) / 1000)
            func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
            return "[\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(String(repeating: "0", count: 6 - micros.count))\(micros)Z]"
        }
    }
}

/// Buffered writes to a descriptor, with the errors a user can act on.
struct OutputBuffer {
    let descriptor: Int32
    let path: String
    private var pending: [UInt8] = []

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    mutating func write(_ bytes: [UInt8]) throws(SessionError) {
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 16 { try flush() }
    }

    mutating func flush() throws(SessionError) {
        var offset = 0
        while offset < pending.count {
            let outcome = pending.withUnsafeBytes { raw in
                DescriptorIO.write(descriptor, UnsafeRawBufferPointer(rebasing: raw[offset...]))
            }
            switch outcome {
            case .success(let written): offset += written
            case .failure(let failure): throw .writeFailed(path, errno: failure.rawValue)
            }
        }
        pending.removeAll(keepingCapacity: true)
    }
}
