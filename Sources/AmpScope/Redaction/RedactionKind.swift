/// What a redacted value was. The raw value is the pseudonym's prefix (`mac-1`, `ip-2`, ...).
public enum RedactionKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case mac
    case ip
    case serial
    case host
    case email
    case user
    case secret

    public static func < (lhs: RedactionKind, rhs: RedactionKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public var singularName: String {
        switch self {
        case .mac: return "MAC address"
        case .ip: return "IP address"
        case .serial: return "serial number"
        case .host: return "host name"
        case .email: return "e-mail address"
        case .user: return "user name"
        case .secret: return "token or password"
        }
    }

    /// For the report's "redacted" line: `2 MAC addresses`.
    public var pluralName: String {
        switch self {
        case .mac: return "MAC addresses"
        case .ip: return "IP addresses"
        case .serial: return "serial numbers"
        case .host: return "host names"
        case .email: return "e-mail addresses"
        case .user: return "user names"
        case .secret: return "tokens or passwords"
        }
    }
}

/// How much of one kind was redacted: distinct values (pseudonyms handed out) and occurrences.
public struct RedactionCount: Sendable, Hashable, Codable {
    public var kind: RedactionKind
    public var values: Int
    public var occurrences: Int

    public init(kind: RedactionKind, values: Int, occurrences: Int) {
        self.kind = kind
        self.values = values
        self.occurrences = occurrences
    }
}
