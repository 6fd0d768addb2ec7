import Foundation

/// Writes a timeline as one JSON document, boot by boot as the analyzer hands them out, so
/// nothing accumulates: `{"tool":…,"version":…,"boots":[` + one boot per `write` + `],"consoles":…,
/// "inputs":…,"warnings":…}`. The consoles and inputs come last because the analyzer knows them
/// for certain only at the end (formats detected, warnings collected). Keys within every object
/// are sorted; times are integer ns as in the model, plus `durationSeconds` per boot.
/// The layout is described in docs/timeline-json.md.
public struct TimelineJSONWriter {
    private let output: (String) throws -> Void
    private let encoder: JSONEncoder
    private var started = false
    private var bootsWritten = 0

    /// `output` receives the document in pieces, in order (e.g. writes them to stdout at once).
    public init(output: @escaping (String) throws -> Void) {
        self.output = output
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    public mutating func write(_ boot: BootTimeline) throws {
        try startIfNeeded()
        let text = try encoded(BootDocument(boot: boot))
        try output((bootsWritten == 0 ? "\n" : ",\n") + text)
        bootsWritten += 1
    }

    /// Closes the document; boots written since are an error of the caller.
    public mutating func finish(consoles: [TimelineConsole], inputs: [TimelineInput], warnings: [String]) throws {
        try startIfNeeded()
        let tail = "\n],\"consoles\":\(try encoded(consoles)),\"inputs\":\(try encoded(inputs)),\"warnings\":\(try encoded(warnings))}\n"
        try output(tail)
    }

    /// A whole timeline at once (its boots, then the rest).
    public mutating func write(_ timeline: Timeline) throws {
        for boot in timeline.boots { try write(boot) }
        try finish(consoles: timeline.consoles, inputs: timeline.inputs, warnings: timeline.warnings)
    }

    private mutating func startIfNeeded() throws {
        guard !started else { return }
        started = true
        try output("{\"tool\":\"ampscope\",\"version\":\(try encoded(AmpScopeVersion.string)),\"boots\":[")
    }

    private func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// A boot as the model encodes it, plus its duration in seconds for readers that want a number to print.
private struct BootDocument: Encodable {
    let boot: BootTimeline

    enum ExtraKeys: String, CodingKey {
        case durationSeconds
    }

    func encode(to encoder: any Encoder) throws {
        try boot.encode(to: encoder)
        var container = encoder.container(keyedBy: ExtraKeys.self)
        if let duration = boot.duration {
            try container.encode(Double(duration) / 1e9, forKey: .durationSeconds)
        } else {
            try container.encodeNil(forKey: .durationSeconds)
        }
    }
}
