import AmpScope
import Foundation

// Prints MB/s (10^6 bytes/s) of line assembly over a generated boot-log stream: a 64 MB buffer
// scanned 16 times (1 GiB), beside `wc -l` and `grep -c ''` on the same bytes in the same run.

let bufferSize = 64 << 20
let passes = 16
let totalBytes = Double(bufferSize * passes)

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Best of `rounds` (the machine is shared; the best run is the least disturbed one).
func measure(_ label: String, bytes: Double, rounds: Int = 3, _ body: () -> Int) -> Double {
    var best = Double.infinity
    var result = 0
    for _ in 0..<rounds {
        let start = now()
        result = body()
        best = min(best, now() - start)
    }
    let rate = bytes / best / 1e6
    let padded = label.padding(toLength: 58, withPad: " ", startingAt: 0)
    print(padded + String(format: " %7.0f MB/s  (%.3f s, checksum %d)", rate, best, result))
    return rate
}

print("generating \(bufferSize >> 20) MiB of boot-log text...")
var generator = BootLogGenerator(seed: 42)
let buffer = generator.generate(count: bufferSize)
let newlines = buffer.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
print("lines: \(newlines) per pass, \(String(format: "%.1f", Double(bufferSize) / Double(newlines))) bytes/line")

let path = NSTemporaryDirectory() + "ampscope-line-benchmark-\(getpid()).log"
precondition(FileManager.default.createFile(atPath: path, contents: Data(buffer)), "cannot write \(path)")
defer { try? FileManager.default.removeItem(atPath: path) }

func scanAll(chunkSize: Int, analyze: Bool = false) -> Int {
    var assembler = LineAssembler(console: 0)
    var lines = 0
    var check = 0
    buffer.withUnsafeBytes { all in
        for _ in 0..<passes {
            var offset = 0
            while offset < all.count {
                let end = min(all.count, offset + chunkSize)
                assembler.scan(UnsafeRawBufferPointer(rebasing: all[offset..<end]), time: UInt64(offset)) { view in
                    lines += 1
                    check &+= view.raw.count
                    if analyze { check &+= view.analysis.suspiciousBytes }
                }
                offset = end
            }
        }
    }
    assembler.finishScan(time: 0) { _ in lines += 1 }
    return lines &+ check
}

func readAndScanFile() -> Int {
    var assembler = LineAssembler(console: 0)
    var lines = 0
    var readBuffer = [UInt8](repeating: 0, count: 1 << 20)
    for _ in 0..<passes {
        let descriptor = open(path, O_RDONLY)
        precondition(descriptor >= 0, "cannot open \(path)")
        while true {
            let count = readBuffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            readBuffer.withUnsafeBytes { bytes in
                assembler.scan(UnsafeRawBufferPointer(rebasing: bytes[0..<count]), time: 0) { _ in lines += 1 }
            }
        }
        close(descriptor)
    }
    return lines
}

func appendSlowPath() -> Int {
    var assembler = LineAssembler(console: 0)
    var lines = 0
    var offset = 0
    while offset < buffer.count {
        let end = min(buffer.count, offset + 4096)
        assembler.append(buffer[offset..<end], time: 0) { line in lines &+= 1 &+ line.raw.count }
        offset = end
    }
    return lines
}

func runTool(_ arguments: [String]) -> Int {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments + Array(repeating: path, count: passes)
    process.environment = ["LC_ALL": "C", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try! process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return output.count
}

let baselineRSS = peakRSSMegabytes()
print(String(format: "peak RSS before measuring: %.1f MB (input buffer + file write)", baselineRSS))
print("\(passes) passes = \(Int(totalBytes) >> 20) MiB per measurement, best of 3")
let scanMemory = measure("scan (LineView), 1 MiB chunks, in memory", bytes: totalBytes) { scanAll(chunkSize: 1 << 20) }
let scanSmall = measure("scan (LineView), 4 KiB chunks, in memory", bytes: totalBytes) { scanAll(chunkSize: 4096) }
let scanFile = measure("read(2) 1 MiB + scan, from the page cache", bytes: totalBytes) { readAndScanFile() }
let withAnalysis = measure("scan + LineAnalysis (garbage score) per line", bytes: totalBytes) { scanAll(chunkSize: 1 << 20, analyze: true) }
let slow = measure("append (owning Line, byte by byte), 1 pass", bytes: Double(bufferSize)) { appendSlowPath() }
let wc = measure("wc -l (same file x\(passes))", bytes: totalBytes) { runTool(["wc", "-l"]) }
let grep = measure("grep -c '' (same file x\(passes), LC_ALL=C)", bytes: totalBytes) { runTool(["grep", "-c", ""]) }
print(String(format: "ratio read+scan / wc -l: %.2f   read+scan / grep -c '': %.2f", scanFile / wc, scanFile / grep))
print(String(format: "ratio scan in memory / wc -l: %.2f   scan in memory / grep -c '': %.2f", scanMemory / wc, scanMemory / grep))
_ = (scanSmall, withAnalysis, slow)
let finalRSS = peakRSSMegabytes()
print(String(format: "peak RSS: %.1f MB, %.1f MB more than before measuring", finalRSS, finalRSS - baselineRSS))
