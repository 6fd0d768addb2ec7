/// The per-finding and per-boot records of `ampscope analyze --format json`, written as
/// JSONEncoder with sorted keys writes them (keys here in that order; optionals left out when nil,
/// as synthesized Codable does) but without its cost per record; the probe's facts of a boot,
/// rare and large, come encoded by JSONEncoder.
extension JSONBytes {
    mutating func finding(_ finding: Finding) {
        raw("{")
        key("boot"); int(finding.boot); comma()
        key("confidence"); string(finding.confidence.rawValue); comma()
        key("evidence"); raw("[")
        for (index, line) in finding.evidence.enumerated() {
            if index > 0 { comma() }
            evidence(line)
        }
        raw("]"); comma()
        if let facts = finding.facts {
            key("facts"); raw("[")
            for (index, fact) in facts.enumerated() {
                if index > 0 { comma() }
                raw("{"); key("name"); string(fact.name); comma(); key("role"); string(fact.role); comma(); key("value"); string(fact.value); raw("}")
            }
            raw("]"); comma()
        }
        key("fix"); string(finding.fix); comma()
        key("message"); string(finding.message); comma()
        key("references"); strings(finding.references); comma()
        key("rule"); string(finding.rule); comma()
        key("severity"); string(finding.severity.rawValue); comma()
        key("signature"); string(finding.signature); comma()
        key("title"); string(finding.title)
        raw("}")
    }

    mutating func evidence(_ line: FindingEvidence) {
        raw("{")
        if let captureTime = line.captureTime { key("captureTime"); int(captureTime); comma() }
        key("console"); string(line.console); comma()
        key("consoleID"); int(line.consoleID); comma()
        key("lineNumber"); int(line.lineNumber); comma()
        key("role"); string(line.role); comma()
        key("text"); string(line.text)
        if let time = line.time { comma(); key("time"); int(time) }
        raw("}")
    }

    /// `boardFacts`, when the boot has them, comes already encoded: it is rare (a probe ran) and large.
    mutating func bootRecord(_ record: BootRecord, encodedBoardFacts: String?) {
        raw("{")
        if let encodedBoardFacts { key("boardFacts"); raw(encodedBoardFacts); comma() }
        key("boundary"); string(record.boundary.rawValue); comma()
        if let duration = record.duration { key("duration"); int(duration); comma() }
        if let seconds = record.durationSeconds { key("durationSeconds"); double(seconds); comma() }
        key("endsWithInput"); bool(record.endsWithInput); comma()
        key("findings"); int(record.findings); comma()
        key("index"); int(record.index); comma()
        key("phases"); raw("{")
        for (index, console) in Self.sortedKeys(record.phases.keys).enumerated() {
            if index > 0 { comma() }
            string(console); raw(":[")
            for (position, phase) in record.phases[console]!.enumerated() {
                if position > 0 { comma() }
                raw("{")
                key("phase"); string(phase.phase.rawValue); comma()
                key("start"); placement(phase.start)
                raw("}")
            }
            raw("]")
        }
        raw("}}")
    }

    mutating func placement(_ placement: TimelinePlacement) {
        raw("{")
        key("source"); string(placement.source.rawValue); comma()
        if let time = placement.time { key("time"); int(time); comma() }
        key("uncertainty"); int(placement.uncertainty)
        raw("}")
    }
}
