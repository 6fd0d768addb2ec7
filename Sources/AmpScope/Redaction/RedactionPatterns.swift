import Foundation

/// The patterns that find personal or unit-identifying values in console text. Each names the
/// capture group that holds the value; only that group is replaced, so `Serial# 06413914` becomes
/// `Serial# serial-1` and `root@gateway:~#` becomes `root@host-1:~#`.
///
/// What deliberately stays (see docs/report-json.md, "Redaction"): hex without separators
/// (`0x8ff00000`, `8ffe6000`), register dumps (`fe00: c0a8...` has a space after the colon),
/// printk stamps and versions with fewer than four dotted parts (`[ 10.123456]`, `2016.11`,
/// `4.14.98`), `v1.2.3.4`-style versions (a letter before the digits), device-tree unit
/// addresses (`30890000.serial`), clock times (`03:53:41`: three groups, no `::`), and values
/// that identify nothing: `root`, `localhost`, `0.0.0.0`, `127.x`, `255.x` masks, `::1`,
/// all-zero and broadcast MACs.
struct RedactionPattern: @unchecked Sendable {
    // NSRegularExpression is immutable once built and documented thread-safe for matching.
    let regex: NSRegularExpression
    let kind: RedactionKind
    let group: Int
    /// Values of this shape identify nobody and stay as they are.
    let keeps: @Sendable (String) -> Bool
    /// A value found by this pattern is also replaced wherever else it appears verbatim
    /// (a host name learned from the login prompt, in the `/etc/issue` banner).
    let learnsLiteral: Bool

    init(_ pattern: String, _ kind: RedactionKind, group: Int = 1, learnsLiteral: Bool = false, keeps: @escaping @Sendable (String) -> Bool = { _ in false }) {
        // The patterns are constants of this file; a typo is a programming error caught by the tests.
        regex = try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        self.kind = kind
        self.group = group
        self.learnsLiteral = learnsLiteral
        self.keeps = keeps
    }

    static let hostnameChars = "[A-Za-z0-9][A-Za-z0-9.-]*"

    /// In the order they run: e-mail before prompts (both have `@`), MACs before IPv6 (both have `:`).
    static let all: [RedactionPattern] = [
        RedactionPattern(#"(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?![A-Za-z0-9-])"#, .email),
        RedactionPattern(#"(?:/home/|/Users/)([^/\s:'"<>]+)"#, .user, keeps: { $0 == "root" }),
        // Shell prompts: `user@host:/path#` or `user@host:~$`.
        RedactionPattern(#"(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]+)@"# + hostnameChars + #":\S*[#$]"#, .user, keeps: { $0 == "root" }),
        RedactionPattern(#"(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]+@("# + hostnameChars + #"):\S*[#$]"#, .host, learnsLiteral: true, keeps: keepsHost),
        // The login prompt (`colibri-imx7 login:`, perhaps with the typed user after it, or a
        // late printk landing on the prompt's line: DOMAIN.md §5).
        RedactionPattern(#"^\s*("# + hostnameChars + #") login:(?:(?: \S*)?\s*$| *\[ *\d+\.\d{6}\])"#, .host, learnsLiteral: true, keeps: { keepsHost($0) || $0 == "Last" }),
        // systemd and hostnamed announcing the name.
        RedactionPattern(#"[Ss]et hostname to <([^>\s]+)>"#, .host, learnsLiteral: true, keeps: keepsHost),
        RedactionPattern(#"Changed (?:static |pretty |transient )?host ?name to '([^'\s]+)'"#, .host, learnsLiteral: true, keeps: keepsHost),
        // U-Boot `Serial# 06413914` / `serial#=06413914`, USB enumeration `SerialNumber: A50285BI`.
        RedactionPattern(#"[Ss]erial#\s*=?\s*([0-9A-Za-z][0-9A-Za-z-]*)"#, .serial, learnsLiteral: true),
        RedactionPattern(#"SerialNumber:\s*([0-9A-Za-z][0-9A-Za-z._-]*)"#, .serial, learnsLiteral: true),
        // MACs need separators: bare hex (kernel addresses) never matches.
        RedactionPattern(#"(?<![0-9A-Fa-f:-])((?:[0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}|(?:[0-9A-Fa-f]{2}-){5}[0-9A-Fa-f]{2})(?![0-9A-Fa-f:-])"#, .mac,
                         keeps: { $0 == "00:00:00:00:00:00" || $0.lowercased() == "ff:ff:ff:ff:ff:ff" || $0 == "00-00-00-00-00-00" }),
        RedactionPattern(#"(?<![0-9A-Za-z_:.])((?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?)(?![0-9A-Za-z_:])"#, .ip,
                         keeps: { $0 == "::" || $0 == "::1" }),
        RedactionPattern(#"(?<![0-9A-Za-z_.])((?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3})(?![0-9A-Za-z_]|\.[0-9])"#, .ip,
                         keeps: { $0 == "0.0.0.0" || $0.hasPrefix("127.") || $0.hasPrefix("255.") }),
    ]

    static func keepsHost(_ name: String) -> Bool {
        name == "localhost" || name == "(none)"
    }
}
