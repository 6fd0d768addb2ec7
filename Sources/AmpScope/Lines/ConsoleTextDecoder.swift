/// The one walk over a line's bytes behind `LineAnalysis` and `LineText.render`: it classifies
/// every byte as printable text, escape sequence, control byte, valid or invalid UTF-8, and
/// optionally writes the display text.
///
/// Escape sequences follow ECMA-48 / VT100: CSI `ESC [ params intermediates final`; the string
/// commands OSC, DCS, SOS, PM, APC (`ESC ] … BEL` or `… ESC \`); nF sequences such as charset
/// selection `ESC ( B`; SS2/SS3 `ESC O x`; and two-byte `ESC x`. A sequence cut off by the end of
/// the line (its CR or LF) is stripped like a complete one. A byte that cannot continue a
/// sequence ends it as malformed: the sequence's bytes are stripped and counted as garbage, and
/// that byte is read as text again.
enum ConsoleTextDecoder {
    /// Writes at most `outputCapacity(for:)` bytes of valid UTF-8 to `output` when it is not nil.
    static func decode(
        _ raw: UnsafeRawBufferPointer, into output: UnsafeMutablePointer<UInt8>?
    ) -> (analysis: LineAnalysis, written: Int) {
        var analysis = LineAnalysis()
        guard let base = raw.baseAddress else { return (analysis, 0) }
        let count = raw.count
        var index = 0
        var written = 0
        while index < count {
            let byte = base.load(fromByteOffset: index, as: UInt8.self)
            if byte >= 0x20 && byte < 0x7F || byte == 0x09 {
                let end = byte == 0x09 ? index + 1 : printableRunEnd(base, from: index + 1, count: count)
                let length = end - index
                output?.advanced(by: written).update(from: (base + index).assumingMemoryBound(to: UInt8.self), count: length)
                written += length
                analysis.textBytes += length
                index = end
                continue
            }
            if byte == 0x1B {
                let escape = escapeExtent(base, at: index, count: count)
                analysis.flags.insert(.ansiStripped)
                if escape.isMalformed {
                    analysis.malformedEscapeBytes += escape.length
                    analysis.textBytes += escape.length
                } else {
                    analysis.escapeSequences += 1
                }
                index += escape.length
                continue
            }
            if byte < 0x80 {
                analysis.textBytes += 1
                if byte == 0 {
                    analysis.nulBytes += 1
                    analysis.flags.insert(.nul)
                } else {
                    analysis.controlBytes += 1
                    analysis.flags.insert(.controlBytes)
                }
                // U+2400 CONTROL PICTURES: a visible stand-in that cannot be mistaken for text.
                if let output {
                    output[written] = 0xE2
                    output[written + 1] = 0x90
                    output[written + 2] = byte == 0x7F ? 0xA1 : 0x80 + byte
                }
                written += 3
                index += 1
                continue
            }
            let sequence = utf8Sequence(base, at: index, count: count)
            analysis.textBytes += sequence.length
            if sequence.isValid {
                if byte == 0xC2 && base.load(fromByteOffset: index + 1, as: UInt8.self) < 0xA0 {
                    analysis.controlBytes += 2
                    analysis.flags.insert(.controlBytes)
                } else if byte == 0xEF && isReplacementCharacter(base, at: index) {
                    // U+FFFD is what a terminal, a browser or a forum wrote for bytes it could not
                    // decode: a wrong-baud line copied from one of them arrives as these.
                    analysis.invalidUTF8Sequences += 1
                    analysis.invalidUTF8Bytes += sequence.length
                    analysis.replacementCharacterBytes += sequence.length
                    analysis.flags.insert(.invalidUTF8)
                }
                output?.advanced(by: written).update(from: (base + index).assumingMemoryBound(to: UInt8.self), count: sequence.length)
                written += sequence.length
            } else {
                analysis.invalidUTF8Sequences += 1
                analysis.invalidUTF8Bytes += sequence.length
                analysis.flags.insert(.invalidUTF8)
                if let output {
                    output[written] = 0xEF
                    output[written + 1] = 0xBF
                    output[written + 2] = 0xBD
                }
                written += 3
            }
            index += sequence.length
        }
        return (analysis, written)
    }

    /// Every input byte becomes at most 3 output bytes (a control picture or U+FFFD).
    static func outputCapacity(for count: Int) -> Int { count * 3 }

    /// End of the run of printable ASCII (0x20…0x7E) starting at `start`, 8 bytes at a time.
    @inline(__always)
    static func printableRunEnd(_ base: UnsafeRawPointer, from start: Int, count: Int) -> Int {
        var index = start
        while index + 8 <= count {
            let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if !isPrintableASCII(word) { break }
            index += 8
        }
        while index < count {
            let byte = base.load(fromByteOffset: index, as: UInt8.self)
            if byte < 0x20 || byte >= 0x7F { break }
            index += 1
        }
        return index
    }

    /// True when all 8 bytes are in 0x20…0x7E (SWAR: no high bit, none below 0x20, no DEL).
    @inline(__always)
    static func isPrintableASCII(_ word: UInt64) -> Bool {
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        let belowSpace = (word &- 0x2020_2020_2020_2020) & ~word & highBits
        let delete = word ^ 0x7F7F_7F7F_7F7F_7F7F
        let hasDelete = (delete &- ones) & ~delete & highBits
        return (word & highBits) | belowSpace | hasDelete == 0
    }

    /// Length of the escape sequence at `start` (an ESC byte) and whether a byte that cannot
    /// continue it broke it off.
    static func escapeExtent(_ base: UnsafeRawPointer, at start: Int, count: Int) -> (length: Int, isMalformed: Bool) {
        @inline(__always) func byte(_ index: Int) -> UInt8 { base.load(fromByteOffset: index, as: UInt8.self) }
        var index = start + 1
        guard index < count else { return (1, false) }
        let introducer = byte(index)
        index += 1
        switch introducer {
        case UInt8(ascii: "["):
            while index < count, (0x30...0x3F).contains(byte(index)) { index += 1 }
            while index < count, (0x20...0x2F).contains(byte(index)) { index += 1 }
            guard index < count else { return (index - start, false) }
            if (0x40...0x7E).contains(byte(index)) { return (index + 1 - start, false) }
            return (index - start, true)
        case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"), UInt8(ascii: "_"):
            while index < count {
                let current = byte(index)
                if current == 0x07 { return (index + 1 - start, false) }
                if current == 0x1B {
                    if index + 1 < count && byte(index + 1) == UInt8(ascii: "\\") { return (index + 2 - start, false) }
                    if index + 1 == count { return (count - start, false) }
                    return (index - start, true)
                }
                if current < 0x20 || current == 0x7F { return (index - start, true) }
                index += 1
            }
            return (count - start, false)
        case UInt8(ascii: "N"), UInt8(ascii: "O"):
            guard index < count else { return (index - start, false) }
            if (0x20...0x7E).contains(byte(index)) { return (index + 1 - start, false) }
            return (index - start, true)
        case 0x20...0x2F:
            while index < count, (0x20...0x2F).contains(byte(index)) { index += 1 }
            guard index < count else { return (index - start, false) }
            if (0x30...0x7E).contains(byte(index)) { return (index + 1 - start, false) }
            return (index - start, true)
        case 0x30...0x7E:
            return (2, false)
        default:
            return (1, true)
        }
    }

    /// Whether the valid three-byte sequence at `start` is U+FFFD (EF BF BD).
    @inline(__always)
    static func isReplacementCharacter(_ base: UnsafeRawPointer, at start: Int) -> Bool {
        base.load(fromByteOffset: start + 1, as: UInt8.self) == 0xBF && base.load(fromByteOffset: start + 2, as: UInt8.self) == 0xBD
    }

    /// The UTF-8 sequence starting at `start` (a byte ≥ 0x80): its length if valid, otherwise
    /// the length of its maximal ill-formed subpart (Unicode §3.9, Table 3-7), at least 1.
    @inline(__always)
    static func utf8Sequence(_ base: UnsafeRawPointer, at start: Int, count: Int) -> (length: Int, isValid: Bool) {
        let lead = base.load(fromByteOffset: start, as: UInt8.self)
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return (1, false)
        }
        for offset in 1..<length {
            let index = start + offset
            guard index < count else { return (offset, false) }
            let next = base.load(fromByteOffset: index, as: UInt8.self)
            let range = offset == 1 ? secondRange : 0x80...0xBF
            if !range.contains(next) { return (offset, false) }
        }
        return (length, true)
    }
}
