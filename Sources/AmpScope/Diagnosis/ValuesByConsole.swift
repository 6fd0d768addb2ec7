/// Values by console id for the one to four consoles a boot has: a list searched in order,
/// because for so few keys it is cheaper to build for every boot than a hashed dictionary.
struct ValuesByConsole<Value: Sendable>: Sendable {
    private var entries: [(id: UInt16, value: Value)] = []

    /// The first value given for each id wins, like `Dictionary(_:uniquingKeysWith: { first, _ in first })`.
    init(_ values: [Value], id: (Value) -> UInt16) {
        entries.reserveCapacity(values.count)
        for value in values where !entries.contains(where: { $0.id == id(value) }) { entries.append((id(value), value)) }
    }

    subscript(id: UInt16) -> Value? {
        for entry in entries where entry.id == id { return entry.value }
        return nil
    }

    /// `body` on the value in place (a lane holds its events: a copy retains them all).
    func withValue<Result>(_ id: UInt16, _ body: (Value) -> Result) -> Result? {
        for index in entries.indices where entries[index].id == id { return body(entries[index].value) }
        return nil
    }

    /// In the order they were given.
    var values: [Value] { entries.map(\.value) }
}
