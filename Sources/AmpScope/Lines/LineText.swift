/// Turns a line's raw bytes into text a person can read: ANSI/VT100 escape sequences removed,
/// invalid UTF-8 replaced by U+FFFD, other control bytes shown as U+2400-range symbols.
/// The raw bytes stay untouched in the session; this is for display and matching only.
public enum LineText {
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        // What the bytes contain (set by `render` and `LineAnalysis`).
        public static let invalidUTF8 = Flags(rawValue: 1 << 0)
        public static let ansiStripped = Flags(rawValue: 1 << 1)
        public static let controlBytes = Flags(rawValue: 1 << 2)
        public static let nul = Flags(rawValue: 1 << 3)
        // How the line was delimited (set by `Line.flags` and `LineView.flags`).
        public static let crOnlyEnding = Flags(rawValue: 1 << 4)
        public static let cutAtLengthCap = Flags(rawValue: 1 << 5)
        public static let continuation = Flags(rawValue: 1 << 6)

        init(content: Flags, ending: LineEnding, isCut: Bool, isContinuation: Bool) {
            var flags = content
            if ending == .cr { flags.insert(.crOnlyEnding) }
            if isCut { flags.insert(.cutAtLengthCap) }
            if isContinuation { flags.insert(.continuation) }
            self = flags
        }
    }

    public static func render(_ raw: some Collection<UInt8>) -> (text: String, flags: Flags) {
        if let result = raw.withContiguousStorageIfAvailable({ render(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return Array(raw).withUnsafeBytes { render($0) }
    }

    public static func render(_ raw: UnsafeRawBufferPointer) -> (text: String, flags: Flags) {
        var flags: Flags = []
        let text = String(unsafeUninitializedCapacity: ConsoleTextDecoder.outputCapacity(for: raw.count)) { buffer in
            let result = ConsoleTextDecoder.decode(raw, into: buffer.baseAddress)
            flags = result.analysis.flags
            return result.written
        }
        return (text, flags)
    }
}
