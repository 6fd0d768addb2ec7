/// The per-line console prefix of a merged log: `a7: text`, `[m4] text` or `A7| text`.
struct ConsoleLabel: Equatable {
    var name: String
    /// Bytes of the prefix, including one space after the separator.
    var length: Int

    static let maximumNameLength = 16

    init?(in line: [UInt8]) {
        var scanner = StampScanner(line)
        let bracketed = scanner.skip(UInt8(ascii: "["))
        let nameStart = scanner.index
        guard let first = scanner.current, Self.isLetter(first) else { return nil }
        while let byte = scanner.current, Self.isNameByte(byte), scanner.index - nameStart < Self.maximumNameLength {
            scanner.index += 1
        }
        let nameEnd = scanner.index
        if bracketed {
            guard scanner.skip(UInt8(ascii: "]")) else { return nil }
        } else {
            guard scanner.skip(UInt8(ascii: ":")) || scanner.skip(UInt8(ascii: "|")) else { return nil }
        }
        // `http://` or `a:b` are text, not a label.
        guard scanner.current == nil || scanner.current == 0x20 || scanner.current == 0x0D || scanner.current == 0x0A
        else { return nil }
        scanner.skip(0x20)
        name = String(decoding: line[nameStart..<nameEnd], as: UTF8.self)
        length = scanner.index
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// Names that mean a core whatever the file (`a7`, `m4`, `mcu`, ...).
    static func isRoleName(_ name: String) -> Bool {
        ConsoleDescriptor.inferredKind(forName: name) != .unknown
    }
}
