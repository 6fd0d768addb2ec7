/// The parts of an `Event` the timeline keeps (Codable, no host-clock internals).
///
/// A value with copy-on-write storage, like Array: an event is copied from the builder into
/// the lane, into each boot's time-ordered evidence and into every match a rule makes, and a
/// copy of eleven fields (four of them strings or a dictionary to retain) cost as much as
/// classifying the line. Now a copy retains one reference; a write copies only when shared.
public struct TimelineEventRecord: Sendable, Hashable, Codable {
    private var storage: Storage

    public init(_ event: Event) {
        storage = Storage(
            definitionID: event.definitionID, name: event.name, severity: event.severity, phase: event.phase, isKey: event.isKey,
            console: event.console, lineNumber: event.lineNumber, byteOffset: event.byteOffset, kernelTime: event.targetTime,
            fields: event.fields, text: event.text)
    }

    public var definitionID: String {
        get { storage.definitionID }
        set { unique().definitionID = newValue; storage.isConsoleLine = Self.isConsoleLine(newValue) }
    }
    public var name: String {
        get { storage.name }
        set { unique().name = newValue }
    }
    public var severity: EventSeverity {
        get { storage.severity }
        set { unique().severity = newValue }
    }
    public var phase: BootPhase? {
        get { storage.phase }
        set { unique().phase = newValue }
    }
    public var isKey: Bool {
        get { storage.isKey }
        set { unique().isKey = newValue }
    }
    public var console: UInt16 {
        get { storage.console }
        set { unique().console = newValue }
    }
    public var lineNumber: Int {
        get { storage.lineNumber }
        set { unique().lineNumber = newValue }
    }
    public var byteOffset: UInt64 {
        get { storage.byteOffset }
        set { unique().byteOffset = newValue }
    }
    /// Kernel time in µs from the line's printk prefix.
    public var kernelTime: Int64? {
        get { storage.kernelTime }
        set { unique().kernelTime = newValue }
    }
    public var fields: EventFields {
        get { storage.fields }
        set { unique().fields = newValue }
    }
    public var text: String {
        get { storage.text }
        set { unique().text = newValue }
    }

    /// False for what the session recorded beside the consoles' output (typed input, markers,
    /// gaps, hangups): those are not the console's lines and never its first or last line.
    public var isConsoleLine: Bool { storage.isConsoleLine }

    static let sessionPrefix = "session."

    private static func isConsoleLine(_ definitionID: String) -> Bool { !definitionID.hasPrefix(sessionPrefix) }

    /// The storage, copied first when another record shares it.
    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fieldsEqual(rhs.storage)
    }

    public func hash(into hasher: inout Hasher) { storage.hash(into: &hasher) }

    private enum CodingKeys: String, CodingKey {
        case definitionID, name, severity, phase, isKey, console, lineNumber, byteOffset, kernelTime, fields, text
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        storage = Storage(
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
            text: try container.decode(String.self, forKey: .text))
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
    }

    // By hand rather than `CopyOnWrite<Fields>` (as MatchedLine does): this record is read for
    // every event of every boot, and the generic box measured 1.5 % more instructions on the
    // analysis (callgrind, 10 MB).
    // @unchecked: written only through `unique()`, that is while no other record holds it.
    private final class Storage: @unchecked Sendable {
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

        func copy() -> Storage {
            Storage(
                definitionID: definitionID, name: name, severity: severity, phase: phase, isKey: isKey, console: console,
                lineNumber: lineNumber, byteOffset: byteOffset, kernelTime: kernelTime, fields: fields, text: text)
        }

        func fieldsEqual(_ other: Storage) -> Bool {
            definitionID == other.definitionID && name == other.name && severity == other.severity && phase == other.phase
                && isKey == other.isKey && console == other.console && lineNumber == other.lineNumber
                && byteOffset == other.byteOffset && kernelTime == other.kernelTime && fields == other.fields && text == other.text
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(definitionID)
            hasher.combine(name)
            hasher.combine(severity)
            hasher.combine(phase)
            hasher.combine(isKey)
            hasher.combine(console)
            hasher.combine(lineNumber)
            hasher.combine(byteOffset)
            hasher.combine(kernelTime)
            hasher.combine(fields)
            hasher.combine(text)
        }
    }
}
