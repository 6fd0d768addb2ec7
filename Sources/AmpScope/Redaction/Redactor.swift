import Foundation

/// Replaces MAC, IP and e-mail addresses, serial numbers, host names and home-directory user
/// names in console text with pseudonyms: the same value always becomes the same pseudonym
/// (`mac-1`, `ip-2`, `serial-1`, `host-1`, `email-1`, `user-1`) for as long as this value lives,
/// so one report reads consistently. Only text goes through it: rule ids, times and line numbers
/// of findings are never handed to it.
///
///     var redactor = Redactor()
///     redactor.learn(allLines)          // optional: host names seen later are known early
///     let safe = redactor.redact("root@gateway:~# ping 192.168.1.20")   // "root@host-1:~# ping ip-1"
///     redactor.counts                   // [host: 1 value, 1 occurrence; ip: ...]
public struct Redactor: Sendable {
    private var pseudonyms: [RedactionKind: [String: String]] = [:]
    private var occurrences: [RedactionKind: Int] = [:]
    /// Values replaced wherever they appear verbatim (learned host names, adapter serials), longest first.
    private var literals: [(value: String, kind: RedactionKind)] = []

    public init() {}

    /// How much of each kind was redacted so far, in `RedactionKind` order; kinds never seen are left out.
    public var counts: [RedactionCount] {
        RedactionKind.allCases.compactMap { kind in
            guard let values = pseudonyms[kind], !values.isEmpty else { return nil }
            return RedactionCount(kind: kind, values: values.count, occurrences: occurrences[kind, default: 0])
        }
    }

    /// The pseudonym a value has (or now gets); for values known from elsewhere (an adapter's USB serial in the header).
    public mutating func pseudonym(for value: String, kind: RedactionKind) -> String {
        if let known = pseudonyms[kind]?[value] { return known }
        let name = "\(kind.rawValue)-\((pseudonyms[kind]?.count ?? 0) + 1)"
        pseudonyms[kind, default: [:]][value] = name
        return name
    }

    /// Registers a value to be replaced wherever it appears in later text, and returns its pseudonym.
    @discardableResult
    public mutating func add(_ value: String, kind: RedactionKind) -> String {
        let name = pseudonym(for: value, kind: kind)
        if value.count >= 3, !literals.contains(where: { $0.value == value }) {
            literals.append((value, kind))
            literals.sort { $0.value.count > $1.value.count }
        }
        return name
    }

    /// Finds host names and serials in `text` (prompts, systemd, `Serial#`) without counting or
    /// replacing anything, so their earlier appearances (an `/etc/issue` banner before the login
    /// prompt) are redacted too.
    public mutating func learn(_ text: String) {
        for pattern in RedactionPattern.all where pattern.learnsLiteral {
            for value in Self.values(of: pattern, in: text) where !pattern.keeps(value) && !Self.isPseudonym(value) {
                add(value, kind: pattern.kind)
            }
        }
    }

    /// `text` with every value found replaced by its pseudonym.
    public mutating func redact(_ text: String) -> String {
        var result = text
        for pattern in RedactionPattern.all {
            result = replace(pattern, in: result)
        }
        for literal in literals {
            result = replaceLiteral(literal.value, kind: literal.kind, in: result)
        }
        return result
    }

    // MARK: matching

    private static func isPseudonym(_ value: String) -> Bool {
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
            guard !pattern.keeps(value), !Self.isPseudonym(value) else { continue }
            let name = pattern.learnsLiteral ? add(value, kind: pattern.kind) : pseudonym(for: value, kind: pattern.kind)
            occurrences[pattern.kind, default: 0] += 1
            replacements.append((range, name))
        }
        let result = NSMutableString(string: text)
        for (range, name) in replacements.reversed() { result.replaceCharacters(in: range, with: name) }
        return result as String
    }

    /// Replaces `value` where it stands on its own (not inside a longer word of letters and digits).
    private mutating func replaceLiteral(_ value: String, kind: RedactionKind, in text: String) -> String {
        guard text.contains(value) else { return text }
        let name = pseudonym(for: value, kind: kind)
        var result = ""
        var rest = text[...]
        while let found = rest.range(of: value) {
            let before = found.lowerBound > rest.startIndex ? rest[rest.index(before: found.lowerBound)] : nil
            let after = found.upperBound < rest.endIndex ? rest[found.upperBound] : nil
            result += rest[..<found.lowerBound]
            // A host name continues over `-` and `_` (`colibri-imx7-clock-gating` is another
            // word); a serial inside `..._UART_A50285BI-if00` stands on its own.
            let joins: (Character?) -> Bool = { kind == .host ? Self.isWordCharacter($0) || $0 == "-" || $0 == "_" : Self.isWordCharacter($0) }
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

    private static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber
    }
}
