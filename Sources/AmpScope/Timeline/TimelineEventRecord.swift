/// The parts of an `Event` the timeline keeps (Codable, no host-clock internals).
///
/// Its fields are shared by its copies until one writes (`CopyOnWrite`), because an event is
/// copied from the builder into the lane, into each boot's time-ordered evidence and into
/// every match a rule makes, and a copy of every field costs as much as classifying the line.
public struct TimelineEventRecord: Sendable, Hashable, Codable {
    private var storage: CopyOnWrite<Fields>

    public init(_ event: Event) {
        storage = CopyOnWrite(Fields(
            definitionID: event.definitionID, name: event.name, severity: event.severity, phase: event.phase, isKey: event.isKey,
            console: event.console, lineNumber: event.lineNumber, byteOffset: event.byteOffset, kernelTime: event.targetTime,
            fields: event.fields, text: event.text))
    }

    public var definitionID: String {
        get { storage.value.definitionID }
        set {
            storage.value.definitionID = newValue
            storage.value.isConsoleLine = Self.isConsoleLine(newValue)
        }
    }
    public var name: String {
        get { storage.value.name }
        set { storage.value.name = newValue }
    }
    public var severity: EventSeverity {
        get { storage.value.severity }
        set { storage.value.severity = newValue }
    }
    public var phase: BootPhase? {
        get { storage.value.phase }
        set { storage.value.phase = newValue }
    }
    public var isKey: Bool {
        get { storage.value.isKey }
        set { storage.value.isKey = newValue }
    }
    public var console: UInt16 {
        get { storage.value.console }
        set { storage.value.console = newValue }
    }
    public var lineNumber: Int {
        get { storage.value.lineNumber }
        set { storage.value.lineNumber = newValue }
    }
    public var byteOffset: UInt64 {
        get { storage.value.byteOffset }
        set { storage.value.byteOffset = newValue }
    }
    /// Kernel time in µs from the line's printk prefix.
    public var kernelTime: Int64? {
        get { storage.value.kernelTime }
        set { storage.value.kernelTime = newValue }
    }
    public var fields: EventFields {
        get { storage.value.fields }
        set { storage.value.fields = newValue }
    }
    public var text: String {
        get { storage.value.text }
        set { storage.value.text = newValue }
    }
    /// ns since the capture started (a session: its start; a host-stamped log: its first stamp)
    /// when the line's first byte arrived: the time the live view shows beside it; nil without host times.
    public var captureTime: Int64? {
        get { storage.value.captureTime }
        set { storage.value.captureTime = newValue }
    }

    /// False for what the session recorded beside the consoles' output (typed input, markers,
    /// gaps, hangups): those are not the console's lines and never its first or last line.
    public var isConsoleLine: Bool { storage.value.isConsoleLine }

    static let sessionPrefix = "session."

    private static func isConsoleLine(_ definitionID: String) -> Bool { !definitionID.hasPrefix(sessionPrefix) }

    private enum CodingKeys: String, CodingKey {
        case definitionID, name, severity, phase, isKey, console, lineNumber, byteOffset, kernelTime, fields, text, captureTime
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        storage = CopyOnWrite(Fields(
            definitionID: try container.decode(String.self, forKey: .definitionID),
            name: try container.decode(String.self, forKey: .name),
            severity: try container.decode(EventSeverity.self, forKey: .severity),
            phase: try container.decodeIfPresent(BootPhase.self, forKey: .phase),
            isKey: try container.decode(Bool.self, forKey: .isKey),
            console: try container.decode(UInt16.self, forKey: .console),
            lineNumber: try container.decode(Int.self, forKey: .lineNumber),
            byteOffset: try container.decode(UInt64.self, forKey: .byteOffset),
            kernelTime: try container.decodeIfPresent(Int64.self, forKey: .kernelTime),
            fields: try container.decode(EventFields.self, forKey: .fields),
            text: try container.decode(String.self, forKey: .text)))
        storage.value.captureTime = try container.decodeIfPresent(Int64.self, forKey: .captureTime)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(definitionID, forKey: .definitionID)
        try container.encode(name, forKey: .name)
        try container.encode(severity, forKey: .severity)
        try container.encodeIfPresent(phase, forKey: .phase)
        try container.encode(isKey, forKey: .isKey)
        try container.encode(console, forKey: .console)
        try container.encode(lineNumber, forKey: .lineNumber)
        try container.encode(byteOffset, forKey: .byteOffset)
        try container.encodeIfPresent(kernelTime, forKey: .kernelTime)
        try container.encode(fields, forKey: .fields)
        try container.encode(text, forKey: .text)
        try container.encodeIfPresent(captureTime, forKey: .captureTime)
    }

    private struct Fields: Sendable, Hashable {
        var definitionID: String
        var name: String
        var severity: EventSeverity
        var phase: BootPhase?
        var isKey: Bool
        var console: UInt16
        var lineNumber: Int
        var byteOffset: UInt64
        var kernelTime: Int64?
        var fields: EventFields
        var text: String
        var isConsoleLine: Bool
        var captureTime: Int64?

        init(
            definitionID: String, name: String, severity: EventSeverity, phase: BootPhase?, isKey: Bool, console: UInt16,
            lineNumber: Int, byteOffset: UInt64, kernelTime: Int64?, fields: EventFields, text: String
        ) {
            self.definitionID = definitionID
            self.name = name
            self.severity = severity
            self.phase = phase
            self.isKey = isKey
            self.console = console
            self.lineNumber = lineNumber
            self.byteOffset = byteOffset
            self.kernelTime = kernelTime
            self.fields = fields
            self.text = text
            isConsoleLine = TimelineEventRecord.isConsoleLine(definitionID)
        }
    }
}
