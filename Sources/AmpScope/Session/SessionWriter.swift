import Foundation

/// Writes a session directory: the lossless record file plus a JSON copy of the header.
/// Records are buffered in memory and handed to the kernel by `flush()`, which the capture
/// engine calls at least every 100 ms; `sync()` forces them to disk.
public final class SessionWriter {
    public let directory: String
    public let header: SessionHeader
    private let records: FileSink
    private let syncQueue = DispatchQueue(label: "ampscope session sync")

    public init(directory: String, header: SessionHeader) throws(SessionError) {
        self.directory = directory
        self.header = header
        try SessionWriter.prepareDirectory(directory)
        records = try FileSink(creating: directory + "/" + SessionFormat.fileName)
        records.append(SessionFormat.magicLine())
        do {
            try records.withPending { buffer in try SessionFormat.encode(.header(header), into: &buffer) }
        } catch {
            throw .malformedRecord("header could not be encoded: \(error)")
        }
        try records.flush()
        try writeHeaderCopy()
    }

    /// Creates the directory; an existing empty one is fine, a non-empty one is refused
    /// so that no earlier capture is ever overwritten.
    static func prepareDirectory(_ path: String) throws(SessionError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue, (try? manager.contentsOfDirectory(atPath: path).isEmpty) == true else {
                throw .directoryNotEmpty(path)
            }
            return
        }
        do {
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path, errno: Int32((error as NSError).code == 513 ? EACCES : EIO))
        }
    }

    private func writeHeaderCopy() throws(SessionError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let path = directory + "/" + SessionFormat.headerCopyName
        let sink = try FileSink(creating: path)
        if let data = try? encoder.encode(header) {
            sink.append(data)
            sink.append([0x0A])
        }
        try sink.close()
    }

    public var hasPendingBytes: Bool { records.hasPending }

    public func append(_ record: SessionRecord) {
        records.withPending { buffer in
            // Encoding chunks and our own Codable values cannot fail.
            try? SessionFormat.encode(record, into: &buffer)
        }
    }

    public func flush() throws(SessionError) { try records.flush() }
    public func sync() { records.sync() }

    /// fdatasync on a queue of its own: on an SD card or a busy disk it can take tens of
    /// milliseconds, and the capture thread must not be late for the next read's timestamp.
    public func syncInBackground() {
        let descriptor = records.descriptor
        syncQueue.async { _ = fdatasync(descriptor) }
    }

    public func close() throws(SessionError) {
        syncQueue.sync {}
        try records.close()
    }
}
