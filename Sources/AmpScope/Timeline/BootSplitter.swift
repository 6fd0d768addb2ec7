/// Finds where one log can be cut so that its stretches can be analyzed apart and give, put
/// together, what the reading of the whole log gives.
///
/// A cut goes before a line that the whole reading certainly starts a new boot with, and from
/// which everything the analysis carries is as a fresh reading has it. What carries over a
/// boundary is the line splitting's count of lines and bytes (handed over in `AnalysisResume`)
/// and the segmenter's memory of the boot before, which decides whether a banner starts a boot.
/// Every other state (clock model, lanes, phases, the boot under construction) starts anew at a
/// boundary. So a cut is taken only at a U-Boot banner (a `bootloader-start` event) whose line
/// before is a kernel line (it has a printk time) that no definition able to start a boot can
/// match: whatever boundary came last, that kernel line was recorded after it, so the segmenter
/// has seen the kernel and takes the banner as a boundary. Only a single application console is
/// cut (a merged log names consoles as it goes, and a second console's banners start boots too).
struct BootSplitter {
    /// Bytes a segment takes before the next good banner cuts it.
    static let segmentBytes = 1 << 20

    private let classifier: Classifier
    private let kind: ConsoleKind
    /// Literals of the definitions whose events can start a boot on this console.
    private let boundaryLiterals: [[UInt8]]
    /// Literals of the definitions of `bootloader-start`.
    private let bannerLiterals: [[UInt8]]
    /// Boxed so its scan can run while the callback reads the splitter.
    private let lines: AssemblerBox
    private var bytesInSegment = 0
    /// The line before the next one is a kernel line no boundary definition can match.
    private var afterKernelLine = false

    init(classifier: Classifier, console: TimelineConsole) {
        self.classifier = classifier
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
        var found: (offset: Int, resume: AnalysisResume)?
        let looking = bytesInSegment + chunk.bytes.count >= Self.segmentBytes
        var lastLine: (offset: UInt64, count: Int)?
        chunk.bytes.withUnsafeBytes { bytes in
            lines.assembler.scan(bytes, time: chunk.time) { line in
                guard looking, found == nil else {
                    lastLine = (line.byteOffset, line.raw.count)
                    return
                }
                if afterKernelLine, line.byteOffset >= chunkStart, !line.isContinuation, isBanner(line),
                   bytesInSegment + Int(line.byteOffset - chunkStart) >= Self.segmentBytes {
                    found = (Int(line.byteOffset - chunkStart), AnalysisResume(lineCounts: [line.number - 1], byteCounts: [line.byteOffset]))
                }
                afterKernelLine = isQuietKernelLine(line.raw)
            }
        }
        if let lastLine {
            // Only the chunk's last line matters for a banner in the next chunk; read it where it lies.
            afterKernelLine = lastLine.offset >= chunkStart && chunk.bytes.withUnsafeBytes { bytes in
                let start = Int(lastLine.offset - chunkStart)
                return isQuietKernelLine(UnsafeRawBufferPointer(rebasing: bytes[start..<start + lastLine.count]))
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
        return BootSegmenter.same(event.name, BootSegmenter.bootloaderStart)
    }

    private func isQuietKernelLine(_ raw: UnsafeRawBufferPointer) -> Bool {
        PrintkTime.parse(raw) != nil && !boundaryLiterals.contains { Self.contains(raw, $0) }
    }

    static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, needle.indices.allSatisfy({ haystack[index + $0] == needle[$0] }) { return true }
            index += 1
        }
        return false
    }
}
