/// Redaction of a whole report: every piece of log text (excerpts, evidence, event and line
/// texts, board, ports, adapters, input paths, warnings) goes through one `Redactor`, so a value
/// has the same pseudonym everywhere. What findings say is left as data: rule ids, severities,
/// times and line numbers are never passed to the redactor, and the message and signature are
/// redacted as text, which by construction leaves numbers such as `2.058 s` and `line 123` alone.
extension ReportDocument {
    mutating func redact(with redactor: inout Redactor) {
        // Adapter serials are known exactly: replace them wherever they appear (by-id paths).
        for console in consoles {
            if let serial = console.adapterSerial, !serial.isEmpty { redactor.add(serial, kind: .serial) }
        }
        forEachText { redactor.learn($0) }
        board = board.map { redactor.redact($0) }
        for index in consoles.indices {
            consoles[index].port = consoles[index].port.map { redactor.redact($0) }
            consoles[index].adapter = consoles[index].adapter.map { redactor.redact($0) }
            consoles[index].adapterSerial = consoles[index].adapterSerial.map { redactor.pseudonym(for: $0, kind: .serial) }
        }
        for index in excerpts.indices {
            for line in excerpts[index].lines.indices {
                excerpts[index].lines[line].text = redactor.redact(excerpts[index].lines[line].text)
            }
        }
        if var blocks = findingLines {
            for rule in blocks.keys.sorted() {
                for block in blocks[rule]!.indices {
                    for line in blocks[rule]![block].lines.indices {
                        blocks[rule]![block].lines[line].text = redactor.redact(blocks[rule]![block].lines[line].text)
                    }
                }
            }
            findingLines = blocks
        }
        for index in diagnoses.indices {
            for finding in diagnoses[index].findings.indices {
                diagnoses[index].findings[finding].redact(with: &redactor)
            }
            diagnoses[index].gaps = diagnoses[index].gaps?.map { $0.redacted(with: &redactor) }
        }
        // The verdict quotes log lines too (where a log ends, what a rule was decided from).
        verdict = redactor.redact(verdict)
        verdictGaps = verdictGaps.map { $0.redacted(with: &redactor) }
        timeline.redact(with: &redactor)
        var redactedEntries = summary.entries
        for index in redactedEntries.indices {
            redactedEntries[index].signatures = redactedEntries[index].signatures.map { redactor.redact($0) }
        }
        summary.entries = redactedEntries
        redaction = ReportRedaction(enabled: true, counts: redactor.counts)
    }

    /// Every log-derived text, for the redactor to learn host names and serials from first.
    private func forEachText(_ body: (String) -> Void) {
        board.map(body)
        for excerpt in excerpts { excerpt.lines.forEach { body($0.text) } }
        for blocks in (findingLines ?? [:]).values { for block in blocks { block.lines.forEach { body($0.text) } } }
        for diagnosis in diagnoses { diagnosis.findings.forEach { $0.evidence.forEach { body($0.text) } } }
        for boot in timeline.boots {
            boot.boardFacts?.forEachText(body)
            for lane in boot.lanes {
                lane.events.forEach { body($0.event.text) }
                lane.lastLine.map { body($0.text) }
                lane.activity?.firstGarbageLine.map { body($0.text) }
            }
        }
    }
}

extension Finding {
    mutating func redact(with redactor: inout Redactor) {
        message = redactor.redact(message)
        signature = redactor.redact(signature)
        for index in evidence.indices { evidence[index].text = redactor.redact(evidence[index].text) }
        if let list = facts { facts = list.map { FindingFact(role: $0.role, name: $0.name, value: redactor.redact($0.value)) } }
    }
}

extension Timeline {
    /// The timeline with its log text, paths and warnings redacted; times, line numbers and phases untouched.
    public mutating func redact(with redactor: inout Redactor) {
        for index in inputs.indices {
            inputs[index].path = redactor.redact(inputs[index].path)
            inputs[index].warnings = inputs[index].warnings.map { redactor.redact($0) }
        }
        warnings = warnings.map { redactor.redact($0) }
        for boot in boots.indices {
            boots[boot].boardFacts?.redact(with: &redactor)
            for lane in boots[boot].lanes.indices {
                var redacted = boots[boot].lanes[lane]
                for index in redacted.phases.indices { redacted.phases[index].evidence.text = redactor.redact(redacted.phases[index].evidence.text) }
                for index in redacted.events.indices {
                    redacted.events[index].event.text = redactor.redact(redacted.events[index].event.text)
                    redacted.events[index].event.fields = redacted.events[index].event.fields.mapValues { redactor.redact($0) }
                }
                if let text = redacted.firstLine?.text { redacted.firstLine?.text = redactor.redact(text) }
                if let text = redacted.lastLine?.text { redacted.lastLine?.text = redactor.redact(text) }
                if let text = redacted.activity?.firstGarbageLine?.text { redacted.activity?.firstGarbageLine?.text = redactor.redact(text) }
                boots[boot].lanes[lane] = redacted
            }
        }
    }
}

extension VerdictGap {
    func redacted(with redactor: inout Redactor) -> VerdictGap {
        VerdictGap(missing: redactor.redact(missing), remedy: remedy, boots: boots)
    }
}
