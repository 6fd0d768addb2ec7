@testable import AmpScope
@testable import AmpScopeTestSupport

/// Helpers shared by the line tests: run both assembler paths over chunked input, rebuild the
/// stream from lines, and an independent whole-stream reference split.
enum LineHarness {
    static let finishTime: UInt64 = 9_999_999

    /// Chunk `i` arrives at time `1000 + i`.
    static func time(ofChunk index: Int) -> UInt64 { 1000 + UInt64(index) }

    static func slowLines(_ chunks: [[UInt8]], cap: Int = 1 << 16) -> [Line] {
        var assembler = LineAssembler(console: 3, maximumLineLength: cap)
        var lines: [Line] = []
        for (index, chunk) in chunks.enumerated() {
            assembler.append(chunk, time: time(ofChunk: index)) { lines.append($0) }
        }
        assembler.finish(time: finishTime) { lines.append($0) }
        return lines
    }

    static func fastLines(_ chunks: [[UInt8]], cap: Int = 1 << 16) -> [Line] {
        var assembler = LineAssembler(console: 3, maximumLineLength: cap)
        var lines: [Line] = []
        for (index, chunk) in chunks.enumerated() {
            chunk.withUnsafeBytes { bytes in
                assembler.scan(bytes, time: time(ofChunk: index)) { lines.append($0.makeLine()) }
            }
        }
        assembler.finishScan(time: finishTime) { lines.append($0.makeLine()) }
        return lines
    }

    /// Both paths on one assembler, alternating per chunk as `useScan` says.
    static func mixedLines(_ chunks: [[UInt8]], cap: Int, useScan: [Bool]) -> [Line] {
        var assembler = LineAssembler(console: 3, maximumLineLength: cap)
        var lines: [Line] = []
        for (index, chunk) in chunks.enumerated() {
            if useScan[index] {
                chunk.withUnsafeBytes { bytes in
                    assembler.scan(bytes, time: time(ofChunk: index)) { lines.append($0.makeLine()) }
                }
            } else {
                assembler.append(chunk, time: time(ofChunk: index)) { lines.append($0) }
            }
        }
        assembler.finish(time: finishTime) { lines.append($0) }
        return lines
    }

    static func rebuild(_ lines: [Line]) -> [UInt8] {
        var stream: [UInt8] = []
        for line in lines { stream += line.raw + line.ending.terminator }
        return stream
    }

    struct Expected: Equatable, CustomStringConvertible {
        var raw: [UInt8]
        var ending: LineEnding
        var byteOffset: UInt64
        var isCut: Bool
        var isContinuation: Bool
        var description: String { "\(raw) \(ending) @\(byteOffset) cut=\(isCut) cont=\(isContinuation)" }
    }

    static func expected(_ line: Line) -> Expected {
        Expected(raw: line.raw, ending: line.ending, byteOffset: line.byteOffset, isCut: line.isCut, isContinuation: line.isContinuation)
    }

    /// The split done on the whole stream at once, written without the assembler's state
    /// machine: find the next CR or LF, decide the ending, then cut the content into pieces.
    static func referenceSplit(_ stream: [UInt8], cap: Int) -> [Expected] {
        var result: [Expected] = []
        var start = 0
        while start < stream.count {
            let stop = stream[start...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) ?? stream.count
            let ending: LineEnding
            let next: Int
            if stop == stream.count {
                ending = .none; next = stop
            } else if stream[stop] == 0x0A {
                ending = .lf; next = stop + 1
            } else if stop + 1 < stream.count && stream[stop + 1] == 0x0A {
                ending = .crlf; next = stop + 2
            } else {
                ending = .cr; next = stop + 1
            }
            let content = Array(stream[start..<stop])
            let pieceCount = max(1, (content.count + cap - 1) / cap)
            for piece in 0..<pieceCount {
                let isLast = piece == pieceCount - 1
                let from = piece * cap
                let to = isLast ? content.count : from + cap
                result.append(Expected(
                    raw: Array(content[from..<to]), ending: isLast ? ending : .none,
                    byteOffset: UInt64(start + from), isCut: !isLast, isContinuation: piece > 0))
            }
            start = next
        }
        return result
    }
}

extension Array where Element == UInt8 {
    init(_ text: String) { self = Array(text.utf8) }
}
