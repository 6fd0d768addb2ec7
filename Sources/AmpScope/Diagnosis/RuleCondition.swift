/// A rule's condition over one boot: primitives combined with all / any / not. Primitives that
/// find something bind it under a name (`as:`) for the message, the evidence and later
/// conditions (`after: name`).
public indirect enum RuleCondition: Sendable, Hashable {
    case all([RuleCondition])
    case any([RuleCondition])
    case not(RuleCondition)
    /// An event matching the selector occurs.
    case present(EventSelector)
    /// No event matches; `wait` is how long after the selector's anchor (or the boot's start)
    /// the boot must have gone on for the absence to count.
    case absent(EventSelector, wait: Duration?)
    /// At least `count` events match; binds the `count`-th.
    case repeated(EventSelector, count: Int)
    /// The first match of `first` comes before the first match of `then` (across consoles too).
    case ordered(first: EventReference, then: EventReference)
    case silent(SilenceCondition)
    case garbage(GarbageCondition)
    /// The boot was started by one of these boundaries (e.g. a second M-core banner).
    case bootStartedBy([BootBoundary])
    /// A fact the probe read from the board (see FactCondition).
    case fact(FactCondition)
}

/// Which events a primitive looks at.
public struct EventSelector: Sendable, Hashable {
    /// Parser definition ids or event names; empty means any event.
    public var events: [String]
    public var console: ConsoleKind?
    public var predicates: [FieldPredicate]
    /// Only events after this one (line order on one console, time across consoles).
    public var after: EventReference?
    public var before: EventReference?
    /// With `after`: only events at most this long after it.
    public var within: Duration?
    /// Only an event that is its console's last line in the boot.
    public var lastLine: Bool
    /// Name the match is bound to.
    public var binding: String?
    /// For `absent` only: how to decide when its window cannot be measured in time.
    public var untimed: UntimedAbsence?

    public init(
        events: [String] = [], console: ConsoleKind? = nil, predicates: [FieldPredicate] = [],
        after: EventReference? = nil, before: EventReference? = nil, within: Duration? = nil,
        lastLine: Bool = false, binding: String? = nil, untimed: UntimedAbsence? = nil
    ) {
        self.untimed = untimed
        self.events = events
        self.console = console
        self.predicates = predicates
        self.after = after
        self.before = before
        self.within = within
        self.lastLine = lastLine
        self.binding = binding
    }
}

/// How an absence whose window has no times on its lines (or a capture that ended inside it) is
/// decided from what the log shows instead, with lower confidence and a sentence saying so. Either
/// way nothing may match after the anchor at all, however late (without times, late is unknowable).
public enum UntimedAbsence: Sendable, Hashable {
    /// One of these events follows the anchor: the log went on past the point (a shell prompt,
    /// a login prompt), so the absence is not just a capture cut short.
    case followedBy([String])
    /// The log ends with this boot: what it shows is that nothing came before it ended.
    case logEnds
}

/// An event named by an earlier binding, or the first event a selector finds.
public indirect enum EventReference: Sendable, Hashable {
    case bound(String)
    case selector(EventSelector)
}

/// A test on one captured field of an event (a named regex capture of its parser definition).
public struct FieldPredicate: Sendable, Hashable {
    public enum Test: Sendable, Hashable {
        case equals(String)
        case notEquals(String)
        case contains(String)
        case lacks(String)
        /// Numeric (decimal, or hex with or without 0x): low ≤ value ≤ high.
        case inside(low: Int64, high: Int64)
        case above(Int64)
        case below(Int64)
        /// Equal to a field of an earlier binding (`missing.firmware`); no test when that line has
        /// no such field. Resolved to `equals` before matching (see `ConditionEvaluator.resolved`).
        case sameAs(binding: String, field: String)
    }

    public var field: String
    public var test: Test

    public init(field: String, test: Test) {
        self.field = field
        self.test = test
    }
}

/// A console that printed, then stopped near an event and stayed silent; or, with `wholeBoot`,
/// printed nothing at all in the boot.
public struct SilenceCondition: Sendable, Hashable {
    public var console: ConsoleKind
    public var wholeBoot: Bool
    /// The event the stop is measured against; with a selector, the matching event nearest the stop.
    public var near: EventReference?
    /// The console's last line lies within this much of `near` (either side).
    public var within: Duration
    /// When set, the last line lies at most this much after `near` (`within` still bounds it
    /// before): a line well after an event that stops the core at once proves it survived it.
    public var afterWithin: Duration?
    /// The silence after the last line lasted at least this long before the boot ended.
    public var forAtLeast: Duration
    public var binding: String?

    public init(
        console: ConsoleKind, wholeBoot: Bool = false, near: EventReference? = nil, within: Duration = .zero,
        forAtLeast: Duration = .zero, afterWithin: Duration? = nil, binding: String? = nil
    ) {
        self.console = console
        self.wholeBoot = wholeBoot
        self.near = near
        self.within = within
        self.afterWithin = afterWithin
        self.forAtLeast = forAtLeast
        self.binding = binding
    }
}

/// A console's lines turned to garbage (wrong baud, re-clocked UART): either from its first line
/// or after at least `afterCleanLines` clean ones, with at least `ratio` of the lines from the
/// first garbage line on being garbage.
public struct GarbageCondition: Sendable, Hashable {
    public var console: ConsoleKind?
    /// nil: from the first line (no clean line before the garbage).
    public var afterCleanLines: Int?
    public var ratio: Double
    public var binding: String?

    public init(console: ConsoleKind? = nil, afterCleanLines: Int? = nil, ratio: Double, binding: String? = nil) {
        self.console = console
        self.afterCleanLines = afterCleanLines
        self.ratio = ratio
        self.binding = binding
    }
}
