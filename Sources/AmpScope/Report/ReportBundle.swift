import Foundation

/// `ampscope report --bundle`: one .tar.gz holding the report (report.md, report.html,
/// report.json), each console's text log and, for a session, its header, so a helper gets
/// everything in one file. Redacted like the report, with the same pseudonyms (the same
/// two-pass redactor over the same input): the logs line by line, session.json as text. A
/// redacted bundle leaves out session.amps, whose raw bytes cannot be redacted without
/// changing what was captured; `--no-redact` adds it.
public struct ReportBundle {
    public static let fileName = "ampscope-bundle.tar.gz"

    /// Writes the bundle into `directory` beside the report files already there; returns its path.
    public static func write(source: TimelineSource, reportDirectory directory: String, redactor: Redactor?) throws(ReportError) -> String {
        let fileManager = FileManager.default
        let name = "ampscope-bundle"
        let staging = NSTemporaryDirectory() + "ampscope-bundle-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let root = staging + "/" + name
        defer { try? fileManager.removeItem(atPath: staging) }
        var redactor = redactor
        do {
            try fileManager.createDirectory(atPath: root + "/logs", withIntermediateDirectories: true)
            for file in ["report.md", "report.html", "report.json"] {
                try fileManager.copyItem(atPath: directory + "/" + file, toPath: root + "/" + file)
            }
            switch source {
            case .session(let session):
                let files = try fileManager.contentsOfDirectory(atPath: session).sorted()
                for file in files where file.hasSuffix(".log") {
                    try copy(session + "/" + file, to: root + "/logs/" + file, redactor: &redactor)
                }
                try copy(session + "/" + SessionFormat.headerCopyName, to: root + "/" + SessionFormat.headerCopyName, redactor: &redactor)
                if redactor == nil { try fileManager.copyItem(atPath: session + "/" + SessionFormat.fileName, toPath: root + "/" + SessionFormat.fileName) }
            case .logs(let logs):
                for log in logs {
                    try copy(log.path, to: root + "/logs/" + log.consoleName + ".log", redactor: &redactor)
                }
            }
        } catch {
            throw ReportError("cannot gather the bundle's files in \(staging): \(error.localizedDescription); check free space in the temporary directory")
        }
        let path = directory + "/" + fileName
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-czf", path, "-C", staging, name]
        let errors = Pipe()
        tar.standardError = errors
        do {
            try tar.run()
        } catch {
            throw ReportError("cannot run tar to write \(path): \(error.localizedDescription); install tar (Debian: apt-get install tar gzip)")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        tar.waitUntilExit()
        guard tar.terminationStatus == 0 else {
            throw ReportError("tar could not write \(path) (exit \(tar.terminationStatus)): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return path
    }

    /// Copies a text file line by line through the redactor (streamed: memory stays flat).
    private static func copy(_ source: String, to destination: String, redactor: inout Redactor?) throws {
        guard var active = redactor else {
            try FileManager.default.copyItem(atPath: source, toPath: destination)
            return
        }
        guard let input = FileHandle(forReadingAtPath: source) else { return }
        defer { try? input.close() }
        FileManager.default.createFile(atPath: destination, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: destination))
        defer { try? output.close() }
        var pending: [UInt8] = []
        func emit(_ line: ArraySlice<UInt8>, newline: Bool) throws {
            let text = String(decoding: line, as: UTF8.self)
            try output.write(contentsOf: Data((active.redact(text) + (newline ? "\n" : "")).utf8))
        }
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
            pending.append(contentsOf: chunk)
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                try emit(pending[start..<newline], newline: true)
                start = newline + 1
            }
            pending.removeSubrange(pending.startIndex..<start)
        }
        if !pending.isEmpty { try emit(pending[...], newline: false) }
        redactor = active
    }
}
