/// Splits one console's chunks into lines: LF, CRLF and CR-only endings, a CRLF split across
/// two chunks, and a length cap beyond which a line is cut and continued.
public struct LineAssembler: Sendable {
    public let console: UInt16
    public let maximumLineLength: Int
    private var current: [UInt8] = []
    private var currentOffset: UInt64 = 0
    private var currentFirstTime: UInt64 = 0
    private var streamOffset: UInt64 = 0
    private var lineNumber = 0
    private var pendingCR = false
    private var pendingCRTime: UInt64 = 0
    private var continuing = false

    public init(console: UInt16, maximumLineLength: Int = 1 << 16) {
        self.console = console
        self.maximumLineLength = maximumLineLength
    }

    /// Bytes of the line that has started but not ended yet.
    public var partial: [UInt8] { current }

    public mutating func append(_ bytes: some Collection<UInt8>, time: UInt64, emit: (Line) -> Void) {
        for byte in bytes {
            if pendingCR {
                pendingCR = false
                if byte == 0x0A {
                    finishLine(ending: .crlf, time: time, emit: emit)
                    streamOffset += 1
                    continue
                }
                finishLine(ending: .cr, time: pendingCRTime, emit: emit)
            }
            if current.isEmpty && !continuing {
                currentOffset = streamOffset
                currentFirstTime = time
            }
            streamOffset += 1
            switch byte {
            case 0x0A:
                finishLine(ending: .lf, time: time, emit: emit)
            case 0x0D:
                pendingCR = true
                pendingCRTime = time
            default:
                if current.isEmpty && continuing {
                    currentOffset = streamOffset - 1
                    currentFirstTime = time
                }
                current.append(byte)
                if current.count >= maximumLineLength {
                    finishLine(ending: .none, time: time, emit: emit, cut: true)
                }
            }
        }
    }

    /// Ends the stream: an unfinished line is emitted with ending `.none` (or `.cr`).
    public mutating func finish(time: UInt64, emit: (Line) -> Void) {
        if pendingCR {
            pendingCR = false
            finishLine(ending: .cr, time: pendingCRTime, emit: emit)
        }
        if !current.isEmpty {
            finishLine(ending: .none, time: time, emit: emit)
        }
    }

    private mutating func finishLine(ending: LineEnding, time: UInt64, emit: (Line) -> Void, cut: Bool = false) {
        lineNumber += 1
        emit(Line(
            console: console, number: lineNumber, byteOffset: currentOffset,
            firstByteTime: current.isEmpty && !continuing ? time : currentFirstTime, endTime: time,
            raw: current, ending: ending, isContinuation: continuing))
        current.removeAll(keepingCapacity: true)
        continuing = cut
    }
}
