/// A line handed out by `LineAssembler.scan`: the same fields as `Line`, but `raw` borrows the
/// chunk's (or the assembler's) bytes and is valid only while the closure that received the
/// view runs. Call `makeLine()` to keep it.
public struct LineView {
    public let console: UInt16
    public let number: Int
    public let byteOffset: UInt64
    public let firstByteTime: UInt64
    public let endTime: UInt64
    /// The line's bytes without its terminator; do not let this escape the closure.
    public let raw: UnsafeRawBufferPointer
    public let ending: LineEnding
    public let isContinuation: Bool
    public let isCut: Bool

    init(
        console: UInt16, number: Int, byteOffset: UInt64, firstByteTime: UInt64, endTime: UInt64,
        raw: UnsafeRawBufferPointer, ending: LineEnding, isContinuation: Bool, isCut: Bool
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

    /// An owning copy.
    public func makeLine() -> Line {
        Line(
            console: console, number: number, byteOffset: byteOffset, firstByteTime: firstByteTime,
            endTime: endTime, raw: Array(raw), ending: ending, isContinuation: isContinuation, isCut: isCut)
    }

    public var analysis: LineAnalysis { LineAnalysis(of: raw) }

    public var flags: LineText.Flags {
        LineText.Flags(content: analysis.flags, ending: ending, isCut: isCut, isContinuation: isContinuation)
    }

    public var garbageScore: Double { analysis.garbageScore }

    public var text: String { LineText.render(raw).text }
}
