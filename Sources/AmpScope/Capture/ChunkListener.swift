/// What the capture loop hands each chunk and each control record (opened, hangup, reopened,
/// gap, loss, input, notes) to, in order, once it is stamped: the session first, so that records
/// keep the order they happened in. Each answers with what the loop should do; none holds the loop.
protocol ChunkListener: AnyObject {
    func received(_ chunk: Chunk, on channel: ConsoleChannel) -> [CaptureAction]
    func recorded(_ control: ControlRecord) -> [CaptureAction]
}

extension ChunkListener {
    /// Most listeners follow console output only.
    func recorded(_ control: ControlRecord) -> [CaptureAction] { [] }
}

extension SessionWriter: ChunkListener {
    func received(_ chunk: Chunk, on channel: ConsoleChannel) -> [CaptureAction] {
        append(.chunk(chunk))
        return []
    }

    func recorded(_ control: ControlRecord) -> [CaptureAction] {
        append(.control(control))
        return []
    }
}

/// Each console's text log, and its counts for the summary.
final class TextLogs: ChunkListener {
    func received(_ chunk: Chunk, on channel: ConsoleChannel) -> [CaptureAction] {
        channel.textLog.append(chunk.bytes, time: chunk.time)
        channel.bytesReceived += UInt64(chunk.bytes.count)
        channel.chunksReceived += 1
        channel.lastByteTime = chunk.time
        return []
    }
}

extension LiveView: ChunkListener {
    func received(_ chunk: Chunk, on channel: ConsoleChannel) -> [CaptureAction] {
        show(console: channel.index, time: chunk.time, bytes: chunk.bytes)
        return []
    }
}

extension ProbeDriver: ChunkListener {
    func received(_ chunk: Chunk, on channel: ConsoleChannel) -> [CaptureAction] {
        channel.index == console ? received(chunk.bytes, time: chunk.time) : []
    }
}

/// The caller's own hook (`CaptureEngine.onChunk`).
final class ChunkObserver: ChunkListener {
    private let observe: (Chunk) -> Void

    init(_ observe: @escaping (Chunk) -> Void) {
        self.observe = observe
    }

    func received(_ chunk: Chunk, on channel: ConsoleChannel) -> [CaptureAction] {
        observe(chunk)
        return []
    }
}

/// `--until CONSOLE:TEXT`: the capture stops once a console has printed its text.
final class UntilTriggers: ChunkListener {
    private var triggers: [[(matcher: TextMatcher, text: String)]]

    init(_ conditions: [UntilCondition], consoles: [ConsoleDescriptor]) {
        triggers = consoles.map { console in
            conditions.filter { $0.console == console.name }.map { (TextMatcher(Array($0.text.utf8)), $0.text) }
        }
    }

    func received(_ chunk: Chunk, on channel: ConsoleChannel) -> [CaptureAction] {
        var actions: [CaptureAction] = []
        for index in triggers[channel.index].indices where triggers[channel.index][index].matcher.feed(chunk.bytes) != nil {
            actions.append(.stop("\(channel.name) printed \"\(triggers[channel.index][index].text)\""))
        }
        return actions
    }
}
