/// Finds where one log can be cut so that its stretches can be analyzed apart and give, put
/// together, what the reading of the whole log gives.
///
/// A cut goes before a line that the whole reading certainly starts a new boot with, and from
/// which everything the analysis carries is as a fresh reading has it. What carries over a
/// boundary is the line splitting's count of lines and bytes (handed over in `AnalysisResume`)
/// and the segmenter's memory of the boot before, which decides whether a banner starts a boot.
/// Every other state (clock model, lanes, phases, the boot under construction) starts anew at a
/// boundary. So a cut is taken only at a U-Boot banner (a `bootloader-start` event) after a
/// kernel line (one with a printk time) with no line between them that could start a boot (none
/// holds the literal of a definition that starts boots, and none has a printk time that could
/// go back): whatever boundary came last, that kernel line was recorded after it, so the
/// segmenter has seen the kernel and takes the banner as a boundary. Only a single application
/// console is cut (a merged log names consoles as it goes; a second console's banners start
/// boots too).
struct BootSplitter {
    /// Bytes a segment takes before the next good banner cuts it, unless told otherwise.
    static let defaultSegmentBytes = 1 << 20

    private let classifier: Classifier
    private let segmentBytes: Int
    private let kind: ConsoleKind
    /// Literals of the definitions whose events can start a boot on this console.
    private let boundaryLiterals: [[UInt8]]
    /// Literals of the definitions of `bootloader-start`.
    private let bannerLiterals: [[UInt8]]
    /// Boxed so its scan can run while the callback reads the splitter.
    private let lines: AssemblerBox
    private var bytesInSegment = 0
    /// A kernel line came after the last line that could have started a boot.
    private var afterKernelLine = false

    init(classifier: Classifier, console: TimelineConsole, segmentBytes: Int = defaultSegmentBytes) {
        self.classifier = classifier
        self.segmentBytes = segmentBytes
        kind = console.kind
        let definitions = classifier.definitions.filter { $0.console.applies(to: console.kind) }
        let starts = [BootSegmenter.bootloaderStart, BootSegmenter.kernelHandover, BootSegmenter.firmwareStart]
        boundaryLiterals = Array(Set(definitions.filter { starts.contains($0.event) }.map { Array($0.literal.utf8) }))
        bannerLiterals = Array(Set(definitions.filter { $0.event == BootSegmenter.bootloaderStart }.map { Array($0.literal.utf8) }))
        lines = AssemblerBox(LineAssembler(console: console.id))
    }

    /// Whether `console` alone can be cut: an application console, which starts boots only at its own lines.
    static func canSplit(_ consoles: [TimelineConsole]) -> Bool {
        consoles.count == 1 && consoles[0].kind == .application
    }

    /// Reads one chunk of the console; where a new segment starts in it (an offset into its
    /// bytes, with the line splitting's counts before that point), if it does.
    mutating func cut(_ chunk: Chunk) -> (offset: Int, resume: AnalysisResume)? {
        let chunkStart = lines.assembler.consumedBytes
        let looking = bytesInSegment + chunk.bytes.count >= segmentBytes
        var found: (offset: Int, resume: AnalysisResume)?
        chunk.bytes.withUnsafeBytes { bytes in
            lines.assembler.scan(bytes, time: chunk.time) { line in
                if looking, found == nil, afterKernelLine, line.byteOffset >= chunkStart, !line.isContinuation,
                   bytesInSegment + Int(line.byteOffset - chunkStart) >= segmentBytes, isBanner(line) {
                    found = (Int(line.byteOffset - chunkStart), AnalysisResume(lineCounts: [line.number - 1], byteCounts: [line.byteOffset]))
                }
                if PrintkTime.parse(line.raw) != nil {
                    afterKernelLine = true
                } else if afterKernelLine, boundaryLiterals.contains(where: { Self.contains(line.raw, $0) }) {
                    afterKernelLine = false
                }
            }
        }
        if let found {
            bytesInSegment = chunk.bytes.count - found.offset
        } else {
            bytesInSegment += chunk.bytes.count
        }
        return found
    }

    private func isBanner(_ line: LineView) -> Bool {
        guard bannerLiterals.contains(where: { Self.contains(line.raw, $0) }),
              let event = classifier.classify(line, consoleKind: kind) else { return false }
        return event.name.equalsLengthFirst(BootSegmenter.bootloaderStart)
    }

    static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, let base = haystack.baseAddress, haystack.count >= needle.count else { return false }
        let end = base + haystack.count
        var start = base
        while true {
            let found = ByteSearch.first(first, from: start, to: end - needle.count + 1)
            guard found < end - needle.count + 1 else { return false }
            if needle.indices.allSatisfy({ found.load(fromByteOffset: $0, as: UInt8.self) == needle[$0] }) { return true }
            start = found + 1
        }
    }
}
