import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

@Suite struct LineAssemblerTests {
    private func both(_ chunks: [String], cap: Int = 1 << 16) -> [Line] {
        let bytes = chunks.map { [UInt8]($0) }
        let slow = LineHarness.slowLines(bytes, cap: cap)
        let fast = LineHarness.fastLines(bytes, cap: cap)
        #expect(slow == fast, "append and scan disagree")
        return slow
    }

    private func texts(_ lines: [Line]) -> [String] { lines.map { String(decoding: $0.raw, as: UTF8.self) } }

    @Test func lfEndings() {
        let lines = both(["U-Boot 2018.03\nDRAM:  1 GiB\n"])
        #expect(texts(lines) == ["U-Boot 2018.03", "DRAM:  1 GiB"])
        #expect(lines.map(\.ending) == [.lf, .lf])
        #expect(lines.map(\.number) == [1, 2])
        #expect(lines.map(\.byteOffset) == [0, 15])
        #expect(lines.allSatisfy { $0.console == 3 && !$0.isCut && !$0.isContinuation })
    }

    @Test func crlfEndingsWithLeadingBlankLine() {
        // M4 demos print "\r\n" before their banner (DOMAIN.md §5): an empty first line.
        let lines = both(["\r\nRPMSG String Echo FreeRTOS RTOS API Demo...\r\n"])
        #expect(texts(lines) == ["", "RPMSG String Echo FreeRTOS RTOS API Demo..."])
        #expect(lines.map(\.ending) == [.crlf, .crlf])
        #expect(lines.map(\.byteOffset) == [0, 2])
    }

    @Test func crOnlyEndingsAndStreamEnd() {
        let lines = both(["one\rtwo\rthree"])
        #expect(texts(lines) == ["one", "two", "three"])
        #expect(lines.map(\.ending) == [.cr, .cr, .none])
        #expect(!lines[2].isCut)
        #expect(lines[2].endTime == LineHarness.finishTime)
        #expect(lines[0].flags.contains(.crOnlyEnding))
        #expect(!lines[2].flags.contains(.crOnlyEnding))
    }

    @Test func crAtStreamEndIsCROnlyEnding() {
        let lines = both(["done\r"])
        #expect(texts(lines) == ["done"])
        #expect(lines.map(\.ending) == [.cr])
        #expect(lines[0].endTime == LineHarness.time(ofChunk: 0))
    }

    @Test func crlfSplitAcrossChunks() {
        let lines = both(["Starting kernel ...\r", "\nBooting Linux\r", "\n"])
        #expect(texts(lines) == ["Starting kernel ...", "Booting Linux"])
        #expect(lines.map(\.ending) == [.crlf, .crlf])
        // The line started in chunk 0 and ended with the LF of chunk 1.
        #expect(lines[0].firstByteTime == LineHarness.time(ofChunk: 0))
        #expect(lines[0].endTime == LineHarness.time(ofChunk: 1))
        #expect(lines[1].byteOffset == 21)
        #expect(lines[1].firstByteTime == LineHarness.time(ofChunk: 1))
        #expect(lines[1].endTime == LineHarness.time(ofChunk: 2))
    }

    @Test func emptyCRLFLineSplitAcrossChunks() {
        let lines = both(["x\n\r", "\n"])
        #expect(texts(lines) == ["x", ""])
        #expect(lines[1].ending == .crlf)
        #expect(lines[1].byteOffset == 2)
        #expect(lines[1].firstByteTime == LineHarness.time(ofChunk: 0))
        #expect(lines[1].endTime == LineHarness.time(ofChunk: 1))
    }

    @Test func loneCRAtChunkEndFollowedByText() {
        let lines = both(["50%\r", "100%\n"])
        #expect(texts(lines) == ["50%", "100%"])
        #expect(lines.map(\.ending) == [.cr, .lf])
        // A lone CR's line ends when the CR arrived, not when the next byte proved it lone.
        #expect(lines[0].endTime == LineHarness.time(ofChunk: 0))
        #expect(lines[1].byteOffset == 4)
    }

    @Test func progressCounterOverwritesAreSeparateLines() {
        let stream = "Loading: ##########\r####\r#################\ndone\n"
        let lines = both([stream])
        #expect(texts(lines) == ["Loading: ##########", "####", "#################", "done"])
        #expect(lines.map(\.ending) == [.cr, .cr, .lf, .lf])
        #expect(LineHarness.rebuild(lines) == [UInt8](stream))
    }

    @Test func crCrLfGivesACROnlyLineThenAnEmptyCRLFLine() {
        // What ONLCR makes of a program's own "\r\n": documented, exact, lossless.
        let lines = both(["login: \r\r\n"])
        #expect(texts(lines) == ["login: ", ""])
        #expect(lines.map(\.ending) == [.cr, .crlf])
    }

    @Test func partialHoldsTheUnfinishedLine() {
        var assembler = LineAssembler(console: 0)
        var lines: [Line] = []
        assembler.append([UInt8]("abc\nde"), time: 1) { lines.append($0) }
        #expect(assembler.partial == [UInt8]("de"))
        "f\r".utf8.withContiguousStorageIfAvailable { buffer in
            assembler.scan(UnsafeRawBufferPointer(buffer), time: 2) { lines.append($0.makeLine()) }
        }
        #expect(assembler.partial == [UInt8]("def"))
        #expect(assembler.consumedBytes == 8)
        #expect(lines.count == 1)
        #expect(assembler.lineCount == 1)
    }

    @Test func capCutsOnlyWhenMoreThanTheCapArrived() {
        let exact = both(["abcd\nabcdef\n"], cap: 4)
        #expect(texts(exact) == ["abcd", "abcd", "ef"])
        #expect(exact.map(\.ending) == [.lf, .none, .lf])
        #expect(exact.map(\.isCut) == [false, true, false])
        #expect(exact.map(\.isContinuation) == [false, false, true])
        #expect(exact.map(\.byteOffset) == [0, 5, 9])
        #expect(exact[1].flags.contains(.cutAtLengthCap))
        #expect(exact[2].flags.contains(.continuation))
        // A line of exactly the cap whose CR LF arrives later stays whole.
        let split = both(["abcd", "\r", "\n"], cap: 4)
        #expect(texts(split) == ["abcd"])
        #expect(split[0].ending == .crlf)
    }

    @Test func cutPieceTimesFollowTheirBytes() {
        let lines = both(["abcd", "ef\n"], cap: 4)
        #expect(lines[0].isCut)
        #expect(lines[0].endTime == LineHarness.time(ofChunk: 0))
        #expect(lines[1].firstByteTime == LineHarness.time(ofChunk: 1))
        #expect(lines[1].byteOffset == 4)
    }

    @Test func tenMegabyteLineStaysBounded() throws {
        let cap = 1 << 16
        let total = 10 * 1024 * 1024 + 12_345
        var stream = [UInt8](repeating: 0, count: total)
        for index in stream.indices { stream[index] = UInt8(0x21 + index % 90) }
        stream += [0x0D, 0x0A]
        var assembler = LineAssembler(console: 1, maximumLineLength: cap)
        var largestPiece = 0
        var largestHeld = 0
        var pieces = 0
        var rebuilt: [UInt8] = []
        rebuilt.reserveCapacity(stream.count)
        var lastEnding: LineEnding = .none
        var chunkStart = 0
        var chunkSize = 1000
        // Chunks of varying size, including ones bigger than the cap.
        while chunkStart < stream.count {
            let end = min(stream.count, chunkStart + chunkSize)
            stream[chunkStart..<end].withUnsafeBytes { bytes in
                assembler.scan(bytes, time: 7) { view in
                    largestPiece = max(largestPiece, view.raw.count)
                    pieces += 1
                    #expect(view.isCut == (view.ending == .none))
                    #expect(view.isContinuation == (view.number > 1))
                    #expect(view.byteOffset == UInt64(rebuilt.count))
                    rebuilt += view.raw
                    lastEnding = view.ending
                }
            }
            largestHeld = max(largestHeld, assembler.partial.count)
            chunkStart = end
            chunkSize = chunkSize * 7 % 300_007 + 1
        }
        assembler.finishScan(time: 8) { _ in Issue.record("nothing should be left after the CR LF") }
        #expect(largestPiece == cap)
        #expect(largestHeld <= cap)
        #expect(pieces == (total + cap - 1) / cap)
        #expect(lastEnding == .crlf)
        #expect(rebuilt == Array(stream.dropLast(2)))

        // The byte-by-byte path holds no more than the cap either.
        var slow = LineAssembler(console: 1, maximumLineLength: cap)
        var slowLargest = 0
        var slowPieces = 0
        slow.append(stream, time: 7) { line in
            slowLargest = max(slowLargest, line.raw.count)
            slowPieces += 1
        }
        #expect(slowLargest == cap)
        #expect(slowPieces == pieces)
    }

    @Test func offsetsAndNumbersFollowTheStream() {
        var stream: [UInt8] = []
        var expectedOffsets: [UInt64] = []
        let endings: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D]]
        for index in 0..<500 {
            expectedOffsets.append(UInt64(stream.count))
            stream += [UInt8](repeating: UInt8(ascii: "a") + UInt8(index % 26), count: index % 37)
            // A CR before an empty LF-terminated line would be a CR LF: use LF there instead.
            let nextIsEmpty = (index + 1) % 37 == 0
            stream += index % 3 == 2 && nextIsEmpty ? [0x0A] : endings[index % 3]
        }
        let chunks = stride(from: 0, to: stream.count, by: 97).map { Array(stream[$0..<min(stream.count, $0 + 97)]) }
        for lines in [LineHarness.slowLines(chunks), LineHarness.fastLines(chunks)] {
            #expect(lines.count == 500)
            #expect(lines.map(\.byteOffset) == expectedOffsets)
            #expect(lines.map(\.number) == Array(1...500))
            #expect(lines.map(\.raw.count) == (0..<500).map { $0 % 37 })
            #expect(LineHarness.rebuild(lines) == stream)
        }
    }

    @Test func losslessOnMixedConsoleOutput() {
        let stream = [UInt8]("\r\nU-Boot SPL\r\n\u{1B}[0;32m OK \u{1B}[0m\nLoading: ###\r#####\r\r\n")
            + [0xFF, 0xFE, 0x00, 0x0D] + [UInt8]("Hit any key to stop autoboot:  2\u{08}\u{08}\u{08} 1")
        for cut in 1...stream.count {
            let chunks = [Array(stream[..<cut]), Array(stream[cut...])]
            for cap in [1, 3, 64] {
                let slow = LineHarness.slowLines(chunks, cap: cap)
                #expect(LineHarness.rebuild(slow) == stream)
                #expect(LineHarness.fastLines(chunks, cap: cap) == slow)
                #expect(slow.map(LineHarness.expected) == LineHarness.referenceSplit(stream, cap: cap))
            }
        }
    }
}
