import Foundation
@testable import AmpScope
@testable import AmpScopeTestSupport

/// Writes `bytes` to a fresh temporary file and imports it, returning every chunk and the summary.
struct ImportRun {
    var chunks: [Chunk]
    var summary: ImportedLog
    var detection: LogDetection

    /// Each chunk's bytes as text (lossless for the ASCII samples the tests use).
    var texts: [String] { chunks.map { String(decoding: $0.bytes, as: UTF8.self) } }
    var times: [UInt64] { chunks.map(\.time) }
    var allBytes: [UInt8] { chunks.flatMap(\.bytes) }
}

enum ImportFixture {
    static func file(_ bytes: [UInt8], name: String = "log.txt") throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ampscope-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown)
        }
        return path
    }

    static func file(_ text: String, name: String = "log.txt") throws -> String {
        try file(Array(text.utf8), name: name)
    }

    static func run(_ bytes: [UInt8], options: LogImportOptions = LogImportOptions()) throws -> ImportRun {
        let path = try file(bytes)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let importer = try LogImporter(path: path, options: options)
        var chunks: [Chunk] = []
        let summary = try importer.importAll { chunks.append($0) }
        return ImportRun(chunks: chunks, summary: summary, detection: importer.detection)
    }

    static func run(_ text: String, options: LogImportOptions = LogImportOptions()) throws -> ImportRun {
        try run(Array(text.utf8), options: options)
    }

    static let millisecond: UInt64 = 1_000_000
    static let second: UInt64 = 1_000_000_000
}
