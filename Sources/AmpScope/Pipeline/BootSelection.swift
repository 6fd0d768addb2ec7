/// Which boots to show: one by its number (1 = the input's first), or the last one.
public enum BootSelection: Sendable, Hashable, CustomStringConvertible {
    case number(Int)
    case last

    /// `3` or `last`; nil for anything else (0, negative numbers, words).
    public init?(_ text: String) {
        if text.lowercased() == "last" {
            self = .last
        } else if let number = Int(text), number >= 1 {
            self = .number(number)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .number(let number): String(number)
        case .last: "last"
        }
    }
}

/// The selection asked for a boot the input does not have.
public struct BootSelectionError: Error, CustomStringConvertible, Equatable {
    public var selection: BootSelection
    public var bootCount: Int

    public var description: String {
        if bootCount == 0 { return "the input has no boot at all, so there is no boot \(selection) to show" }
        return "there is no boot \(selection): the input has \(bootCount) boot\(bootCount == 1 ? "" : "s") (give --boot 1 to \(bootCount), or --boot last)"
    }
}

/// Picks boots out of the analyzer's stream as they go past, holding at most one (for `last`),
/// so a selection never makes memory grow with the number of boots.
public struct BootPicker: Sendable {
    public let selection: BootSelection?
    /// Boots offered so far: the input's boot count once the stream has ended.
    public private(set) var seen = 0
    private var held: BootTimeline?
    private var matched = false

    public init(_ selection: BootSelection?) {
        self.selection = selection
    }

    /// Called with every boot in order; returns it when it is to be shown now.
    public mutating func offer(_ boot: BootTimeline) -> BootTimeline? {
        seen += 1
        switch selection {
        case nil:
            return boot
        case .number(let number):
            guard boot.index == number else { return nil }
            matched = true
            return boot
        case .last:
            held = boot
            return nil
        }
    }

    /// After the last boot: the held boot for `last`, or an error when nothing matched.
    public mutating func finish() throws(BootSelectionError) -> BootTimeline? {
        switch selection {
        case nil:
            return nil
        case .number(let number):
            guard matched else { throw BootSelectionError(selection: .number(number), bootCount: seen) }
            return nil
        case .last:
            guard let boot = held else { throw BootSelectionError(selection: .last, bootCount: seen) }
            held = nil
            return boot
        }
    }
}
