import Foundation

/// Selector matching: which events a primitive looks at, relative to the events it is anchored on.
extension ConditionEvaluator {
    enum Search {
        case found(MatchedLine)
        case none
        case unknown(String)
    }

    struct Anchors {
        var after: MatchedLine?
        var before: MatchedLine?
    }

    enum AnchorResolution {
        case resolved(Anchors)
        case missing
        case unknown(String)
    }

    /// The selector's first match in time order.
    func firstMatch(_ original: EventSelector, _ bindings: RuleBindings) -> Search {
        let selector: EventSelector
        switch resolved(original, bindings) {
        case .success(let concrete): selector = concrete
        case .failure(let why): return .unknown(why.reason)
        }
        let anchors: Anchors
        switch anchorsOf(selector, bindings) {
        case .resolved(let resolved): anchors = resolved
        case .missing: return .none
        case .unknown(let why): return .unknown(why)
        }
        // Through the buffer: the events are tested in place rather than copied (each copy
        // retains its strings and fields) for every candidate of every selector of every boot.
        return evidence.events.withUnsafeBufferPointer { events in
            var reason: String?
            for position in evidence.candidates(for: selector) {
                switch matches(events[position], selector, anchors) {
                case .yes: return .found(MatchedLine(events[position]))
                case .no: continue
                case .unknown(let why): reason = reason ?? why
                }
            }
            return reason.map(Search.unknown) ?? .none
        }
    }

    struct Unresolved: Error {
        var reason: String
    }

    /// The selector with its `same-as` tests turned into `equals` on the bound values.
    func resolved(_ selector: EventSelector, _ bindings: RuleBindings) -> Result<EventSelector, Unresolved> {
        guard selector.predicates.contains(where: { if case .sameAs = $0.test { true } else { false } }) else { return .success(selector) }
        var concrete = selector
        concrete.predicates = []
        for predicate in selector.predicates {
            guard case .sameAs(let name, let field) = predicate.test else {
                concrete.predicates.append(predicate)
                continue
            }
            guard let line = bindings[name] else { return .failure(Unresolved(reason: "it depends on '\(name)', which could not be established")) }
            if let value = line.fields[field] { concrete.predicates.append(FieldPredicate(field: predicate.field, test: .equals(value))) }
        }
        return .success(concrete)
    }

    /// A bound name, or the first match of a selector.
    func resolve(_ reference: EventReference, _ bindings: RuleBindings) -> Search {
        switch reference {
        case .bound(let name):
            // Unbound here means the condition that binds it was not evaluated to true (an
            // unknown sibling), so what depends on it is unknown too.
            guard let line = bindings[name] else { return .unknown("it depends on '\(name)', which could not be established") }
            return .found(line)
        case .selector(let selector): return firstMatch(selector, bindings)
        }
    }

    func anchorsOf(_ selector: EventSelector, _ bindings: RuleBindings) -> AnchorResolution {
        // Most selectors have neither anchor: no work (and no array of the two) for them.
        guard selector.after != nil || selector.before != nil else { return .resolved(Anchors()) }
        var anchors = Anchors()
        for (reference, isAfter) in [(selector.after, true), (selector.before, false)] {
            guard let reference else { continue }
            switch resolve(reference, bindings) {
            case .found(let line): if isAfter { anchors.after = line } else { anchors.before = line }
            case .none: return .missing
            case .unknown(let why): return .unknown(why)
            }
        }
        return .resolved(anchors)
    }

    /// Cheap tests first (console, fields), ordering last: only they can be unknown. The name
    /// is not tested again: every caller passes a candidate of `BootEvidence.candidates(for:)`,
    /// which has the selector's names by construction.
    func matches(_ event: TimelineEvent, _ selector: EventSelector, _ anchors: Anchors) -> Truth {
        let record = event.event
        if let console = selector.console, evidence.kind(of: record.console) != console { return .no }
        for predicate in selector.predicates where !predicate.holds(record.fields[predicate.field]) { return .no }
        if selector.lastLine, !evidence.isLastLine(event) { return .no }
        // Only the event's place, not a copy of its strings and fields, against the anchors.
        guard anchors.after != nil || anchors.before != nil else { return .yes }
        let line = EventPlace(event)
        if let after = anchors.after {
            if line.console == after.console, line.lineNumber == after.lineNumber { return .no }
            switch evidence.isAfter(line, after) {
            case .yes: break
            case .no: return .no
            case .unknown(let why): return .unknown(why)
            }
            if let within = selector.within {
                guard let time = line.time, let anchorTime = after.time else {
                    return .unknown("the \(evidence.name(of: line.time == nil ? line.console : after.console)) log has no times, so 'within' cannot be measured")
                }
                if time - anchorTime > within.nanosecondCount + evidence.tolerance(line, after) { return .no }
            }
        }
        if let before = anchors.before {
            switch evidence.isAfter(before, line) {
            case .yes: break
            case .no: return .no
            case .unknown(let why): return .unknown(why)
            }
        }
        return .yes
    }
}

extension FieldPredicate {
    /// A missing field fails every test except `lacks` and `not-equals`.
    func holds(_ value: String?) -> Bool {
        switch test {
        case .equals(let expected):
            guard let value else { return false }
            if let number = Self.number(value), let wanted = Self.number(expected) { return number == wanted }
            return value == expected
        case .notEquals(let expected):
            guard let value else { return true }
            if let number = Self.number(value), let wanted = Self.number(expected) { return number != wanted }
            return value != expected
        case .contains(let part): return value.map { Self.contains($0, part) } ?? false
        case .lacks(let part): return !(value.map { Self.contains($0, part) } ?? false)
        case .inside(let low, let high):
            guard let number = value.flatMap(Self.address) else { return false }
            return low <= number && number <= high
        case .above(let limit): return value.flatMap(Self.number).map { $0 > limit } ?? false
        case .below(let limit): return value.flatMap(Self.number).map { $0 < limit } ?? false
        // Unresolved only when the bound line has no such field: nothing to compare with.
        case .sameAs: return true
        }
    }

    /// Decimal (optionally negative), or hexadecimal written with 0x.
    static func number(_ text: String) -> Int64? {
        // ASCII (nearly every captured field) on the bytes, because the lowercased copies and
        // the scalar-property trim below cost more than the rule that asks.
        if let trimmed = asciiTrimmed(text) {
            if let decimal = Int64(trimmed) { return decimal }
            return hasHexPrefix(trimmed) ? Int64(trimmed.dropFirst(2), radix: 16) : nil
        }
        let trimmed = trimmed(text)
        if let decimal = Int64(trimmed) { return decimal }
        return trimmed.lowercased().hasPrefix("0x") ? address(trimmed) : nil
    }

    /// An address is hexadecimal with or without 0x: U-Boot prints `8fff1000`, which would
    /// otherwise read as a decimal number.
    static func address(_ text: String) -> Int64? {
        if let trimmed = asciiTrimmed(text) {
            let digits = hasHexPrefix(trimmed) ? trimmed.dropFirst(2) : trimmed
            return digits.isEmpty ? nil : Int64(digits, radix: 16)
        }
        let lower = trimmed(text).lowercased()
        let digits = lower.hasPrefix("0x") ? String(lower.dropFirst(2)) : lower
        return digits.isEmpty ? nil : Int64(digits, radix: 16)
    }

    /// An ASCII text without the spaces and tabs around it (the only ASCII members of
    /// CharacterSet.whitespaces); nil for a text with any other byte, which takes Foundation's trim.
    private static func asciiTrimmed(_ text: String) -> Substring? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = text.utf8.firstIndex(where: { !blank($0) }) else { return text[text.endIndex...] }
        let last = text.utf8.lastIndex(where: { !blank($0) })!
        return text[first...last]
    }

    private static func hasHexPrefix(_ text: Substring) -> Bool {
        let bytes = text.utf8
        guard bytes.count >= 2, bytes.first == 0x30 else { return false }
        let second = bytes[bytes.index(after: bytes.startIndex)]
        return second == 0x78 || second == 0x58
    }
}

extension FieldPredicate {
    /// `text.trimmingCharacters(in: .whitespaces)`, skipping Foundation's call when there is
    /// nothing to trim (nearly always), because it runs for every field a rule compares.
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              isWhitespace(first) || isWhitespace(last) else { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// Membership in CharacterSet.whitespaces: general category Zs, and tab.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
    }
}

extension FieldPredicate {
    /// Foundation's `String.contains`, by bytes when both are ASCII (where the two agree),
    /// because Foundation's search dominated rules over every boot's kernel command line.
    static func contains(_ value: String, _ part: String) -> Bool {
        var value = value, part = part
        let ascii: Bool? = value.withUTF8 { text in
            part.withUTF8 { needle in
                // The empty part and non-ASCII text take Foundation's own answer.
                guard !needle.isEmpty, text.allSatisfy({ $0 < 0x80 }), needle.allSatisfy({ $0 < 0x80 }) else { return nil }
                guard needle.count <= text.count else { return false }
                for start in 0...(text.count - needle.count) where text[start] == needle[0] {
                    if memcmp(text.baseAddress! + start, needle.baseAddress!, needle.count) == 0 { return true }
                }
                return false
            }
        }
        return ascii ?? value.contains(part)
    }
}
