/// A classified line: which definition matched, where and when the line arrived, the target's
/// own time when the line carries a printk prefix, and the regex's named captures.
public struct Event: Sendable, Hashable {
    public var definitionID: String
    public var name: String
    public var severity: EventSeverity
    public var phase: BootPhase?
    /// From the definition: a key event for the timeline.
    public var isKey: Bool
    public var console: UInt16
    public var lineNumber: Int
    public var byteOffset: UInt64
    public var firstByteTime: UInt64
    public var endTime: UInt64
    /// Kernel time in microseconds from a `[    1.234567]` prefix; nil when the line has none.
    public var targetTime: Int64?
    public var fields: EventFields
    /// The line as displayed (escapes stripped, invalid UTF-8 replaced).
    public var text: String
    /// Which of its classifier's distinct event names `name` is (-1 for events made elsewhere):
    /// lets the timeline group events by name without hashing the name of every event.
    public var nameIndex: Int32 = -1
}

/// What `Classifier.classify` found in one line's bytes.
public struct ClassifierMatch: Sendable, Hashable {
    /// Index into `Classifier.definitions`.
    public var definitionIndex: Int
    public var targetTime: Int64?
    public var fields: EventFields
    public var text: String
}
