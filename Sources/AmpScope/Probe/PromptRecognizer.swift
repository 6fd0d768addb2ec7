/// Tells what the console is waiting for from the text it printed last: a Linux login prompt,
/// a password prompt, a shell prompt, U-Boot's prompt or autoboot countdown, or nothing known.
/// It also tracks which layer printed last (U-Boot or Linux), because Toradex U-Boot's prompt
/// (`Colibri iMX7 # `) ends like a shell's and must never be typed into.
public struct PromptRecognizer: Sendable {
    public enum Prompt: Sendable, Hashable {
        case login
        case password
        case shell
        case uboot
        case autoboot
        /// `Login incorrect` (the credentials were refused).
        case loginRefused
    }

    public enum Layer: Sendable, Hashable {
        case unknown
        case bootloader
        case linux
    }

    public private(set) var layer: Layer = .unknown

    public init() {}

    /// Updates the layer from one complete line (escapes already removed).
    public mutating func observe(line: String) {
        if line.contains("U-Boot 20") || line.contains("U-Boot SPL") || line.contains("Hit any key to stop autoboot")
            || line.hasPrefix("=> ") {
            layer = .bootloader
        } else if line.contains("Starting kernel") || line.contains("Booting Linux") || PrintkTime.opensFirstBracket(line)
            || line.hasSuffix("login: ") || line.contains("Welcome to") {
            layer = .linux
        }
    }

    /// What the unfinished last line (the console's cursor) asks for; nil when it is not a prompt.
    public func prompt(in partial: String) -> Prompt? {
        let text = partial
        let trimmed = text.trimmingTrailingSpaces
        if trimmed.isEmpty { return nil }
        if text.contains("Hit any key to stop autoboot") { return .autoboot }
        if trimmed.hasSuffix("=>") && trimmed.count <= 24 { return .uboot }
        if trimmed.lowercased().hasSuffix("login:") && trimmed.count <= 80 { return .login }
        if trimmed.hasSuffix("Password:") || trimmed.hasSuffix("password:") { return .password }
        guard trimmed.hasSuffix("#") || trimmed.hasSuffix("$") else { return nil }
        guard trimmed.count <= 96 else { return nil }
        if layer == .bootloader { return .uboot }
        if Self.looksLikeShell(trimmed) { return .shell }
        // `Colibri iMX7 # `: capitalised words then " #", no path, user or host separator.
        if layer != .linux, Self.looksLikeBootloader(trimmed) { return .uboot }
        return layer == .linux ? .shell : nil
    }

    /// Whether a complete line says the login was refused.
    public static func isLoginRefusal(_ line: String) -> Bool {
        line.contains("Login incorrect") || line.contains("Authentication failure") || line.contains("Login timed out")
    }

    /// BusyBox (`/ # `, `~ # `), bash/Yocto/Toradex (`root@colibri-imx7:~# `), `sh-5.2# `, `[root@host ~]# `, bare `# `.
    static func looksLikeShell(_ trimmed: String) -> Bool {
        let body = String(trimmed.dropLast()).trimmingTrailingSpaces
        if body.isEmpty { return true }
        if body.hasPrefix("[") && body.hasSuffix("]") { return true }
        if body.contains(" ") { return false }
        if body.hasPrefix("/") || body.hasPrefix("~") || body.contains("@") || body.contains(":") { return true }
        let shells = ["sh-", "bash-", "ash-"]
        return shells.contains { body.hasPrefix($0) }
    }

    static func looksLikeBootloader(_ trimmed: String) -> Bool {
        guard trimmed.hasSuffix(" #") else { return false }
        let body = trimmed.dropLast(2)
        guard let first = body.first, first.isUppercase else { return false }
        return !body.contains { $0 == "/" || $0 == "~" || $0 == "@" || $0 == ":" }
    }
}

extension StringProtocol {
    var trimmingTrailingSpaces: String {
        var end = endIndex
        while end > startIndex, let last = self[..<end].last, last == " " || last == "\t" { end = index(before: end) }
        return String(self[..<end])
    }
}
