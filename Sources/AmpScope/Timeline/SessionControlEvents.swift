/// Turns a session's control records into timeline events: what the user typed (assembled into
/// lines at CR/LF, so "modprobe imx_rpmsg_pingpong" appears where it was sent), markers, and
/// gaps where a console could not be read. Gaps and hangups are not console lines: they stay
/// out of the key events (and so out of the boot's extent) and are reported as warnings, except
/// the hangup of every port at the very end of the input, which is just the capture ending.
struct SessionControlEvents {
    private var typed: [UInt16: [UInt8]] = [:]
    private var typedStart: [UInt16: UInt64] = [:]

    static let captureEndedName = "capture-ended"

    /// Events for one record; `position` gives a console's current line number and byte offset.
    /// `captureEnded`: the record is a hangup at the end of the input, where every port hung up.
    mutating func events(
        for record: ControlRecord, defaultConsole: UInt16, captureEnded: Bool = false, consoleName: (UInt16) -> String,
        position: (UInt16) -> (Int, UInt64)
    ) -> (events: [Event], warning: String?) {
        let console = record.console ?? defaultConsole
        let (lineNumber, offset) = position(console)
        func event(
            _ id: String, _ name: String, _ severity: EventSeverity, _ text: String, isKey: Bool = true, fields: EventFields = [:],
            start: UInt64? = nil
        ) -> Event {
            Event(
                definitionID: id, name: name, severity: severity, phase: nil, isKey: isKey, console: console,
                lineNumber: lineNumber, byteOffset: offset, firstByteTime: start ?? record.time, endTime: record.time,
                targetTime: nil, fields: fields, text: text)
        }
        switch record.kind {
        case .input:
            var made: [Event] = []
            for byte in record.bytes ?? [] {
                if byte == 0x0D || byte == 0x0A {
                    if let line = typed.removeValue(forKey: console), !line.isEmpty {
                        let text = line.withUnsafeBytes { LineText.render($0).text }
                        // The probe's commands are listed, not key events: its note says it ran.
                        let probe = record.source == ProbeRecords.source
                        made.append(event("session.user-input", "user-typed", .info, text, isKey: !probe, fields: ["source": record.source ?? "keyboard"], start: typedStart[console]))
                    }
                    typedStart[console] = nil
                } else {
                    if typed[console, default: []].isEmpty { typedStart[console] = record.time }
                    typed[console, default: []].append(byte)
                }
            }
            return (made, nil)
        case .marker:
            return ([event("session.marker", "user-marker", .notice, record.detail ?? "marker")], nil)
        case .gap:
            let length = record.gapStart.map { BootBuilder.milliseconds(Int64(bitPattern: record.time &- $0)) }
            let text = "no bytes could be received" + (length.map { " for \($0)" } ?? "") + (record.detail.map { ": \($0)" } ?? "")
            return ([event("session.console-gap", "console-gap", .warning, text, isKey: false, start: record.gapStart)], "\(consoleName(console)): \(text); output in that interval is lost")
        case .hangup where captureEnded:
            return ([event("session.capture-ended", Self.captureEndedName, .info, "capture ended: port closed", isKey: false)], nil)
        case .hangup:
            let text = "the port hung up" + (record.detail.map { ": \($0)" } ?? "")
            return ([event("session.console-gap", "console-gap", .warning, text, isKey: false)], "\(consoleName(console)): \(text); output until it was reopened is lost")
        case .loss:
            let text = record.detail ?? "bytes lost on the way"
            return ([event("session.console-loss", "console-loss", .warning, text, isKey: false)], "\(consoleName(console)): \(text); lines around it may be incomplete")
        case .note where record.source == ProbeRecords.source:
            let key = record.probeStep == .commandsStarted || record.probeStep == .done
            return ([event("session.probe", "probe", .info, record.detail ?? "probe", isKey: key)], nil)
        case .opened, .settingsApplied, .reopened, .closed, .stopped, .note:
            return ([], nil)
        }
    }
}
