/// Lines that `LineText.render` leaves byte for byte unchanged: printable ASCII and tabs only
/// (no escape sequence, control byte or UTF-8 to translate). For those, the raw bytes are
/// the display text and byte-level matching sees exactly what a regex on the text would.
enum PlainText {
    static func isPlainASCII(_ raw: UnsafeRawBufferPointer) -> Bool {
        guard let base = raw.baseAddress else { return true }
        let count = raw.count
        var index = 0
        while index < count {
            index = ConsoleTextDecoder.printableRunEnd(base, from: index, count: count)
            guard index < count else { return true }
            guard base.load(fromByteOffset: index, as: UInt8.self) == 0x09 else { return false }
            index += 1
        }
        return true
    }
}
