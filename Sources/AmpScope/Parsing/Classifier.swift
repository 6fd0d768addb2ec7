import Foundation

/// Turns lines into events. Built once from definitions; `classify` runs the literal
/// prefilter on the raw bytes and makes a String and runs a regex only for lines whose literal
/// occurs. When several definitions match, the one listed first wins.
public final class Classifier: @unchecked Sendable {
    // @unchecked: every stored property is immutable after init, and NSRegularExpression
    // matching is thread-safe (documented by Foundation).
    public let definitions: [ParserDefinition]
    /// The distinct literals the prefilter looks for, in order of first use.
    public let prefilterLiterals: [String]
    private let prefilter: LiteralPrefilter
    /// For each prefilter literal, the definitions using it, in definition order.
    private let definitionsByLiteral: [[Int]]
    private let regexes: [NSRegularExpression?]
    private let captureGroups: [[(name: String, index: Int)]]
    /// The byte-level matcher for each definition whose regex it supports; nil means
    /// NSRegularExpression (a regex outside the subset, or none).
    private let byteMatchers: [ByteRegex?]
    private let usesByteMatcher: Bool
    /// Each definition's event name as an index among the distinct names (`Event.nameIndex`).
    private let nameIndexes: [Int32]

    /// `definitions` come from `DefinitionLoader`, which has already checked every regex.
    public convenience init(definitions: [ParserDefinition]) {
        self.init(definitions: definitions, usesByteMatcher: true)
    }

    /// `usesByteMatcher: false` sends every regex to NSRegularExpression: the reference the
    /// byte matcher is tested against.
    init(definitions: [ParserDefinition], usesByteMatcher: Bool) {
        self.definitions = definitions
        var literalIndex: [String: Int] = [:]
        var byLiteral: [[Int]] = []
        var literals: [[UInt8]] = []
        for (index, definition) in definitions.enumerated() {
            if let existing = literalIndex[definition.literal] {
                byLiteral[existing].append(index)
            } else {
                literalIndex[definition.literal] = literals.count
                literals.append(Array(definition.literal.utf8))
                byLiteral.append([index])
            }
        }
        prefilter = LiteralPrefilter(literals)
        prefilterLiterals = literals.map { String(decoding: $0, as: UTF8.self) }
        definitionsByLiteral = byLiteral
        regexes = definitions.map { definition in definition.regex.flatMap { try? NSRegularExpression(pattern: $0) } }
        captureGroups = definitions.map { definition in
            guard let regex = definition.regex else { return [] }
            return RegexShape(regex).groups.enumerated().compactMap { index, name in name.map { ($0, index + 1) } }
        }
        byteMatchers = definitions.map { definition in
            // Only where the group numbering agrees with the one the captures were read with.
            guard let regex = definition.regex, let matcher = ByteRegex(regex),
                  matcher.groupCount == RegexShape(regex).groups.count else { return nil }
            return matcher
        }
        self.usesByteMatcher = usesByteMatcher
        var nameIndex: [String: Int32] = [:]
        nameIndexes = definitions.map { definition in
            if let known = nameIndex[definition.event] { return known }
            let next = Int32(nameIndex.count)
            nameIndex[definition.event] = next
            return next
        }
    }

    /// The built-in definitions merged with those in `userFolders`.
    public convenience init(userFolders: [String] = []) throws(DefinitionError) {
        self.init(definitions: try DefinitionLoader.load(userFolders: userFolders))
    }

    public func classify(_ line: UnsafeRawBufferPointer, consoleKind: ConsoleKind) -> ClassifierMatch? {
        // Nearly every line hits at most one literal: keep that case free of allocations.
        var firstLiteral = -1
        var moreLiterals: [Int] = []
        prefilter.scan(line) { literal in
            if firstLiteral < 0 { firstLiteral = literal } else if literal != firstLiteral { moreLiterals.append(literal) }
        }
        guard firstLiteral >= 0 else { return nil }
        let candidates = moreLiterals.isEmpty
            ? definitionsByLiteral[firstLiteral]
            : Array(Set(definitionsByLiteral[firstLiteral] + moreLiterals.flatMap { definitionsByLiteral[$0] })).sorted()
        var printk = PrintkTime.parse(line)
        // A printk time after other text gives the message but not the line's time; then the
        // whole line is tried too, as that other text may be what a definition is about.
        var messageStart = printk?.prefixLength ?? PrintkTime.parseAfterText(line)?.prefixLength
        var printkFromDisplayedText = false
        // Printable ASCII (and tab) renders to itself, so the byte matcher can run on the raw
        // bytes and give what NSRegularExpression gives on the rendered text.
        let isPlain = usesByteMatcher && PlainText.isPlainASCII(line)
        var text: String?
        var message: String?
        for index in candidates where definitions[index].console.applies(to: consoleKind) {
            if isPlain, let matcher = byteMatchers[index] {
                var outcome = fastMatch(matcher, index: index, subject: UnsafeRawBufferPointer(rebasing: line[(messageStart ?? 0)...]))
                if case .noMatch = outcome, printk == nil, messageStart != nil {
                    outcome = fastMatch(matcher, index: index, subject: line)
                }
                switch outcome {
                case .matched(let fields):
                    return ClassifierMatch(definitionIndex: index, targetTime: printk?.microseconds, fields: fields,
                                           text: text ?? String(decoding: line, as: UTF8.self))
                case .noMatch:
                    continue
                case .gaveUp:
                    break
                }
            }
            let lineText = text ?? LineText.render(line).text
            text = lineText
            if !printkFromDisplayedText {
                printk = PrintkTime.parse(displayed: lineText)
                var displayed = lineText
                messageStart = printk?.prefixLength
                    ?? displayed.withUTF8 { PrintkTime.parseAfterText(UnsafeRawBufferPointer($0))?.prefixLength }
                printkFromDisplayedText = true
            }
            var fields = EventFields()
            if let regex = regexes[index] {
                var subject = message ?? messageStart.map { String(lineText.utf8.dropFirst($0))! } ?? lineText
                message = subject
                var result = regex.firstMatch(in: subject, range: NSRange(location: 0, length: subject.utf16.count))
                if result == nil, printk == nil, messageStart != nil {
                    subject = lineText
                    result = regex.firstMatch(in: subject, range: NSRange(location: 0, length: subject.utf16.count))
                }
                guard let result else { continue }
                let utf16 = subject.utf16
                for (name, group) in captureGroups[index] {
                    let range = result.range(at: group)
                    guard range.location != NSNotFound else { continue }
                    let start = utf16.index(utf16.startIndex, offsetBy: range.location)
                    fields[name] = String(utf16[start..<utf16.index(start, offsetBy: range.length)])
                }
            }
            return ClassifierMatch(definitionIndex: index, targetTime: printk?.microseconds, fields: fields, text: lineText)
        }
        return nil
    }

    private enum FastMatch {
        case matched(EventFields)
        case noMatch
        case gaveUp
    }

    private func fastMatch(_ matcher: ByteRegex, index: Int, subject: UnsafeRawBufferPointer) -> FastMatch {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: matcher.slotCount) { slots in
            switch matcher.firstMatch(in: subject, slots: slots) {
            case .noMatch: return .noMatch
            case .gaveUp: return .gaveUp
            case .matched:
                let groups = captureGroups[index]
                var fields = EventFields(minimumCapacity: groups.count)
                for (name, group) in groups {
                    let start = slots[2 * group]
                    let end = slots[2 * group + 1]
                    guard start >= 0, end >= start else { continue }
                    fields[name] = String(decoding: UnsafeRawBufferPointer(rebasing: subject[start..<end]), as: UTF8.self)
                }
                return .matched(fields)
            }
        }
    }

    public func classify(_ line: LineView, consoleKind: ConsoleKind) -> Event? {
        classify(line.raw, consoleKind: consoleKind).map {
            event(for: $0, console: line.console, number: line.number, byteOffset: line.byteOffset,
                  firstByteTime: line.firstByteTime, endTime: line.endTime)
        }
    }

    public func classify(_ line: Line, consoleKind: ConsoleKind) -> Event? {
        line.raw.withUnsafeBytes { classify($0, consoleKind: consoleKind) }.map {
            event(for: $0, console: line.console, number: line.number, byteOffset: line.byteOffset,
                  firstByteTime: line.firstByteTime, endTime: line.endTime)
        }
    }

    private func event(
        for match: ClassifierMatch, console: UInt16, number: Int, byteOffset: UInt64, firstByteTime: UInt64, endTime: UInt64
    ) -> Event {
        // Field by field from the array, not a copy of the whole definition (its examples,
        // description and regex retained and released again for every event).
        let index = match.definitionIndex
        return Event(
            definitionID: definitions[index].id, name: definitions[index].event, severity: definitions[index].severity,
            phase: definitions[index].phase, isKey: definitions[index].isKey,
            console: console, lineNumber: number, byteOffset: byteOffset, firstByteTime: firstByteTime, endTime: endTime,
            targetTime: match.targetTime, fields: match.fields, text: match.text, nameIndex: nameIndexes[index])
    }
}
