import Foundation

/// How loud a kernel print is: the level its function (or its `KERN_*` prefix) gives it.
public enum PrintLevel: String, Sendable, Hashable, CaseIterable {
    case error
    case warning
    case notice
    case info
    /// A `printk` without a `KERN_*` level: printed at the default console level.
    case unleveled

    public var isErrorOrWarning: Bool { self == .error || self == .warning }
}

/// One print call found in a C file: its function, the format string it passes (adjacent
/// literals joined, C escapes resolved) and the device argument, if the function takes one.
public struct PrintCall: Sendable, Hashable {
    public var function: String
    public var level: PrintLevel
    public var format: String
    public var deviceArgument: String?
    /// 1-based line of the function name.
    public var line: Int
    /// The C function the call is written in, for `pr_fmt` prefixes that print `__func__`.
    public var enclosingFunction: String?
    /// The arguments after the format, where one spells a string: a literal, or the first
    /// branch of `cond ? "a" : "b"` (C code puts the failure first: `ret ? " Failed!" : " Success!"`).
    public var literalArguments: [String?] = []
    /// The level was read from the words of a U-Boot printf, which has none of its own.
    public var levelInferred = false
}

/// Finds printk-family calls in C source text. It reads tokens (strings, comments, brackets)
/// rather than lines, because a call's format string is often on the line after its name.
public enum PrintCallScanner {
    /// Print functions, their level, and which argument holds the format (0-based).
    static let functions: [String: (level: PrintLevel, formatArgument: Int)] = {
        var table: [String: (PrintLevel, Int)] = [:]
        let suffixes = ["", "_ratelimited", "_once"]
        for (stem, level) in [("err", PrintLevel.error), ("crit", .error), ("alert", .error), ("emerg", .error),
                              ("warn", .warning), ("notice", .notice), ("info", .info)] {
            for suffix in suffixes {
                table["dev_\(stem)\(suffix)"] = (level, 1)
                table["pr_\(stem)\(suffix)"] = (level, 0)
            }
        }
        table["pr_warning"] = (.warning, 0)
        table["dev_err_probe"] = (.error, 2)
        table["printk"] = (.unleveled, 0)
        // U-Boot: log_* carry a level; printf and puts do not (debug and log_debug are left out).
        table["log_err"] = (.error, 0)
        table["log_warning"] = (.warning, 0)
        table["log_notice"] = (.notice, 0)
        table["log_info"] = (.info, 0)
        table["printf"] = (.unleveled, 0)
        table["puts"] = (.unleveled, 0)
        // STM32MP's stm32prog keeps the message and prints it with log_err("Error: %s").
        table["stm32prog_err"] = (.error, 0)
        return table
    }()

    static let kernelLevels: [String: PrintLevel] = [
        "KERN_EMERG": .error, "KERN_ALERT": .error, "KERN_CRIT": .error, "KERN_ERR": .error,
        "KERN_WARNING": .warning, "KERN_NOTICE": .notice, "KERN_INFO": .info, "KERN_CONT": .unleveled,
        "KERN_DEFAULT": .unleveled,
    ]

    public static func scan(_ source: String) -> [PrintCall] {
        let bytes = Array(source.utf8)
        var calls: [PrintCall] = []
        var index = 0
        var line = 1
        var lastFunction: String?
        var braceDepth = 0
        var lastIdentifier: String?
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") { line += 1; index += 1; continue }
            if let end = skipCommentOrLiteral(bytes, index) {
                line += bytes[index..<end].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                index = end
                continue
            }
            if isIdentifierStart(byte) {
                var end = index
                while end < bytes.count, isIdentifierByte(bytes[end]) { end += 1 }
                let name = String(decoding: bytes[index..<end], as: UTF8.self)
                let previous = index > 0 ? bytes[index - 1] : 0
                var after = end
                while after < bytes.count, bytes[after] == UInt8(ascii: " ") || bytes[after] == UInt8(ascii: "\t") { after += 1 }
                if previous != UInt8(ascii: "."), previous != UInt8(ascii: ">"),
                   let spec = functions[name], after < bytes.count, bytes[after] == UInt8(ascii: "("),
                   let (arguments, close) = splitArguments(bytes, open: after),
                   spec.formatArgument < arguments.count,
                   let (format, level) = formatText(arguments[spec.formatArgument]) {
                    calls.append(PrintCall(
                        function: name, level: spec.level == .unleveled ? level ?? .unleveled : spec.level, format: format,
                        deviceArgument: name.hasPrefix("dev_") ? String(decoding: arguments[0], as: UTF8.self)
                            .trimmingCharacters(in: .whitespacesAndNewlines) : nil,
                        line: line, enclosingFunction: lastFunction,
                        literalArguments: arguments.dropFirst(spec.formatArgument + 1).map(literalText)))
                    line += bytes[index..<close].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                    index = close
                    continue
                }
                lastIdentifier = name
                index = end
                continue
            }
            if byte == UInt8(ascii: "(") && braceDepth == 0 { lastFunction = lastIdentifier }
            if byte == UInt8(ascii: "{") { braceDepth += 1 }
            if byte == UInt8(ascii: "}") { braceDepth = max(0, braceDepth - 1) }
            index += 1
        }
        return calls
    }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "_")
    }

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= 0x30 && byte <= 0x39)
    }

    /// The end of a comment, string or character literal starting at `index`, else nil.
    static func skipCommentOrLiteral(_ bytes: [UInt8], _ index: Int) -> Int? {
        let byte = bytes[index]
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        if byte == UInt8(ascii: "/") && next == UInt8(ascii: "/") {
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            return end
        }
        if byte == UInt8(ascii: "/") && next == UInt8(ascii: "*") {
            var end = index + 2
            while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "*") && bytes[end + 1] == UInt8(ascii: "/")) { end += 1 }
            return min(bytes.count, end + 2)
        }
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            var end = index + 1
            while end < bytes.count, bytes[end] != byte {
                if bytes[end] == UInt8(ascii: "\\") { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: "\n") { break }
                end += 1
            }
            return min(bytes.count, end + 1)
        }
        return nil
    }

    /// The top-level comma-separated arguments of the call whose `(` is at `open`, and the index
    /// after its `)`; nil when the file ends first.
    static func splitArguments(_ bytes: [UInt8], open: Int) -> ([ArraySlice<UInt8>], Int)? {
        var depth = 0
        var start = open + 1
        var arguments: [ArraySlice<UInt8>] = []
        var index = open
        while index < bytes.count {
            if let end = skipCommentOrLiteral(bytes, index) { index = end; continue }
            switch bytes[index] {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 {
                    arguments.append(bytes[start..<index])
                    return (arguments, index + 1)
                }
            case UInt8(ascii: ",") where depth == 1:
                arguments.append(bytes[start..<index])
                start = index + 1
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The string an argument after the format spells: a lone literal, or the literal after a
    /// ternary's `?`; nil for anything else.
    static func literalText(_ argument: ArraySlice<UInt8>) -> String? {
        var index = skipSpaces(argument, argument.startIndex)
        if index < argument.endIndex, argument[index] != UInt8(ascii: "\"") {
            guard let question = argument[index...].firstIndex(of: UInt8(ascii: "?")) else { return nil }
            index = skipSpaces(argument, question + 1)
        }
        guard index < argument.endIndex, argument[index] == UInt8(ascii: "\""),
              let close = argument[(index + 1)...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return String(decoding: argument[(index + 1)..<close], as: UTF8.self)
    }

    static func skipSpaces(_ bytes: ArraySlice<UInt8>, _ start: Int) -> Int {
        var index = start
        while index < bytes.endIndex, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n")].contains(bytes[index]) { index += 1 }
        return index
    }

    /// The format an argument spells with string literals (a macro between them becomes `%s`),
    /// and the `KERN_*` level it starts with; nil when the argument holds no literal.
    static func formatText(_ argument: ArraySlice<UInt8>) -> (String, PrintLevel?)? {
        var text: [UInt8] = []
        var sawLiteral = false
        var level: PrintLevel?
        var index = argument.startIndex
        while index < argument.endIndex {
            let byte = argument[index]
            if byte == UInt8(ascii: "\"") {
                sawLiteral = true
                index += 1
                while index < argument.endIndex, argument[index] != UInt8(ascii: "\"") {
                    if argument[index] == UInt8(ascii: "\\"), index + 1 < argument.endIndex {
                        index += 1
                        switch argument[index] {
                        case UInt8(ascii: "n"), UInt8(ascii: "r"): break
                        case UInt8(ascii: "t"): text.append(UInt8(ascii: " "))
                        case UInt8(ascii: "0")...UInt8(ascii: "7"):
                            while index + 1 < argument.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(argument[index + 1]) { index += 1 }
                        default: text.append(argument[index])
                        }
                    } else {
                        text.append(argument[index])
                    }
                    index += 1
                }
                index += 1
                continue
            }
            if isIdentifierStart(byte) {
                var end = index
                while end < argument.endIndex, isIdentifierByte(argument[end]) { end += 1 }
                let name = String(decoding: argument[index..<end], as: UTF8.self)
                if let known = kernelLevels[name] { level = known } else { text += Array("%s".utf8) }
                index = end
                continue
            }
            if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "(") { return nil }
            index += 1
        }
        guard sawLiteral else { return nil }
        return (String(decoding: text, as: UTF8.self), level)
    }
}
