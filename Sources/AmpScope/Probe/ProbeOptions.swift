/// A Linux login for the probe: the user from `--login` or the board profile, the password
/// only from the environment (`AMPSCOPE_PASSWORD`). The password is typed but never recorded.
public struct ProbeCredentials: Sendable, Hashable {
    public var user: String
    public var password: String?

    public init(user: String, password: String?) {
        self.user = user
        self.password = password
    }

    /// What the session records instead of the password's keystrokes.
    public static let redactedPassword = "<password>"
}

/// How the probe behaves; the defaults suit `capture --probe` on a board that is booting.
public struct ProbeOptions: Sendable, Hashable {
    public var script: ProbeScript
    public var credentials: ProbeCredentials?
    /// Give up when no usable prompt appeared this long after the probe began (seconds).
    public var promptTimeout: Double
    /// The console must have printed nothing for this long before anything is typed (seconds):
    /// a busy console is a boot or a program still running.
    public var quietBeforeTyping: Double
    /// Press Enter once to get a prompt from a console that has shown nothing recognisable
    /// (`ampscope probe` on a board that is already up). Never when U-Boot printed last.
    public var wakeWithEnter: Bool
    /// Interrupt U-Boot's autoboot, read `printenv`, then `boot` on unchanged.
    public var ubootProbe: Bool
    /// Random per probe; part of every marker so no other output can be taken for one.
    public var nonce: String

    public init(
        script: ProbeScript = .standard, credentials: ProbeCredentials? = nil, promptTimeout: Double = 120,
        quietBeforeTyping: Double = 1.0, wakeWithEnter: Bool = false, ubootProbe: Bool = false, nonce: String = ProbeOptions.randomNonce()
    ) {
        self.script = script
        self.credentials = credentials
        self.promptTimeout = promptTimeout
        self.quietBeforeTyping = quietBeforeTyping
        self.wakeWithEnter = wakeWithEnter
        self.ubootProbe = ubootProbe
        self.nonce = nonce
    }

    public static func randomNonce() -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<10).map { _ in digits[Int.random(in: 0..<16)] })
    }
}

/// What the conversation asks the capture engine to do.
public enum ProbeAction: Sendable, Hashable {
    /// Write `bytes` to the console; record `recorded` (the password replaced) as probe input.
    case type(bytes: [UInt8], recorded: [UInt8])
    /// A line for the live view and the session (control record `note`, source `probe`).
    case note(String)
    /// The probe has started typing its command script (the console's output from here to
    /// `finished` is the probe's conversation, not the boot).
    case commandsStarted
    /// A step of the U-Boot environment read (`--uboot-probe`) and the note that shows it: its
    /// printenv listing is the probe's conversation, not the boot.
    case step(ProbeStep, note: String)
    /// Done (whether everything was collected or not): the facts to store.
    case finished(BoardFacts)
}
