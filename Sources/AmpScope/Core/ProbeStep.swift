/// The probe's steps that open and close the stretch of a console's output that is its
/// conversation with the board (its commands' echo and answers, U-Boot's printenv), not the boot.
/// Each rides on the probe's `note` record as `probeStep`, so a reader finds the stretch by type.
public enum ProbeStep: String, Sendable, Hashable, Codable {
    /// The probe starts typing its read-only commands.
    case commandsStarted = "commands-started"
    /// The probe is done, whether or not it collected everything; its facts are in facts.json.
    case done
    /// U-Boot's `printenv` is typed (`--uboot-probe`).
    case ubootEnvironmentStarted = "uboot-environment-started"
    /// U-Boot's environment is read and the boot goes on.
    case ubootEnvironmentRead = "uboot-environment-read"

    /// Whether the console's output from this step on is the probe's conversation.
    public var opensConversation: Bool { self == .commandsStarted || self == .ubootEnvironmentStarted }

    /// Whether the probe's conversation ends at this step.
    public var closesConversation: Bool { self == .done || self == .ubootEnvironmentRead }
}
