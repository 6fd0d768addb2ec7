/// How a line ended in the byte stream.
///
/// The terminator bytes are not part of `Line.raw`; they are implied by the ending, so the raw
/// bytes of all lines, each followed by its terminator (LF, CR LF, CR or nothing), rebuild the
/// console's byte stream exactly.
public enum LineEnding: UInt8, Sendable, Hashable, Codable {
    case lf
    case crlf
    /// A CR not followed by LF (CR-only line ends, or a progress counter overwriting itself).
    case cr
    /// Cut at the length cap (the next line continues it) or the stream ended mid-line.
    case none

    /// The bytes that ended the line in the stream.
    public var terminator: [UInt8] {
        switch self {
        case .lf: [0x0A]
        case .crlf: [0x0D, 0x0A]
        case .cr: [0x0D]
        case .none: []
        }
    }
}

/// One line of one console, with where and when its bytes arrived.
///
/// A lone CR ends a line (ending `.cr`): `Loading: ####\r########\n` is two lines, the first of
/// which a terminal would overwrite with the second. Each step stays its own line so nothing is
/// lost and every step keeps its own arrival time (progress counters are timing evidence);
/// a consumer that wants what a terminal showed keeps the last line of a run of `.cr` lines.
public struct Line: Sendable, Hashable {
    public var console: UInt16
    /// 1-based line number within the console's stream (each cut piece counts as a line).
    public var number: Int
    /// Offset of the line's first byte in the console's byte stream (for an empty line, of its terminator).
    public var byteOffset: UInt64
    /// Host time of the chunk that carried the line's first byte.
    public var firstByteTime: UInt64
    /// Host time of the chunk that carried the line's end: its last terminator byte, its last
    /// byte when cut at the length cap, or the time given to `finish` when the stream ended mid-line.
    public var endTime: UInt64
    /// The line's bytes without its terminator, exactly as received. Never contains CR or LF.
    public var raw: [UInt8]
    public var ending: LineEnding
    /// This line continues one that was cut at the length cap.
    public var isContinuation: Bool
    /// This line was cut at the length cap: the next line continues it (ending is `.none`).
    public var isCut: Bool

    public init(
        console: UInt16, number: Int, byteOffset: UInt64, firstByteTime: UInt64, endTime: UInt64,
        raw: [UInt8], ending: LineEnding, isContinuation: Bool = false, isCut: Bool = false
    ) {
        self.console = console
        self.number = number
        self.byteOffset = byteOffset
        self.firstByteTime = firstByteTime
        self.endTime = endTime
        self.raw = raw
        self.ending = ending
        self.isContinuation = isContinuation
        self.isCut = isCut
    }

    /// What the bytes contain: escapes, invalid UTF-8, control bytes, and the garbage score.
    public var analysis: LineAnalysis { raw.withUnsafeBytes { LineAnalysis(of: $0) } }

    /// Content flags from `analysis` plus how the line was delimited.
    public var flags: LineText.Flags {
        LineText.Flags(content: analysis.flags, ending: ending, isCut: isCut, isContinuation: isContinuation)
    }

    /// 0 (clean text) … 1 (nothing but undecodable or control bytes); see `LineAnalysis.garbageScore`.
    public var garbageScore: Double { analysis.garbageScore }

    /// The text for display and matching: escapes stripped, invalid UTF-8 replaced.
    public var text: String { LineText.render(raw).text }

    /// Bytes this line occupied in the stream: `raw` followed by the terminator.
    public var streamLength: Int { raw.count + ending.terminator.count }
}
