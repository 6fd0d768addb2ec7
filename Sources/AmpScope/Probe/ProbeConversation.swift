/// The probe's side of the conversation with the board, as a pure state machine: it is fed what
/// the console prints and the time, and answers with what to type. It waits until the console is
/// quiet, recognises the prompt, logs in when it has credentials, then types each command of the
/// script framed by markers and reads its output exactly between them. It never types into U-Boot
/// (except the optional `--uboot-probe` interruption) nor while output is still arriving.
public struct ProbeConversation: Sendable {
    enum Stage: Sendable, Hashable {
        case waitingForPrompt
        case sentUser
        case sentPassword
        case ubootInterrupted
        case ubootPrintenv
        case running(index: Int)
        case done
    }

    public let console: String
    public let options: ProbeOptions
    var stage: Stage = .waitingForPrompt
    var recognizer = PromptRecognizer()
    var buffer = ProbeLineBuffer()
    var facts: BoardFacts
    let started: UInt64
    var lastOutput: UInt64
    /// The latest time the caller gave (receive or tick).
    var current: UInt64
    var lastTyped: UInt64?
    /// A shell or login prompt began some earlier line: Linux's userspace is up, and pressing
    /// Enter only brings the prompt back (printk or a background job printed after it).
    private var sawPrompt = false
    private var entersSent = 0
    private var wakeEnterSent = false
    static let maximumEnters = 4
    /// The quiet console was looked at and nothing was to be done: wait for output or the time-out
    /// (else the deadline would stay in the past and the capture loop would spin).
    private var quietSeen = false
    /// Nothing at all has been printed since the probe began.
    private var silentSoFar = true
    var ubootDone = false
    // The running command's state.
    var inOutput = false
    var output: [String] = []
    var droppedLines = 0
    var commandStarted: UInt64 = 0

    static let maximumOutputLines = 50_000
    static let loginTimeout: Double = 30
    static let ubootTimeout: Double = 20

    public init(console: String, options: ProbeOptions, now: UInt64) {
        self.console = console
        self.options = options
        facts = BoardFacts(console: console)
        started = now
        lastOutput = now
        current = now
    }

    public var isFinished: Bool { stage == .done }

    /// Until when the caller may sleep without input (the quiet period or a time-out ends then).
    public var deadline: UInt64? {
        switch stage {
        case .done: return nil
        case .running(let index):
            return lastOutput + Self.ns(options.script.commands[index].quietTimeout)
        default:
            if quietSeen { return stageDeadline }
            let quiet = lastOutput + Self.ns(options.quietBeforeTyping)
            return min(max(quiet, (lastTyped ?? 0) + Self.ns(options.quietBeforeTyping)), stageDeadline)
        }
    }

    public mutating func receive(_ bytes: [UInt8], at now: UInt64) -> [ProbeAction] {
        guard stage != .done, !bytes.isEmpty else { return [] }
        lastOutput = now
        current = max(current, now)
        quietSeen = false
        silentSoFar = false
        var actions: [ProbeAction] = []
        for line in buffer.feed(bytes) {
            actions += handle(line: line, at: now)
            if stage == .done { break }
        }
        // The countdown leaves no quiet second to wait for: interrupt it at once.
        if stage == .waitingForPrompt, options.ubootProbe, !ubootDone, buffer.partialText.contains("Hit any key to stop autoboot") {
            ubootDone = true
            stage = .ubootInterrupted
            actions += [.note("interrupting U-Boot's autoboot to read printenv (--uboot-probe)"), typed([0x20])]
        }
        return actions
    }

    /// Time passed without output: type when the console went quiet, or give up.
    public mutating func tick(at now: UInt64) -> [ProbeAction] {
        current = max(current, now)
        switch stage {
        case .done: return []
        case .running(let index):
            let command = options.script.commands[index]
            guard now >= lastOutput + Self.ns(command.quietTimeout) else { return [] }
            let seconds = Int(command.quietTimeout)
            record(index, status: nil, note: "printed nothing for \(seconds) s; interrupted with Ctrl-C")
            facts.problems.append("'\(command.id)' printed nothing for \(seconds) s: interrupted with Ctrl-C, the rest of the script was not run")
            return [typed([0x03])] + finish(at: now, "probe stopped: '\(command.id)' hung")
        default:
            if now >= stageDeadline { return timeOut(at: now) }
            guard now >= lastOutput + Self.ns(options.quietBeforeTyping),
                  now >= (lastTyped ?? 0) + Self.ns(options.quietBeforeTyping) else { return [] }
            let actions = atQuietPrompt(at: now)
            quietSeen = actions.isEmpty
            return actions
        }
    }

    // MARK: - Prompts and login

    var stageDeadline: UInt64 {
        switch stage {
        case .sentUser, .sentPassword: return (lastTyped ?? started) + Self.ns(Self.loginTimeout)
        case .ubootInterrupted, .ubootPrintenv: return (lastTyped ?? started) + Self.ns(Self.ubootTimeout)
        default: return started + Self.ns(options.promptTimeout)
        }
    }

    private mutating func atQuietPrompt(at now: UInt64) -> [ProbeAction] {
        let prompt = recognizer.prompt(in: buffer.partialText)
        switch (stage, prompt) {
        case (.ubootInterrupted, .uboot?):
            stage = .ubootPrintenv
            beginCommand(at: now)
            return [.step(.ubootEnvironmentStarted, note: ProbeRecords.ubootStarted), typed(Array((ProbeScript.framed("printenv", nonce: options.nonce, number: 0, withStatus: false) + "\r").utf8))]
        case (.ubootInterrupted, _), (.ubootPrintenv, _):
            return []
        case (_, .shell?):
            return startCommands(at: now)
        case (.waitingForPrompt, .login?):
            guard let credentials = options.credentials else {
                return finish(at: now, problem: "\(console) shows a login prompt but no user was given: use --login USER (and AMPSCOPE_PASSWORD) or a board profile's login; nothing was typed")
            }
            stage = .sentUser
            return [.note("logging in as \(credentials.user)"), typed(Array((credentials.user + "\r").utf8))]
        case (.sentUser, .password?):
            guard let password = options.credentials?.password else {
                return finish(at: now, problem: "\(console) asks for a password: set AMPSCOPE_PASSWORD in the environment")
            }
            stage = .sentPassword
            return [typed(Array((password + "\r").utf8), recorded: Array((ProbeCredentials.redactedPassword + "\r").utf8))]
        case (.sentUser, .login?), (.sentPassword, .login?), (.sentPassword, .password?):
            return finish(at: now, problem: "the board refused the login as \(options.credentials?.user ?? "?"): check --login and AMPSCOPE_PASSWORD")
        case (.waitingForPrompt, .autoboot?), (.waitingForPrompt, .uboot?):
            return []
        case (.waitingForPrompt, nil):
            guard recognizer.layer != .bootloader, entersSent < Self.maximumEnters else { return [] }
            // Enter again only after a prompt was seen since the last one (output landed on it
            // again); the one wake-up Enter of `ampscope probe` may have gone to a board still
            // booting (a kernel's decompressor prints nothing) and been lost.
            if sawPrompt {
                sawPrompt = false
            } else {
                guard options.wakeWithEnter, !wakeEnterSent else { return [] }
                wakeEnterSent = true
            }
            entersSent += 1
            return [.note("pressing Enter for a fresh prompt"), typed([0x0D])]
        default:
            return []
        }
    }

    private mutating func timeOut(at now: UInt64) -> [ProbeAction] {
        let seconds = Int(options.promptTimeout)
        switch stage {
        case .sentUser, .sentPassword:
            return finish(at: now, problem: "no shell prompt within \(Int(Self.loginTimeout)) s of logging in as \(options.credentials?.user ?? "?")")
        case .ubootInterrupted, .ubootPrintenv:
            return finish(at: now, problem: "U-Boot did not answer within \(Int(Self.ubootTimeout)) s; typed '\(Self.continueBoot)' to go on")
                + [typed(Array((Self.continueBoot + "\r").utf8))]
        default:
            let what = lastTyped == nil ? "nothing was typed" : "only Enter was typed"
            let layer = recognizer.layer == .bootloader ? " (U-Boot printed last)" : ""
            // A console silent from the start is usually a board already up: only `ampscope probe` presses Enter.
            let hint = silentSoFar && !options.wakeWithEnter ? " (it printed nothing: for a board that is already up, run `ampscope probe`, which presses Enter for a prompt)" : ""
            return finish(at: now, problem: "no shell or login prompt on \(console) within \(seconds) s\(layer): \(what); the capture goes on\(hint)")
        }
    }

    // MARK: - Lines

    private mutating func handle(line: String, at now: UInt64) -> [ProbeAction] {
        switch stage {
        case .running(let index): return output(line: line, command: index, at: now)
        case .ubootPrintenv: return ubootOutput(line: line, at: now)
        default: break
        }
        recognizer.observe(line: line)
        if recognizer.prompt(in: line) == .shell || recognizer.prompt(in: line) == .login
            || line.contains("login: ") || Self.startsWithShellPrompt(line) {
            if recognizer.layer != .bootloader { sawPrompt = true }
        }
        if stage == .sentUser || stage == .sentPassword, PromptRecognizer.isLoginRefusal(line) {
            return finish(at: now, problem: "the board refused the login as \(options.credentials?.user ?? "?"): check --login and AMPSCOPE_PASSWORD")
        }
        return []
    }

    /// `/ # heartbeat 1`: a prompt that output landed on.
    static func startsWithShellPrompt(_ line: String) -> Bool {
        for candidate in ["/ # ", "~ # ", "# "] where line.hasPrefix(candidate) { return true }
        guard let hash = line.range(of: "# ") ?? line.range(of: "$ ") else { return false }
        return PromptRecognizer.looksLikeShell(String(line[..<hash.upperBound]).trimmingTrailingSpaces)
    }
}

extension ProbeConversation {
    static func ns(_ seconds: Double) -> UInt64 { UInt64((seconds * 1e9).rounded()) }

    mutating func typed(_ bytes: [UInt8], recorded: [UInt8]? = nil) -> ProbeAction {
        lastTyped = current
        return .type(bytes: bytes, recorded: recorded ?? bytes)
    }

    mutating func finish(at now: UInt64, problem: String) -> [ProbeAction] {
        facts.problems.append(problem)
        return finish(at: now, problem)
    }

    mutating func finish(at now: UInt64, _ note: String) -> [ProbeAction] {
        stage = .done
        facts.finished = now
        return [.note(note), .finished(facts)]
    }
}
