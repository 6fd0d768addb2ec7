/// Splits what the console prints into complete lines and the unfinished last line (where a
/// prompt waits), as plain text: CR dropped, ANSI escape sequences removed (BusyBox asks for
/// the cursor position with `ESC [6n` after every prompt; bash sets the window title).
struct ProbeLineBuffer: Sendable {
    private var partial: [UInt8] = []
    /// Longest line kept; a longer one is cut (the rest still counts as output).
    static let maximumLineBytes = 8192

    /// Complete lines in `bytes`, in order; the unfinished rest stays for `partialText`.
    mutating func feed(_ bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            if byte == 0x0A {
                lines.append(Self.clean(partial))
                partial.removeAll(keepingCapacity: true)
            } else if partial.count < Self.maximumLineBytes {
                partial.append(byte)
            }
        }
        return lines
    }

    var partialText: String { Self.clean(partial) }

    mutating func reset() { partial.removeAll() }

    /// The text a person would see: escapes removed, CR and other control bytes dropped (a CR in
    /// the middle returns the cursor, so only what follows the last one counts).
    static func clean(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1B {
                index = skipEscape(bytes, from: index)
                continue
            }
            if byte == 0x0D {
                // `\r\n` is just the line end; a lone CR before more text starts the line over.
                if index + 1 < bytes.count { out.removeAll(keepingCapacity: true) }
            } else if byte == 0x08 {
                if !out.isEmpty { out.removeLast() }
            } else if byte >= 0x20 || byte == 0x09 {
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Index after the escape sequence starting at `start` (CSI, OSC, or a two-byte escape).
    private static func skipEscape(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        guard index < bytes.count else { return index }
        switch bytes[index] {
        case UInt8(ascii: "["):
            index += 1
            while index < bytes.count, !(0x40...0x7E).contains(bytes[index]) { index += 1 }
            return index + 1
        case UInt8(ascii: "]"):
            index += 1
            while index < bytes.count {
                if bytes[index] == 0x07 { return index + 1 }
                if bytes[index] == 0x1B, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\") { return index + 2 }
                index += 1
            }
            return index
        default:
            return index + 1
        }
    }
}
