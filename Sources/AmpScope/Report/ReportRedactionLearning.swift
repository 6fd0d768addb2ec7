/// Redaction's first pass over a whole input: every line of every console, markers and notes,
/// read in one streaming pass through the same chunk stream and line assembler as the
/// timeline's, so an identifier printed anywhere is known before any report text is written.
/// Memory grows with the distinct identifiers, not with the input.
extension Redactor {
    /// A redactor that has learned every identifier in `source`.
    public static func learning(from source: TimelineSource) throws(ReportError) -> Redactor {
        var redactor = Redactor()
        try redactor.learn(from: source)
        return redactor
    }

    /// Learns every line of `source` (and the session header's adapter serials and ports).
    public mutating func learn(from source: TimelineSource) throws(ReportError) {
        if case .session(let directory) = source, let header = try? SessionReader(directory: directory).header {
            learn(header)
        }
        do {
            let stream = try ChunkStream(source)
            var assemblers: [UInt16: LineAssembler] = [:]
            var lastTime: [UInt16: UInt64] = [:]
            while let item = try stream.next() {
                switch item {
                case .chunk(let chunk):
                    var assembler = assemblers[chunk.console] ?? LineAssembler(console: chunk.console)
                    chunk.bytes.withUnsafeBytes { bytes in assembler.scan(bytes, time: chunk.time) { learn(line: $0.raw) } }
                    assemblers[chunk.console] = assembler
                    lastTime[chunk.console] = chunk.time
                case .control(let control):
                    if let detail = control.detail { learn(detail) }
                default:
                    continue
                }
            }
            for (console, var assembler) in assemblers {
                assembler.finishScan(time: lastTime[console, default: 0]) { learn(line: $0.raw) }
            }
        } catch {
            throw ReportError.rereading(source, error)
        }
    }

    /// USB adapter serials are known exactly from the header: replaced wherever they appear (by-id paths).
    public mutating func learn(_ header: SessionHeader) {
        for console in header.consoles {
            if let serial = console.adapter?.serial, !serial.isEmpty { add(serial, kind: .serial) }
            learn(console.port)
        }
    }
}
