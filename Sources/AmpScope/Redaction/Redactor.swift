import Foundation

/// Replaces MAC, IP and e-mail addresses, serial numbers, host and user names, tokens and
/// passwords in console text with pseudonyms: the same value always becomes the same pseudonym
/// (`mac-1`, `ip-2`, `serial-1`, `host-1`, `email-1`, `user-1`, `secret-1`), a MAC whatever its
/// notation or case. Redaction is in two passes: `learn` every line of the whole input first, so
/// a value named once (`Serial#: 06534523`) is replaced wherever else it stands alone
/// (`board id 06534523`), before or after; then `redact` each text that goes into a report.
/// Only text goes through it: rule ids, times and line numbers of findings are never handed to it.
///
///     var redactor = Redactor()
///     for line in allLines { redactor.learn(line) }
///     let safe = redactor.redact("root@gateway:~# ping 192.168.1.20")   // "root@host-1:~# ping ip-1"
///     redactor.counts                   // [host: 1 value, ...; ip: ...], over the whole input
public struct Redactor: Sendable {
    /// Pseudonyms by kind, keyed by the value (a MAC by its twelve lower-case hex digits).
    private var pseudonyms: [RedactionKind: [String: String]] = [:]
    private var occurrences: [RedactionKind: Int] = [:]
    /// Values replaced wherever they stand alone (serials, host and user names, secrets), longest first.
    private var literals: [String: (kind: RedactionKind, order: Int)] = [:]
    /// The literals by their first three bytes: a text is searched only for those that could
    /// start somewhere in it (a soak log teaches one serial per boot, thousands in all).
    private var literalsByPrefix: [UInt32: [String]] = [:]
    /// MACs seen anywhere, normalised: their bare-hex form is replaced too.
    private var macs: Set<String> = []
    /// What `learn` found in a line, by the line: a log repeats its prompts and banners boot
    /// after boot, and the regular expressions need not run on a line again to tell the same.
    private var learnedLines: [String: [LearnedValue]] = [:]
    private static let learnedLinesLimit = 4096

    private struct LearnedValue: Sendable {
        let value: String
        let kind: RedactionKind
        /// Whether it counts as an occurrence (a default host name's serial does not).
        let counts: Bool
    }

    public init() {}

    /// How much of each kind was found so far (learned or replaced), in `RedactionKind` order;
    /// kinds never seen are left out. `occurrences` counts the matches in learned and redacted text.
    public var counts: [RedactionCount] {
        RedactionKind.allCases.compactMap { kind in
            guard let values = pseudonyms[kind], !values.isEmpty else { return nil }
            return RedactionCount(kind: kind, values: values.count, occurrences: occurrences[kind, default: 0])
        }
    }

    /// The pseudonym a value has (or now gets); for values known from elsewhere (an adapter's USB serial in the header).
    public mutating func pseudonym(for value: String, kind: RedactionKind) -> String {
        let key = kind == .mac ? RedactionPattern.normalizedMAC(value) : value
        if let known = pseudonyms[kind]?[key] { return known }
        let name = "\(kind.rawValue)-\((pseudonyms[kind]?.count ?? 0) + 1)"
        pseudonyms[kind, default: [:]][key] = name
        return name
    }

    /// Registers a value to be replaced wherever it appears in later text, and returns its pseudonym.
    @discardableResult
    public mutating func add(_ value: String, kind: RedactionKind) -> String {
        let name = pseudonym(for: value, kind: kind)
        if kind == .mac {
            macs.insert(RedactionPattern.normalizedMAC(value))
        } else if kind != .ip && kind != .email, value.count >= 3, literals[value] == nil {
            literals[value] = (kind, literals.count)
            literalsByPrefix[Self.prefixKey(value.utf8), default: []].append(value)
        }
        return name
    }

    /// The first pass: finds every identifying value in `text` (one line or many) and gives it
    /// its pseudonym, without replacing anything, so it is redacted everywhere later.
    public mutating func learn(_ text: String) {
        learn(text, candidates: RedactionCandidates.of(text))
    }

    /// The first pass on a line's raw bytes: a plain line that no pattern could match is never
    /// made a `String`, which is what most lines of a log are.
    mutating func learn(line raw: UnsafeRawBufferPointer) {
        let shape = RedactionPrefilter(raw)
        guard shape.isPlainText else { return learn(LineText.render(raw).text) }
        let candidates = RedactionCandidates.of(shape)
        guard candidates != 0 else { return }
        learn(String(decoding: raw, as: UTF8.self), candidates: candidates)
    }

    private mutating func learn(_ text: String, candidates: UInt64) {
        if let known = learnedLines[text] { return teach(known) }
        var found: [LearnedValue] = []
        for (index, pattern) in RedactionPattern.all.enumerated() where candidates & 1 << index != 0 {
            for value in Self.values(of: pattern, in: text) {
                if pattern.kind == .host, let serial = RedactionKeepList.defaultHostSerial(value) {
                    found.append(LearnedValue(value: serial, kind: .serial, counts: false))
                    continue
                }
                guard !pattern.keeps(value), !Self.isPseudonym(value) else { continue }
                found.append(LearnedValue(value: value, kind: pattern.kind, counts: true))
            }
        }
        teach(found)
        if learnedLines.count >= Self.learnedLinesLimit { learnedLines.removeAll(keepingCapacity: true) }
        learnedLines[text] = found
    }

    private mutating func teach(_ values: [LearnedValue]) {
        for learned in values {
            add(learned.value, kind: learned.kind)
            if learned.counts { occurrences[learned.kind, default: 0] += 1 }
        }
    }

    /// The second pass: `text` with every value found or learned replaced by its pseudonym.
    public mutating func redact(_ text: String) -> String {
        var result = text
        var candidates = RedactionCandidates.of(result)
        for (index, pattern) in RedactionPattern.all.enumerated() where candidates & 1 << index != 0 {
            let replaced = replace(pattern, in: result)
            if replaced != result {
                result = replaced
                candidates = RedactionCandidates.of(result)
            }
        }
        for value in literalCandidates(in: result) {
            result = replaceLiteral(value, kind: literals[value]!.kind, in: result)
        }
        if !macs.isEmpty, Self.longestHexRun(in: result) >= 12 { result = replaceBareMACs(in: result) }
        return result
    }

    // MARK: matching

    /// `serial-1`, or an e-mail shape made of one (`secret-1@github.com` after a token was replaced).
    static func isPseudonym(_ value: String) -> Bool {
        if let at = value.firstIndex(of: "@") { return isPseudonym(String(value[..<at])) }
        guard let dash = value.lastIndex(of: "-"), RedactionKind(rawValue: String(value[..<dash])) != nil else { return false }
        let digits = value[value.index(after: dash)...]
        return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
    }

    private static func values(of pattern: RedactionPattern, in text: String) -> [String] {
        let string = text as NSString
        return pattern.regex.matches(in: text, range: NSRange(location: 0, length: string.length)).compactMap { match in
            let range = match.range(at: pattern.group)
            return range.location == NSNotFound ? nil : string.substring(with: range)
        }
    }

    private mutating func replace(_ pattern: RedactionPattern, in text: String) -> String {
        let string = text as NSString
        let matches = pattern.regex.matches(in: text, range: NSRange(location: 0, length: string.length))
        guard !matches.isEmpty else { return text }
        // Pseudonyms are handed out in reading order, then replaced from the end so ranges stay valid.
        var replacements: [(NSRange, String)] = []
        for match in matches {
            let range = match.range(at: pattern.group)
            guard range.location != NSNotFound else { continue }
            let value = string.substring(with: range)
            if pattern.kind == .host, let serial = RedactionKeepList.defaultHostSerial(value) {
                add(serial, kind: .serial)
                continue
            }
            guard !pattern.keeps(value), !Self.isPseudonym(value) else { continue }
            let name = add(value, kind: pattern.kind)
            occurrences[pattern.kind, default: 0] += 1
            replacements.append((range, name))
        }
        let result = NSMutableString(string: text)
        for (range, name) in replacements.reversed() { result.replaceCharacters(in: range, with: name) }
        return result as String
    }

    /// Replaces `value` where it stands on its own (not inside a longer word of letters and digits).
    private mutating func replaceLiteral(_ value: String, kind: RedactionKind, in text: String) -> String {
        guard Self.mayContain(text, value) else { return text }
        let name = pseudonym(for: value, kind: kind)
        var result = ""
        var rest = text[...]
        while let found = rest.range(of: value) {
            let before = found.lowerBound > rest.startIndex ? rest[rest.index(before: found.lowerBound)] : nil
            let after = found.upperBound < rest.endIndex ? rest[found.upperBound] : nil
            result += rest[..<found.lowerBound]
            // A host name continues over `-` and `_` (`gateway-7-clock.board` is another word);
            // a serial inside `..._UART_A50285BI-if00` or `colibri-imx7-06612345` stands on its own.
            let joins: (Character?) -> Bool = {
                switch kind {
                case .host: return Self.isWordCharacter($0) || $0 == "-" || $0 == "_"
                case .user: return Self.isWordCharacter($0) || $0 == "_"
                default: return Self.isWordCharacter($0)
                }
            }
            if joins(before) || joins(after) {
                result += value
            } else {
                result += name
                occurrences[kind, default: 0] += 1
            }
            rest = rest[found.upperBound...]
        }
        return result + rest
    }

    /// Whether `text` may hold `value` as `range(of:)` finds it: on ASCII text and value a byte
    /// search tells the same (Foundation also matches canonically equivalent forms, so any
    /// other text is searched by Foundation), far faster on a log's thousands of serials.
    private static func mayContain(_ text: String, _ value: String) -> Bool {
        var text = text, value = value
        let found: Bool? = text.withUTF8 { haystack in
            value.withUTF8 { needle in
                guard let first = needle.first, haystack.allSatisfy({ $0 < 0x80 }), needle.allSatisfy({ $0 < 0x80 }) else { return nil }
                guard needle.count <= haystack.count, let base = haystack.baseAddress else { return false }
                var start = 0
                while start + needle.count <= haystack.count,
                      let hit = ByteSearch.first(first, in: base + start, count: haystack.count - needle.count + 1 - start) {
                    if ByteSearch.equal(hit, needle.baseAddress!, count: needle.count) { return true }
                    start = UnsafeRawPointer(base).distance(to: hit) + 1
                }
                return false
            }
        }
        return found ?? text.contains(value)
    }

    /// The learned literals that start somewhere in `text`, longest first, then in the order
    /// learned: the order a replacement of one by another's pseudonym is decided in.
    private func literalCandidates(in text: String) -> [String] {
        guard !literals.isEmpty else { return [] }
        var found: Set<String> = []
        var key: UInt32 = 0
        for (index, byte) in text.utf8.enumerated() {
            key = (key << 8 | UInt32(byte)) & 0xFF_FFFF
            guard index >= 2, let values = literalsByPrefix[key] else { continue }
            found.formUnion(values)
        }
        // Each literal's length and order taken once, not at every comparison.
        let keyed: [(value: String, length: Int, order: Int)] = found.map { ($0, $0.count, literals[$0]!.order) }
        return keyed.sorted { lhs, rhs in lhs.length != rhs.length ? lhs.length > rhs.length : lhs.order < rhs.order }.map(\.value)
    }

    /// A literal's first three bytes, as `literalCandidates` reads them.
    private static func prefixKey(_ bytes: String.UTF8View) -> UInt32 {
        bytes.prefix(3).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    private static let bareHex = try! NSRegularExpression(pattern: "(?<![0-9A-Za-z])([0-9A-Fa-f]{12})(?![0-9A-Za-z])")

    /// A MAC learned in one notation (`00:14:2d:4a:5b:6c`) also goes where it is written as bare hex (`00142D4A5B6C`).
    private mutating func replaceBareMACs(in text: String) -> String {
        let string = text as NSString
        let matches = Self.bareHex.matches(in: text, range: NSRange(location: 0, length: string.length))
        guard !matches.isEmpty else { return text }
        let result = NSMutableString(string: text)
        for match in matches.reversed() {
            let value = string.substring(with: match.range)
            guard macs.contains(value.lowercased()) else { continue }
            result.replaceCharacters(in: match.range, with: pseudonym(for: value, kind: .mac))
            occurrences[.mac, default: 0] += 1
        }
        return result as String
    }

    private static func longestHexRun(in text: String) -> Int {
        var text = text
        return text.withUTF8 { RedactionPrefilter(UnsafeRawBufferPointer($0)).longestHexRun }
    }

    private static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber
    }
}
