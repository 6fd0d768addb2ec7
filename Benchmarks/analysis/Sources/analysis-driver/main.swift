import AmpScope
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// analysis-driver FILE [--no-classify] [--counts]
// Imports FILE (format auto-detected), splits it into lines with LineAssembler.scan and
// classifies every line as an A-core console line. Prints one summary line on stdout (bytes,
// lines, events, key events, detected format, in-process seconds); `--counts` adds the number
// of events per definition.

func printError(_ text: String) {
    _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
}

func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

func analyze(path: String, classifying: Bool, counting: Bool) throws {
    let started = monotonicSeconds()
    let classifier = try Classifier()
    let importer = try LogImporter(path: path, options: LogImportOptions(consoleName: "a7"))
    var assembler = LineAssembler(console: 0)
    var lines = 0
    var events = 0
    var keyEvents = 0
    var bytes = 0
    var eventTextBytes = 0
    var counts: [String: Int] = [:]
    func handle(_ line: LineView) {
        lines += 1
        guard classifying, let event = classifier.classify(line, consoleKind: .application) else { return }
        events += 1
        if event.isKey { keyEvents += 1 }
        eventTextBytes &+= event.text.utf8.count &+ event.fields.count
        if counting { counts[event.definitionID, default: 0] += 1 }
    }
    while let chunk = try importer.next() {
        bytes += chunk.bytes.count
        chunk.bytes.withUnsafeBytes { raw in assembler.scan(raw, time: chunk.time, handle) }
    }
    assembler.finishScan(time: 0, handle)
    let elapsed = monotonicSeconds() - started
    print("bytes \(bytes) lines \(lines) events \(events) key \(keyEvents) eventText \(eventTextBytes) format \(importer.detection.format.rawValue) seconds \(elapsed)")
    for (id, count) in counts.sorted(by: { $0.value > $1.value }) { print("  \(count)\t\(id)") }
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    printError("usage: analysis-driver FILE [--no-classify] [--counts]\n")
    exit(2)
}
do {
    try analyze(path: arguments[1], classifying: !arguments.contains("--no-classify"), counting: arguments.contains("--counts"))
} catch {
    printError("analysis-driver: \(error)\n")
    exit(1)
}
