/// How a line ended in the byte stream.
public enum LineEnding: UInt8, Sendable, Hashable, Codable {
    case lf
    case crlf
    /// A CR not followed by LF (CR-only line ends, or a progress counter overwriting itself).
    case cr
    /// Cut at the length cap (the next line continues it) or the stream ended mid-line.
    case none
}

/// One line of one console, with where and when its bytes arrived.
public struct Line: Sendable, Hashable {
    public var console: UInt16
    /// 1-based line number within the console's stream.
    public var number: Int
    /// Offset of the line's first byte in the console's byte stream.
    public var byteOffset: UInt64
    /// Host time of the chunk that carried the line's first byte.
    public var firstByteTime: UInt64
    /// Host time of the chunk that carried the line's end.
    public var endTime: UInt64
    /// The line's bytes without its terminator, exactly as received.
    public var raw: [UInt8]
    public var ending: LineEnding
    /// This line continues one that was cut at the length cap.
    public var isContinuation: Bool

    public init(
        console: UInt16, number: Int, byteOffset: UInt64, firstByteTime: UInt64, endTime: UInt64,
        raw: [UInt8], ending: LineEnding, isContinuation: Bool = false
    ) {
        self.console = console
        self.number = number
        self.byteOffset = byteOffset
        self.firstByteTime = firstByteTime
        self.endTime = endTime
        self.raw = raw
        self.ending = ending
        self.isContinuation = isContinuation
    }
}
