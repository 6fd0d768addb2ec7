/// What one line's raw bytes contain, counted in a single pass without allocating.
///
/// The garbage score is the fraction of the line's non-escape bytes that a correctly configured
/// UART would almost never deliver inside a line: bytes of invalid UTF-8, C0/C1 control bytes
/// other than TAB (CR and LF never occur inside a line), DEL, NUL, and bytes of malformed escape
/// sequences. Well-formed (or line-end-truncated) ANSI/VT100 sequences are left out of both the
/// count and the total, so colour codes do not raise the score. Valid multi-byte UTF-8 counts as
/// clean text: random bytes from a wrong baud rate almost never form it (a lead byte must be
/// followed by the exact number of 10xxxxxx bytes), while real logs use it for `°C`, `µs`, `–`
/// or text in any language. A wrong-baud line such as `���?��q����0��3�9�8�hN` scores about
/// 0.5–1; normal text scores 0, or a few percent when it holds a stray backspace or bell.
public struct LineAnalysis: Sendable, Hashable {
    /// Which kinds of content were found (only the content flags of `LineText.Flags`).
    public var flags: LineText.Flags = []
    /// Bytes looked at for the score: every byte except those of escape sequences.
    public var textBytes = 0
    /// Invalid UTF-8 sequences, each shown as one U+FFFD (maximal-subpart rule, as `String(decoding:)`).
    public var invalidUTF8Sequences = 0
    /// Bytes belonging to those invalid sequences.
    public var invalidUTF8Bytes = 0
    /// Bytes of U+FFFD characters already in the input (also in `invalidUTF8Bytes`): text that
    /// another tool decoded and could not, so garbage, but text rather than a binary file.
    public var replacementCharacterBytes = 0
    /// C0 control bytes other than TAB and NUL, DEL, and bytes of C1 controls (U+0080–U+009F).
    public var controlBytes = 0
    public var nulBytes = 0
    /// Escape sequences stripped from the text (CSI, OSC/DCS strings, charset selection, ESC x).
    public var escapeSequences = 0
    /// Bytes of escape sequences broken off by a byte that cannot continue them.
    public var malformedEscapeBytes = 0

    public init() {}

    public init(of raw: UnsafeRawBufferPointer) {
        self = ConsoleTextDecoder.decode(raw, into: nil).analysis
    }

    public init(of raw: some Collection<UInt8>) {
        if let analysis = raw.withContiguousStorageIfAvailable({ LineAnalysis(of: UnsafeRawBufferPointer($0)) }) {
            self = analysis
        } else {
            self = Array(raw).withUnsafeBytes { LineAnalysis(of: $0) }
        }
    }

    public var suspiciousBytes: Int { invalidUTF8Bytes + controlBytes + nulBytes + malformedEscapeBytes }

    /// 0…1: `suspiciousBytes / textBytes`, 0 for a line with no text bytes.
    public var garbageScore: Double {
        textBytes == 0 ? 0 : Double(suspiciousBytes) / Double(textBytes)
    }
}
