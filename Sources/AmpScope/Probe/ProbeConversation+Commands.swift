/// Running the script: one framed command at a time, its output taken exactly between the
/// markers, then parsed into the facts.
extension ProbeConversation {
    mutating func startCommands(at now: UInt64) -> [ProbeAction] {
        facts.started = now
        guard !options.script.commands.isEmpty else { return finish(at: now, "probe finished: empty script") }
        return [.note("shell prompt found: running \(options.script.commands.count) read-only commands"), .commandsStarted]
            + type(command: 0, at: now)
    }

    mutating func beginCommand(at now: UInt64) {
        inOutput = false
        output = []
        droppedLines = 0
        commandStarted = now
        buffer.reset()
    }

    private mutating func type(command index: Int, at now: UInt64) -> [ProbeAction] {
        stage = .running(index: index)
        beginCommand(at: now)
        let line = ProbeScript.framed(options.script.commands[index].line, nonce: options.nonce, number: index + 1)
        return [typed(Array((line + "\r").utf8))]
    }

    mutating func output(line: String, command index: Int, at now: UInt64) -> [ProbeAction] {
        let number = index + 1
        if !inOutput {
            // Output begins after the marker's own line; what comes before is the shell echoing the typed line.
            if line.hasSuffix(ProbeScript.beginMarker(nonce: options.nonce, number: number)) { inOutput = true }
            return []
        }
        if let status = Self.endStatus(line, prefix: ProbeScript.endMarkerPrefix(nonce: options.nonce, number: number)) {
            // Output without a final newline ends on the marker's line.
            if !status.before.isEmpty { append(status.before) }
            return completed(index, status: status.code, at: now)
        }
        append(line)
        return []
    }

    private mutating func append(_ line: String) {
        if output.count < Self.maximumOutputLines { output.append(line) } else { droppedLines += 1 }
    }

    /// The text before the end marker and the status after it, when `line` carries the marker.
    static func endStatus(_ line: String, prefix: String) -> (before: String, code: Int?)? {
        guard let range = line.range(of: prefix, options: .backwards) else { return nil }
        let rest = line[range.upperBound...].trimmingTrailingSpaces
        guard rest.isEmpty || rest.allSatisfy(\.isNumber) else { return nil }
        return (String(line[..<range.lowerBound]), Int(rest))
    }

    private mutating func completed(_ index: Int, status: Int?, at now: UInt64) -> [ProbeAction] {
        let command = options.script.commands[index]
        var note: String?
        if status == 127 {
            note = "not found on the target"
        } else if status == 2 && FactsParser.statusTwoMeansAbsent(command.id) {
            note = FactsParser.absenceNote(command.id)
        } else if let status, status != 0 {
            note = "exit status \(status)"
        }
        if droppedLines > 0 { note = [note, "\(droppedLines) lines beyond \(Self.maximumOutputLines) not kept"].compactMap { $0 }.joined(separator: "; ") }
        if status == 0 || (status == 2 && FactsParser.statusTwoMeansAbsent(command.id)) || (status == 1 && command.id == "clocks") {
            FactsParser.parse(command.id, output: output, status: status ?? 0, into: &facts)
            if command.id == "uptime", facts.uptime != nil { facts.uptimeReadAt = now }
        }
        record(index, status: status, note: note)
        output = []
        let next = index + 1
        guard next < options.script.commands.count else {
            let answered = facts.commands.filter { $0.status == 0 }.count
            let absent = facts.commands.filter { $0.status == 2 && FactsParser.statusTwoMeansAbsent($0.id) }.count
            let failed = facts.commands.count - answered - absent
            return finish(at: now, "probe finished: \(answered) commands answered, \(absent) found nothing to read, \(failed) failed")
        }
        return type(command: next, at: now)
    }

    mutating func record(_ index: Int, status: Int?, note: String?) {
        let command = options.script.commands[index]
        facts.commands.append(ProbeCommandResult(id: command.id, command: command.line, status: status, outputLines: output.count, note: note))
    }

    // MARK: - U-Boot

    /// What autoboot itself runs. Not `boot`: that command is optional (CONFIG_CMD_BOOTD) and
    /// U-Boot 2023.01's mx7dsabresd build answers it with "Unknown command".
    static let continueBoot = "run bootcmd"

    mutating func ubootOutput(line: String, at now: UInt64) -> [ProbeAction] {
        if !inOutput {
            if line.hasSuffix(ProbeScript.beginMarker(nonce: options.nonce, number: 0)) { inOutput = true }
            return []
        }
        guard Self.endStatus(line, prefix: ProbeScript.endMarkerPrefix(nonce: options.nonce, number: 0)) != nil else {
            append(line)
            return []
        }
        facts.ubootEnvironment = FactsParser.ubootEnvironment(output)
        facts.commands.append(ProbeCommandResult(id: "uboot-printenv", command: "printenv", status: 0, outputLines: output.count))
        output = []
        stage = .waitingForPrompt
        recognizer.observe(line: "U-Boot 20")  // still U-Boot until the kernel starts
        return [.step(.ubootEnvironmentRead, note: ProbeRecords.ubootFinishedPrefix + "\(facts.ubootEnvironment?.count ?? 0) U-Boot variables; typing '\(Self.continueBoot)' to go on unchanged"),
                typed(Array((Self.continueBoot + "\r").utf8))]
    }
}
