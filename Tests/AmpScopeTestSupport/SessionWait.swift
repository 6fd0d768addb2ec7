import AmpScope
import Foundation

/// The control records of a session, read while the capture may still be writing it (the
/// reader stops at the last whole record).
func controlRecords(_ reader: SessionReader) -> [ControlRecord] {
    Array(reader).compactMap { record in
        if case .control(let control) = record { return control }
        return nil
    }
}

/// The control records of the session in `directory` so far (none while it does not exist yet).
func controlRecords(_ directory: String) -> [ControlRecord] {
    guard let reader = try? SessionReader(directory: directory) else { return [] }
    return controlRecords(reader)
}

/// How many bytes of `console` the session in `directory` holds so far.
func recordedBytes(_ directory: String, console: UInt16) -> Int {
    guard let reader = try? SessionReader(directory: directory) else { return 0 }
    return reader.reduce(0) { total, record in
        if case .chunk(let chunk) = record, chunk.console == console { return total + chunk.bytes.count }
        return total
    }
}

/// Waits until the session being written holds `count` control records that match.
func waitForRecord(_ directory: String, _ what: String, count: Int = 1, _ matches: (ControlRecord) -> Bool) throws {
    try waitUntil("\(directory): \(what)") { controlRecords(directory).filter(matches).count >= count }
}

/// Waits until the session being written holds `count` bytes of `console`.
func waitForBytes(_ directory: String, console: UInt16, count: Int) throws {
    try waitUntil("\(directory): \(count) bytes of console \(console) recorded (\(recordedBytes(directory, console: console)) so far)") {
        recordedBytes(directory, console: console) >= count
    }
}
