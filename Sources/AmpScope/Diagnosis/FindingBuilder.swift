/// Turns a rule's bindings into a `Finding`: the message filled in, the evidence lines in time
/// order, and a signature free of times and line numbers.
struct FindingBuilder {
    let evidence: BootEvidence

    func finding(_ rule: Rule, _ bindings: RuleBindings) -> Finding {
        Finding(
            rule: rule.id, severity: rule.severity, title: rule.title,
            message: rule.message.render { value(of: $0, bindings) },
            evidence: evidenceLines(bindings), fix: fix(rule, bindings), references: rule.references, confidence: rule.confidence,
            signature: signature(rule, bindings), boot: evidence.boot.index, facts: facts(bindings))
    }

    /// The rule's fix followed by the advice of every platform whose key a bound line or fact
    /// carries, so one rule serves i.MX, STM32MP, TI K3 and ZynqMP from data alone.
    func fix(_ rule: Rule, _ bindings: RuleBindings) -> String {
        guard !rule.platformFixes.isEmpty else { return rule.fix }
        let texts = bindings.names.compactMap { name -> String? in
            guard let line = bindings[name] else { return nil }
            return line.fact == nil ? line.text : line.fields["value"]
        }
        let advice = rule.platformFixes.filter { platform in
            platform.keys.contains { key in texts.contains { $0.contains(key) } }
        }
        return ([rule.fix] + advice.map(\.text)).joined(separator: " ")
    }

    /// The board facts the rule bound; nil (not empty) when none, so findings without facts
    /// encode exactly as before.
    func facts(_ bindings: RuleBindings) -> [FindingFact]? {
        let found = bindings.names.compactMap { name -> FindingFact? in
            guard let line = bindings[name], let fact = line.fact else { return nil }
            return FindingFact(role: name, name: fact, value: line.fields["value"] ?? "")
        }
        return found.isEmpty ? nil : found
    }

    func value(of placeholder: MessagePlaceholder, _ bindings: RuleBindings) -> String? {
        guard let line = bindings[placeholder.binding] else { return nil }
        switch placeholder.attribute {
        // Capture time when the input has host times, so a line reads as the live view showed it.
        case "time": return (line.captureTime ?? line.time).map(DiagnosisTimeFormat.instant) ?? "(no time)"
        case "line": return "\(line.lineNumber)"
        case "text": return line.text
        case "console": return evidence.name(of: line.console)
        case "event": return line.eventName
        case "definition": return line.definitionID
        case "kernel-time":
            guard let microseconds = line.kernelTime else { return nil }
            return "\(microseconds / 1_000_000).\(String(microseconds % 1_000_000).zeroPadded(to: 6))"
        default: return line.extras[placeholder.attribute] ?? line.fields[placeholder.attribute]
        }
    }

    func evidenceLines(_ bindings: RuleBindings) -> [FindingEvidence] {
        var seen: Set<[Int]> = []
        var lines: [FindingEvidence] = []
        for name in bindings.names {
            let line = bindings[name]!
            guard line.fact == nil else { continue }
            guard seen.insert([Int(line.console), line.lineNumber]).inserted else { continue }
            lines.append(FindingEvidence(
                role: name, console: evidence.name(of: line.console), consoleID: line.console, lineNumber: line.lineNumber,
                time: line.time, text: line.text, captureTime: line.captureTime))
        }
        return lines.enumerated().sorted { left, right in
            switch (left.element.time, right.element.time) {
            case let (a?, b?) where a != b: return a < b
            default: return left.offset < right.offset
            }
        }.map(\.element)
    }

    /// `rule` then `key=value` for the declared signature placeholders, or for each bound event
    /// its definition id.
    func signature(_ rule: Rule, _ bindings: RuleBindings) -> String {
        var parts = [rule.id]
        if rule.signature.isEmpty {
            for name in bindings.names.sorted() {
                if let definition = bindings[name]?.definitionID { parts.append("\(name)=\(definition)") }
            }
        } else {
            for placeholder in rule.signature {
                parts.append("\(placeholder.binding).\(placeholder.attribute)=\(value(of: placeholder, bindings) ?? "")")
            }
        }
        return parts.joined(separator: " ")
    }
}

private extension String {
    func zeroPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
