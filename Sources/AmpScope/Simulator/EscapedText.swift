/// C-style escapes in board scripts and fault triggers: `\r \n \t \\ \0 \e \xNN`, and a final
/// `\c` meaning "no line ending after this text" (a prompt, a partial line).
public enum EscapedText {
    public struct Decoded: Sendable, Hashable {
        public var bytes: [UInt8]
        /// The text ended with `\c`.
        public var suppressesLineEnding: Bool
    }

    /// What is wrong with an escape, and where (0-based offset in the text's UTF-8 bytes).
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var offset: Int
        public var message: String
        public var description: String { message }
    }

    public static func decode(_ text: some StringProtocol) throws(Problem) -> Decoded {
        let source = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count)
        var index = 0
        var suppressesLineEnding = false
        while index < source.count {
            let byte = source[index]
            guard byte == UInt8(ascii: "\\") else {
                bytes.append(byte)
                index += 1
                continue
            }
            guard index + 1 < source.count else {
                throw Problem(offset: index, message: "a lone backslash ends the text: write \\\\ for a backslash")
            }
            let escape = source[index + 1]
            switch escape {
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "0"): bytes.append(0x00)
            case UInt8(ascii: "e"): bytes.append(0x1B)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "x"):
                guard index + 3 < source.count,
                      let high = hexValue(source[index + 2]), let low = hexValue(source[index + 3])
                else {
                    throw Problem(offset: index, message: "\\x needs exactly two hex digits (\\x1b, \\xff)")
                }
                bytes.append(high << 4 | low)
                index += 4
                continue
            case UInt8(ascii: "c"):
                guard index + 2 == source.count else {
                    throw Problem(offset: index, message: "\\c (no line ending) is only allowed at the very end of the text")
                }
                suppressesLineEnding = true
            default:
                let shown = String(decoding: [escape], as: UTF8.self)
                throw Problem(offset: index, message: "unknown escape \\\(shown): expected one of \\r \\n \\t \\0 \\e \\\\ \\xNN \\c")
            }
            index += 2
        }
        return Decoded(bytes: bytes, suppressesLineEnding: suppressesLineEnding)
    }

    static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
