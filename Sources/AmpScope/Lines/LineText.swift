/// Turns a line's raw bytes into text a person can read: ANSI/VT100 escape sequences removed,
/// invalid UTF-8 replaced by U+FFFD, other control bytes shown as U+2400-range symbols.
/// The raw bytes stay untouched in the session; this is for display and matching only.
public enum LineText {
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let invalidUTF8 = Flags(rawValue: 1 << 0)
        public static let ansiStripped = Flags(rawValue: 1 << 1)
        public static let controlBytes = Flags(rawValue: 1 << 2)
        public static let nul = Flags(rawValue: 1 << 3)
    }

    public static func render(_ raw: some Collection<UInt8>) -> (text: String, flags: Flags) {
        var flags: Flags = []
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index != raw.endIndex {
            let byte = raw[index]
            if byte == 0x1B {
                flags.insert(.ansiStripped)
                index = skipEscape(raw, from: index)
                continue
            }
            if byte < 0x20 && byte != 0x09 || byte == 0x7F {
                flags.insert(byte == 0 ? .nul : .controlBytes)
                // U+2400 CONTROL PICTURES: a visible stand-in that cannot be mistaken for text.
                let scalar = byte == 0x7F ? 0x2421 : 0x2400 + Int(byte)
                cleaned.append(contentsOf: Array(String(Unicode.Scalar(UInt32(scalar))!).utf8))
                index = raw.index(after: index)
                continue
            }
            cleaned.append(byte)
            index = raw.index(after: index)
        }
        let text = String(decoding: cleaned, as: UTF8.self)
        if !isValidUTF8(cleaned) { flags.insert(.invalidUTF8) }
        return (text, flags)
    }

    /// Index just past an escape sequence starting at `start` (CSI, OSC, or a two-byte ESC x).
    private static func skipEscape<C: Collection<UInt8>>(_ raw: C, from start: C.Index) -> C.Index {
        var index = raw.index(after: start)
        guard index != raw.endIndex else { return index }
        let introducer = raw[index]
        index = raw.index(after: index)
        switch introducer {
        case UInt8(ascii: "["):
            while index != raw.endIndex {
                let byte = raw[index]
                index = raw.index(after: index)
                if byte >= 0x40 && byte <= 0x7E { break }
            }
        case UInt8(ascii: "]"):
            while index != raw.endIndex {
                let byte = raw[index]
                index = raw.index(after: index)
                if byte == 0x07 { break }
                if byte == 0x1B, index != raw.endIndex, raw[index] == UInt8(ascii: "\\") {
                    index = raw.index(after: index)
                    break
                }
            }
        default:
            break
        }
        return index
    }

    private static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
