/// Where and when one line arrived, kept until the boot ends and its clock model is known;
/// then `BootPlacement` turns it into a `TimelinePlacement`.
struct LinePoint: Sendable, Hashable {
    var console: UInt16
    var lineNumber: Int
    var byteOffset: UInt64
    /// Host times (input axis); meaningless when the input has no host times.
    var firstByteTime: UInt64
    var endTime: UInt64
    /// printk time in µs, when the line starts with one.
    var kernelTime: Int64?

    init(_ line: LineView, kernelTime: Int64?) {
        console = line.console
        lineNumber = line.number
        byteOffset = line.byteOffset
        firstByteTime = line.firstByteTime
        endTime = line.endTime
        self.kernelTime = kernelTime
    }

    init(console: UInt16, lineNumber: Int, byteOffset: UInt64, time: UInt64, kernelTime: Int64? = nil) {
        self.console = console
        self.lineNumber = lineNumber
        self.byteOffset = byteOffset
        firstByteTime = time
        endTime = time
        self.kernelTime = kernelTime
    }
}

/// An event or a line waiting for its placement.
struct PendingEvent: Sendable {
    var record: TimelineEventRecord
    var point: LinePoint
}

struct PendingLine: Sendable {
    var point: LinePoint
    var text: String
}
