extension ProbeStep {
    /// The step of a probe note in a session written before `probeStep` existed, which only the
    /// note's text told: read once, where the record is decoded, so no reader matches text.
    init?(legacyNote record: ControlRecord) {
        guard record.kind == .note, record.source == "probe", let detail = record.detail else { return nil }
        if detail == "probe: running the read-only commands" {
            self = .commandsStarted
        } else if detail.hasPrefix("probe: done") {
            self = .done
        } else if detail == "probe: reading U-Boot's environment" {
            self = .ubootEnvironmentStarted
        } else if detail.hasPrefix("probe: read ") {
            self = .ubootEnvironmentRead
        } else {
            return nil
        }
    }
}
