/// A value as Python's `pprint` prints it: what `labgrid-client show` writes for a resource's
/// parameters (`{'cls': 'NetworkSerialPort', 'params': {'host': 'exp-1', 'port': 43239}}`).
public indirect enum PythonLiteral: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case none
    case list([PythonLiteral])
    case dictionary([(key: PythonLiteral, value: PythonLiteral)])

    public static func == (lhs: PythonLiteral, rhs: PythonLiteral) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.float(let a), .float(let b)): return a == b
        case (.boolean(let a), .boolean(let b)): return a == b
        case (.none, .none): return true
        case (.list(let a), .list(let b)): return a == b
        case (.dictionary(let a), .dictionary(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The value under a string key of a dictionary; nil for anything else.
    public subscript(key: String) -> PythonLiteral? {
        guard case .dictionary(let pairs) = self else { return nil }
        return pairs.first { $0.key == .string(key) }?.value
    }

    public var string: String? { if case .string(let value) = self { return value } else { return nil } }
    public var integer: Int? { if case .integer(let value) = self { return value } else { return nil } }
    public var boolean: Bool? { if case .boolean(let value) = self { return value } else { return nil } }
    public var isNone: Bool { self == .none }

    /// Parses one literal; the error says where the text stopped making sense.
    public static func parse(_ text: String) throws(PythonLiteralError) -> PythonLiteral {
        var reader = PythonLiteralReader(Array(text.unicodeScalars))
        let value = try reader.value()
        reader.skipSpace()
        guard reader.atEnd else { throw reader.error("text after the value") }
        return value
    }
}

public struct PythonLiteralError: Error, Sendable, CustomStringConvertible {
    public var offset: Int
    public var reason: String
    public var description: String { "not a Python literal at character \(offset): \(reason)" }
}

/// A recursive-descent reader of the literals `pprint` writes (dicts, lists, tuples, strings
/// with their escapes and implicit concatenation, numbers, None, True, False).
struct PythonLiteralReader {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var atEnd: Bool { index >= scalars.count }

    func error(_ reason: String) -> PythonLiteralError { PythonLiteralError(offset: index, reason: reason) }

    mutating func skipSpace() {
        while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
    }

    private mutating func expect(_ scalar: Unicode.Scalar) throws(PythonLiteralError) {
        skipSpace()
        guard index < scalars.count, scalars[index] == scalar else { throw error("expected \"\(scalar)\"") }
        index += 1
    }

    private mutating func peek() -> Unicode.Scalar? {
        skipSpace()
        return index < scalars.count ? scalars[index] : nil
    }

    mutating func value() throws(PythonLiteralError) -> PythonLiteral {
        guard let first = peek() else { throw error("the text ended where a value was expected") }
        switch first {
        case "{": return try dictionary()
        case "[": return .list(try sequence(closing: "]"))
        case "(":
            // pprint wraps a long string as ('part one' 'part two'); otherwise a tuple.
            let items = try sequence(closing: ")")
            return items.count == 1 ? items[0] : .list(items)
        case "'", "\"": return try concatenatedString()
        default: return try word()
        }
    }

    private mutating func dictionary() throws(PythonLiteralError) -> PythonLiteral {
        try expect("{")
        var pairs: [(key: PythonLiteral, value: PythonLiteral)] = []
        while peek() != "}" {
            let key = try value()
            try expect(":")
            pairs.append((key, try value()))
            guard peek() == "," else { break }
            index += 1
        }
        try expect("}")
        return .dictionary(pairs)
    }

    private mutating func sequence(closing: Unicode.Scalar) throws(PythonLiteralError) -> [PythonLiteral] {
        index += 1
        var items: [PythonLiteral] = []
        while peek() != closing {
            items.append(try value())
            guard peek() == "," else { break }
            index += 1
        }
        try expect(closing)
        return items
    }

    private mutating func concatenatedString() throws(PythonLiteralError) -> PythonLiteral {
        var text = ""
        while let quote = peek(), quote == "'" || quote == "\"" {
            text += try quoted(quote)
        }
        return .string(text)
    }

    private mutating func quoted(_ quote: Unicode.Scalar) throws(PythonLiteralError) -> String {
        index += 1
        var text = String.UnicodeScalarView()
        while true {
            guard index < scalars.count else { throw error("a string is not closed") }
            let scalar = scalars[index]
            index += 1
            if scalar == quote { return String(text) }
            guard scalar == "\\" else { text.append(scalar); continue }
            guard index < scalars.count else { throw error("a string ends in a backslash") }
            let escaped = scalars[index]
            index += 1
            switch escaped {
            case "n": text.append("\n")
            case "r": text.append("\r")
            case "t": text.append("\t")
            case "0": text.append("\0")
            case "x": text.append(try hexScalar(digits: 2))
            case "u": text.append(try hexScalar(digits: 4))
            case "U": text.append(try hexScalar(digits: 8))
            default: text.append(escaped)
            }
        }
    }

    private mutating func hexScalar(digits: Int) throws(PythonLiteralError) -> Unicode.Scalar {
        guard index + digits <= scalars.count,
              let code = UInt32(String(String.UnicodeScalarView(scalars[index..<index + digits])), radix: 16),
              let scalar = Unicode.Scalar(code)
        else { throw error("a \\x, \\u or \\U escape is not hexadecimal") }
        index += digits
        return scalar
    }

    private mutating func word() throws(PythonLiteralError) -> PythonLiteral {
        let start = index
        while index < scalars.count, !",:}])".unicodeScalars.contains(scalars[index]), !scalars[index].properties.isWhitespace {
            index += 1
        }
        let word = String(String.UnicodeScalarView(scalars[start..<index]))
        switch word {
        case "None": return .none
        case "True": return .boolean(true)
        case "False": return .boolean(false)
        default:
            if let integer = Int(word) { return .integer(integer) }
            if let float = Double(word) { return .float(float) }
            index = start
            throw error(word.isEmpty ? "a value was expected" : "\"\(word)\" is not a literal")
        }
    }
}
