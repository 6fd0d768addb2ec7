/// Which console a definition applies to. `any` also covers consoles of unknown kind.
public enum DefinitionConsole: String, Sendable, Hashable, CaseIterable {
    case application
    case microcontroller
    case any

    /// Whether lines of a console of `kind` are tried against this definition. A console of
    /// unknown kind is tried against everything, so an unlabeled capture still gets events.
    public func applies(to kind: ConsoleKind) -> Bool {
        switch (self, kind) {
        case (.any, _), (_, .unknown): true
        case (.application, .application), (.microcontroller, .microcontroller): true
        default: false
        }
    }
}

/// The boot phase a line proves its console has entered. The application core goes
/// spl → bootloader → kernel → userspace → login; the microcontroller core goes started →
/// running → link-up → name-service → exchanging. Either may end in `halted` (a panic or a
/// fault). `running` is never declared by a definition: the timeline enters it at the first
/// line a started M-core prints after its banner.
public enum BootPhase: String, Sendable, Hashable, CaseIterable, Codable {
    case spl
    case bootloader
    case kernel
    case userspace
    case login
    case started
    case running
    case linkUp = "link-up"
    case nameService = "name-service"
    case exchanging
    case halted

    /// Phases in the order a console passes through them; `halted` can follow any of them.
    public static let applicationOrder: [BootPhase] = [.spl, .bootloader, .kernel, .userspace, .login]
    public static let microcontrollerOrder: [BootPhase] = [.started, .running, .linkUp, .nameService, .exchanging]

    /// What a swimlane or a report calls the phase.
    public var title: String {
        switch self {
        case .spl: "SPL"
        case .bootloader: "U-Boot"
        case .kernel: "kernel"
        case .userspace: "userspace"
        case .login: "login"
        case .started: "started"
        case .running: "running"
        case .linkUp: "link up"
        case .nameService: "name service"
        case .exchanging: "exchanging"
        case .halted: "halted"
        }
    }
}

public enum EventSeverity: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case info
    case notice
    case warning
    case error
    case fatal

    public static func < (lhs: EventSeverity, rhs: EventSeverity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where a definition (or a problem in one) was written: file, 1-based line and column.
public struct DefinitionLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One line parser: the literal every matching line contains (the fast prefilter), an optional
/// regular expression (ICU syntax, searched in the line's message, i.e. after any printk time
/// prefix) whose named captures become the event's fields, and what the line means.
public struct ParserDefinition: Sendable, Hashable {
    public var id: String
    public var console: DefinitionConsole
    /// Exact bytes (UTF-8) that must occur in the raw line; at least 4 bytes.
    public var literal: String
    public var regex: String?
    /// Names of the regex's named captures, in the order they appear.
    public var captureNames: [String]
    public var phase: BootPhase?
    /// Name of the event for the timeline and rules; defaults to the id.
    public var event: String
    public var severity: EventSeverity
    /// A key event: drawn on the timeline's swimlanes and listed in its summary.
    public var isKey: Bool
    public var description: String?
    /// Real-format lines this definition must classify as its own.
    public var examples: [String]
    /// Near misses that must not be classified as this definition.
    public var counterexamples: [String]
    /// Where the line comes from: the source file and version that prints it, or a public log's URL.
    public var source: String?
    public var location: DefinitionLocation

    public init(
        id: String, console: DefinitionConsole, literal: String, regex: String? = nil,
        captureNames: [String] = [], phase: BootPhase? = nil, event: String? = nil,
        severity: EventSeverity = .info, isKey: Bool = false, description: String? = nil, examples: [String] = [],
        counterexamples: [String] = [], location: DefinitionLocation
    ) {
        self.id = id
        self.console = console
        self.literal = literal
        self.regex = regex
        self.captureNames = captureNames
        self.phase = phase
        self.event = event ?? id
        self.severity = severity
        self.isKey = isKey
        self.description = description
        self.examples = examples
        self.counterexamples = counterexamples
        self.location = location
    }
}
