/// A parsed regex in the subset `ByteRegex` runs on bytes.
indirect enum ByteRegexNode: Equatable, Sendable {
    /// One byte from the set.
    case byte(ByteSet)
    case sequence([ByteRegexNode])
    /// Branches in priority order.
    case alternation([ByteRegexNode])
    /// Capturing group number `n` (1-based, in order of its opening parenthesis).
    case capture(Int, ByteRegexNode)
    case repetition(ByteRegexNode, minimum: Int, maximum: Int?, greedy: Bool)
    case inputStart
    case inputEnd

    /// The node can match without consuming a byte.
    var canBeEmpty: Bool {
        switch self {
        case .byte: return false
        case .sequence(let items): return items.allSatisfy(\.canBeEmpty)
        case .alternation(let branches): return branches.contains { $0.canBeEmpty }
        case .capture(_, let body): return body.canBeEmpty
        case .repetition(let body, let minimum, _, _): return minimum == 0 || body.canBeEmpty
        case .inputStart, .inputEnd: return true
        }
    }

    /// Bytes a match can start with, and whether it can start without one (an empty match or
    /// an anchor first).
    var firstBytes: (set: ByteSet, open: Bool) {
        switch self {
        case .byte(let set): return (set, false)
        case .sequence(let items):
            var set = ByteSet()
            for item in items {
                let first = item.firstBytes
                set.formUnion(first.set)
                if !first.open { return (set, false) }
            }
            return (set, true)
        case .alternation(let branches):
            var set = ByteSet()
            var open = false
            for branch in branches {
                let first = branch.firstBytes
                set.formUnion(first.set)
                open = open || first.open
            }
            return (set, open)
        case .capture(_, let body): return body.firstBytes
        case .repetition(let body, let minimum, _, _):
            let first = body.firstBytes
            return (first.set, first.open || minimum == 0)
        case .inputStart, .inputEnd: return (ByteSet(), true)
        }
    }

    /// Every match starts at the start of the input.
    var isAnchoredAtStart: Bool {
        switch self {
        case .inputStart: return true
        case .sequence(let items): return items.first?.isAnchoredAtStart ?? false
        case .alternation(let branches): return !branches.isEmpty && branches.allSatisfy(\.isAnchoredAtStart)
        case .capture(_, let body): return body.isAnchoredAtStart
        case .repetition(let body, let minimum, _, _): return minimum > 0 && body.isAnchoredAtStart
        case .byte, .inputEnd: return false
        }
    }
}

/// Reads an ICU regex into `ByteRegexNode`s, or refuses (nil) anything outside the subset whose
/// meaning on ASCII subjects it is sure of: literals, `.`, `\d \D \s \S \w \W`, escaped
/// punctuation, classes with ranges and those escapes, `( )`, `(?: )`, `(?<name> )`, `|`,
/// `? * + {n} {n,} {n,m}` greedy or lazy, `^` and `$`. Everything else (flags, lookaround,
/// backreferences, possessive or atomic forms, `\b`, `\Q`, Unicode properties, nested or
/// operated sets) is left to NSRegularExpression.
struct ByteRegexParser {
    private let pattern: [UInt8]
    private var index = 0
    private(set) var groupCount = 0

    private struct Unsupported: Error {}

    static func parse(_ pattern: String) -> (node: ByteRegexNode, groupCount: Int)? {
        var parser = ByteRegexParser(pattern: Array(pattern.utf8))
        do {
            let node = try parser.parseAlternation()
            guard parser.index == parser.pattern.count else { return nil }
            return (node, parser.groupCount)
        } catch {
            return nil
        }
    }

    private init(pattern: [UInt8]) { self.pattern = pattern }

    private var peek: UInt8? { index < pattern.count ? pattern[index] : nil }

    private mutating func parseAlternation() throws(Unsupported) -> ByteRegexNode {
        var branches = [try parseSequence()]
        while peek == UInt8(ascii: "|") {
            index += 1
            branches.append(try parseSequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseSequence() throws(Unsupported) -> ByteRegexNode {
        var items: [ByteRegexNode] = []
        while let byte = peek, byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
            items.append(try parseQuantified(try parseAtom()))
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func parseAtom() throws(Unsupported) -> ByteRegexNode {
        let byte = pattern[index]
        index += 1
        switch byte {
        case UInt8(ascii: "("): return try parseGroup()
        case UInt8(ascii: "["): return .byte(try parseClass())
        case UInt8(ascii: "."): return .byte(.anyButLineTerminator)
        case UInt8(ascii: "^"): return .inputStart
        case UInt8(ascii: "$"): return .inputEnd
        case UInt8(ascii: "\\"): return .byte(try parseEscape())
        case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"): throw Unsupported()
        case 0x80...:
            // A whole UTF-8 character, so a quantifier after it applies to all of its bytes.
            var bytes: [ByteRegexNode] = [.byte(ByteSet(byte))]
            while let next = peek, next & 0xC0 == 0x80 {
                bytes.append(.byte(ByteSet(next)))
                index += 1
            }
            return .sequence(bytes)
        default: return .byte(ByteSet(byte))
        }
    }

    private mutating func parseGroup() throws(Unsupported) -> ByteRegexNode {
        if peek == UInt8(ascii: "?") {
            index += 1
            if peek == UInt8(ascii: ":") {
                index += 1
                let body = try parseAlternation()
                try expect(UInt8(ascii: ")"))
                return body
            }
            guard peek == UInt8(ascii: "<") else { throw Unsupported() }
            index += 1
            let nameStart = index
            while let byte = peek, ByteSet.wordCharacters.contains(byte) { index += 1 }
            guard index > nameStart, peek == UInt8(ascii: ">") else { throw Unsupported() }
            index += 1
        }
        groupCount += 1
        let number = groupCount
        let body = try parseAlternation()
        try expect(UInt8(ascii: ")"))
        return .capture(number, body)
    }

    private mutating func expect(_ byte: UInt8) throws(Unsupported) {
        guard peek == byte else { throw Unsupported() }
        index += 1
    }

    private mutating func parseQuantified(_ atom: ByteRegexNode) throws(Unsupported) -> ByteRegexNode {
        guard let byte = peek else { return atom }
        var minimum: Int
        var maximum: Int?
        switch byte {
        case UInt8(ascii: "*"): (minimum, maximum) = (0, nil)
        case UInt8(ascii: "+"): (minimum, maximum) = (1, nil)
        case UInt8(ascii: "?"): (minimum, maximum) = (0, 1)
        case UInt8(ascii: "{"):
            index += 1
            minimum = try parseNumber()
            maximum = minimum
            if peek == UInt8(ascii: ",") {
                index += 1
                maximum = peek == UInt8(ascii: "}") ? nil : try parseNumber()
            }
            guard peek == UInt8(ascii: "}"), maximum.map({ $0 >= minimum }) ?? true else { throw Unsupported() }
        default: return atom
        }
        index += 1
        var greedy = true
        if peek == UInt8(ascii: "?") {
            greedy = false
            index += 1
        }
        if let next = peek, [UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{")].contains(next) {
            throw Unsupported()  // possessive `*+` or a stacked quantifier
        }
        switch atom {
        case .inputStart, .inputEnd: throw Unsupported()
        default: break
        }
        // ICU stops a loop whose body matched nothing; this matcher would spin instead.
        if maximum == nil, atom.canBeEmpty { throw Unsupported() }
        return .repetition(atom, minimum: minimum, maximum: maximum, greedy: greedy)
    }

    private mutating func parseNumber() throws(Unsupported) -> Int {
        var value = 0
        let start = index
        while let byte = peek, ByteSet.digits.contains(byte), index - start < 4 {
            value = value * 10 + Int(byte - 0x30)
            index += 1
        }
        guard index > start, !(peek.map(ByteSet.digits.contains) ?? false) else { throw Unsupported() }
        return value
    }

    /// After a backslash.
    private mutating func parseEscape() throws(Unsupported) -> ByteSet {
        guard let byte = peek else { throw Unsupported() }
        index += 1
        switch byte {
        case UInt8(ascii: "d"): return .digits
        case UInt8(ascii: "D"): return ByteSet.digits.inverted()
        case UInt8(ascii: "s"): return .spaces
        case UInt8(ascii: "S"): return ByteSet.spaces.inverted()
        case UInt8(ascii: "w"): return .wordCharacters
        case UInt8(ascii: "W"): return ByteSet.wordCharacters.inverted()
        case UInt8(ascii: "t"): return ByteSet(0x09)
        case UInt8(ascii: "n"): return ByteSet(0x0A)
        case UInt8(ascii: "r"): return ByteSet(0x0D)
        case UInt8(ascii: "f"): return ByteSet(0x0C)
        case UInt8(ascii: "a"): return ByteSet(0x07)
        case UInt8(ascii: "e"): return ByteSet(0x1B)
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return ByteSet(byte)
        default: throw Unsupported()
        }
    }

    /// After `[`: a flat set of literals, ranges and class escapes, optionally negated.
    private mutating func parseClass() throws(Unsupported) -> ByteSet {
        var set = ByteSet()
        var negated = false
        if peek == UInt8(ascii: "^") {
            negated = true
            index += 1
        }
        guard peek != UInt8(ascii: "]") else { throw Unsupported() }
        var first = true
        while let byte = peek {
            if byte == UInt8(ascii: "]") {
                index += 1
                return negated ? set.inverted() : set
            }
            let low: UInt8
            if byte == UInt8(ascii: "\\") {
                index += 1
                let escaped = try parseEscape()
                guard let single = Self.singleByte(escaped) else {
                    set.formUnion(escaped)
                    guard peek != UInt8(ascii: "-") || pattern[safe: index + 1] == UInt8(ascii: "]") else { throw Unsupported() }
                    first = false
                    continue
                }
                low = single
            } else {
                // ICU set syntax gives these meaning inside a set (nesting, set operations, strings).
                guard Self.plainClassMember(byte) || (byte == UInt8(ascii: "-") && (first || pattern[safe: index + 1] == UInt8(ascii: "]"))) else {
                    throw Unsupported()
                }
                low = byte
                index += 1
            }
            first = false
            if peek == UInt8(ascii: "-"), let after = pattern[safe: index + 1], after != UInt8(ascii: "]") {
                index += 1
                let high: UInt8
                if after == UInt8(ascii: "\\") {
                    index += 1
                    guard let single = Self.singleByte(try parseEscape()) else { throw Unsupported() }
                    high = single
                } else {
                    guard Self.plainClassMember(after) else { throw Unsupported() }
                    high = after
                    index += 1
                }
                guard low <= high else { throw Unsupported() }
                set.insert(low...high)
            } else {
                set.insert(low)
            }
        }
        throw Unsupported()
    }

    private static func plainClassMember(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case UInt8(ascii: "!"), UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "'"),
             UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","),
             UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "<"),
             UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default: return false
        }
    }

    private static func singleByte(_ set: ByteSet) -> UInt8? {
        var found: UInt8?
        for byte in UInt8(0)...UInt8(255) where set.contains(byte) {
            if found != nil { return nil }
            found = byte
        }
        return found
    }
}

extension Array where Element == UInt8 {
    fileprivate subscript(safe index: Int) -> UInt8? { index < count ? self[index] : nil }
}
