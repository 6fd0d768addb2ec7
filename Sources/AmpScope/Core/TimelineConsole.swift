/// One console as every stage after the input names it: its id in records, role name and kind.
public struct TimelineConsole: Sendable, Hashable, Codable {
    public var id: UInt16
    /// Role name: `a7`, `m4` or whatever the user called it.
    public var name: String
    public var kind: ConsoleKind

    public init(id: UInt16, name: String, kind: ConsoleKind) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}
