/// Turns a kernel format string into the text the kernel would print, with plausible values:
/// the line a definition must recognize for the format to count as covered. A `%s` whose
/// argument spells a string (`literalArguments`, one per argument after the format) prints it.
public enum FormatRenderer {
    public static func render(_ format: String, literalArguments: [String?] = []) -> String {
        let bytes = Array(format.utf8)
        var out: [UInt8] = []
        var index = 0
        var argument = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "%"), index + 1 < bytes.count else {
                out.append(bytes[index])
                index += 1
                continue
            }
            var cursor = index + 1
            if bytes[cursor] == UInt8(ascii: "%") {
                out.append(UInt8(ascii: "%"))
                index = cursor + 1
                continue
            }
            while cursor < bytes.count, "-+ #0".utf8.contains(bytes[cursor]) { cursor += 1 }
            while cursor < bytes.count, isWidth(bytes[cursor]) { argument += bytes[cursor] == UInt8(ascii: "*") ? 1 : 0; cursor += 1 }
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") {
                cursor += 1
                while cursor < bytes.count, isWidth(bytes[cursor]) { argument += bytes[cursor] == UInt8(ascii: "*") ? 1 : 0; cursor += 1 }
            }
            while cursor < bytes.count, "hlzjtL".utf8.contains(bytes[cursor]) { cursor += 1 }
            guard cursor < bytes.count else { break }
            let conversion = bytes[cursor]
            cursor += 1
            var value: String
            switch conversion {
            case UInt8(ascii: "d"), UInt8(ascii: "i"):
                value = looksLikeErrorCode(out) ? "-22" : "3"
            case UInt8(ascii: "u"): value = "3"
            case UInt8(ascii: "x"), UInt8(ascii: "X"): value = "1f"
            case UInt8(ascii: "o"): value = "7"
            case UInt8(ascii: "c"): value = "a"
            case UInt8(ascii: "s"):
                value = argument < literalArguments.count ? literalArguments[argument] ?? "name0" : "name0"
            case UInt8(ascii: "p"):
                var end = cursor
                while end < bytes.count, isPointerExtension(bytes[end]) { end += 1 }
                value = pointer(String(decoding: bytes[cursor..<end], as: UTF8.self))
                cursor = end
            default: value = "?"
            }
            out += Array(value.utf8)
            argument += 1
            index = cursor
        }
        return String(decoding: out, as: UTF8.self).trimmingTrailingSpaces()
    }

    static func isWidth(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "*") || (byte >= 0x30 && byte <= 0x39) }

    /// Letters and digits that extend `%p` (`%pa`, `%pOF`, `%pe`, `%*phN`...).
    static func isPointerExtension(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// `%d` after "ret", "err", "failed" or a colon is an errno the kernel prints negative.
    static func looksLikeErrorCode(_ before: [UInt8]) -> Bool {
        let tail = String(decoding: before.suffix(24), as: UTF8.self).lowercased()
        return tail.hasSuffix(": ") || tail.hasSuffix("(") || tail.hasSuffix("= ") || tail.contains("err")
            || tail.contains("ret") || tail.contains("fail") || tail.hasSuffix("status ")
    }

    static func pointer(_ extensionLetters: String) -> String {
        switch extensionLetters.first {
        case "a": return "0x0000000090000000"
        case "O": return "/soc/remoteproc@0"
        case "e": return "-EINVAL"
        case "S", "s", "B": return "rproc_boot+0x10/0x80"
        case "R", "r": return "[mem 0x90000000-0x90007fff]"
        case "h": return "00 01 02 03"
        case "M", "m": return "00:11:22:33:44:55"
        case "U": return "01234567-89ab-cdef-0123-456789abcdef"
        default: return "00000000a1b2c3d4"
        }
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
