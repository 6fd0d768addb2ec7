/// The probe inside the capture loop: the conversation is fed the asked console's bytes as they
/// are recorded and its deadlines as they pass; what it types goes out through the same
/// pending-input path as the user's keys, recorded as `input` with `source: "probe"` (the
/// password as `<password>`). It answers with actions and never reaches into the loop.
final class ProbeDriver {
    private var conversation: ProbeConversation
    /// The asked console's index and name.
    let console: Int
    private let name: String
    private let stopWhenDone: Bool
    private let directory: String
    /// The facts are written; nothing more is typed or waited for.
    private(set) var isDone = false

    init(request: ProbeRequest, console: Int, name: String, directory: String, now: UInt64) {
        conversation = ProbeConversation(console: name, options: request.options, now: now)
        self.console = console
        self.name = name
        stopWhenDone = request.stopWhenDone
        self.directory = directory
    }

    /// What the probe says when it starts waiting.
    func start(promptTimeout: Double) -> [CaptureAction] {
        [note("probe: waiting for a shell or login prompt on \(name) (at most \(Int(promptTimeout)) s)")]
    }

    /// When the conversation must be looked at although nothing arrived.
    var deadline: UInt64? { isDone ? nil : conversation.deadline }

    func received(_ bytes: [UInt8], time: UInt64) -> [CaptureAction] {
        guard !isDone else { return [] }
        return actions(conversation.receive(bytes, at: time))
    }

    func tick(now: UInt64) -> [CaptureAction] {
        guard !isDone, let deadline = conversation.deadline, now >= deadline else { return [] }
        return actions(conversation.tick(at: now))
    }

    private func actions(_ steps: [ProbeAction]) -> [CaptureAction] {
        var result: [CaptureAction] = []
        for step in steps {
            switch step {
            case .type(let bytes, let recorded):
                result.append(.type(console: console, bytes: bytes, recorded: recorded, source: ProbeRecords.source,
                                    unplugged: "probe: \(name) is unplugged; nothing typed"))
            case .note(let text):
                result.append(note(text.hasPrefix("probe") ? text : "probe: \(text)"))
            case .step(let step, let text):
                result.append(note(text, step: step))
            case .commandsStarted:
                result.append(note(ProbeRecords.commandsStarted, step: .commandsStarted))
            case .finished(let facts):
                do {
                    try ProbeRecords.writeFacts(facts, directory: directory)
                } catch {
                    result.append(.warn("\(error)"))
                }
                let problems = facts.problems.isEmpty ? "" : "; " + facts.problems.joined(separator: "; ")
                result.append(note("\(ProbeRecords.finishedPrefix): facts in \(ProbeRecords.factsFile)\(problems)", step: .done))
                isDone = true
                if stopWhenDone { result.append(.stop("the probe is done")) }
            }
        }
        return result
    }

    private func note(_ text: String, step: ProbeStep? = nil) -> CaptureAction {
        .note(text, console: console, source: ProbeRecords.source, probeStep: step)
    }
}
