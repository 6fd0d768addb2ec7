/// Excerpts from the analysis's own input, read again in one streaming pass: the lines go
/// through the same chunk stream and line assembler as the timeline's, so line numbers agree,
/// and only lines inside a requested range are kept (memory grows with the ranges, not the input).
/// Reading stops once every console is past its last range: a soak log's excerpts come from its
/// first boots, so the rest of it is not read a second time.
public struct InputExcerptSource: ExcerptSource, Sendable {
    public var source: TimelineSource

    public init(_ source: TimelineSource) {
        self.source = source
    }

    public func lines(in ranges: [ExcerptRange]) throws(ReportError) -> [ExcerptRange: [ExcerptLine]] {
        guard !ranges.isEmpty else { return [:] }
        let wanted = Dictionary(grouping: ranges, by: \.console).mapValues(Self.merged)
        var collected: [UInt16: [ExcerptLine]] = [:]
        do {
            let stream = try ChunkStream(source)
            var assemblers: [UInt16: LineAssembler] = [:]
            // Per console, the index of the first merged range not yet passed: line numbers only grow.
            var cursor: [UInt16: Int] = [:]
            var unfinished = Set(wanted.keys)
            func keep(_ line: LineView) {
                guard let spans = wanted[line.console] else { return }
                var index = cursor[line.console, default: 0]
                while index < spans.count, spans[index].last < line.number { index += 1 }
                cursor[line.console] = index
                if index == spans.count { unfinished.remove(line.console) }
                if index < spans.count, spans[index].first <= line.number {
                    collected[line.console, default: []].append(ExcerptLine(number: line.number, text: line.text))
                }
            }
            var lastTime: [UInt16: UInt64] = [:]
            while !unfinished.isEmpty, let item = try stream.next() {
                guard case .chunk(let chunk) = item, wanted[chunk.console] != nil else { continue }
                var assembler = assemblers[chunk.console] ?? LineAssembler(console: chunk.console)
                chunk.bytes.withUnsafeBytes { bytes in assembler.scan(bytes, time: chunk.time) { keep($0) } }
                assemblers[chunk.console] = assembler
                lastTime[chunk.console] = chunk.time
            }
            for (console, var assembler) in assemblers {
                assembler.finishScan(time: lastTime[console, default: 0]) { keep($0) }
            }
        } catch {
            throw ReportError.rereading(source, error)
        }
        var result: [ExcerptRange: [ExcerptLine]] = [:]
        for range in ranges {
            result[range] = collected[range.console, default: []].filter { $0.number >= range.first && $0.number <= range.last }
        }
        return result
    }

    /// Overlapping or touching ranges as one, in line order.
    static func merged(_ ranges: [ExcerptRange]) -> [ExcerptRange] {
        var result: [ExcerptRange] = []
        for range in ranges.sorted(by: { $0.first < $1.first }) {
            if let last = result.last, range.first <= last.last + 1 {
                result[result.count - 1].last = max(last.last, range.last)
            } else {
                result.append(range)
            }
        }
        return result
    }
}
