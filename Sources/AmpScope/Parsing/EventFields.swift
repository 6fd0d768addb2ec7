/// An event's named captures: a dictionary in what it offers (subscript by name, a dictionary
/// literal, equality and hashing that ignore order, a JSON object when encoded), a short list in
/// how it is kept. Events have zero to three fields, and a Dictionary per event (its storage
/// allocated and seeded, every name hashed on insert and on each rule's lookup) cost more than
/// running the event's regex.
public struct EventFields: Sendable, Hashable, Codable, ExpressibleByDictionaryLiteral, Sequence {
    private var entries: [Element] = []

    public typealias Element = (key: String, value: String)
    public typealias Key = String
    public typealias Value = String

    public init() {}

    public init(dictionaryLiteral elements: (String, String)...) {
        for (key, value) in elements { self[key] = value }
    }

    /// Room for `count` fields, for the classifier, which knows how many captures it will add.
    init(minimumCapacity count: Int) { entries.reserveCapacity(count) }

    public subscript(key: String) -> String? {
        get {
            for entry in entries where entry.key == key { return entry.value }
            return nil
        }
        set {
            let index = entries.firstIndex { $0.key == key }
            switch (index, newValue) {
            case let (index?, value?): entries[index].value = value
            case let (index?, nil): entries.remove(at: index)
            case let (nil, value?): entries.append((key, value))
            case (nil, nil): break
            }
        }
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }
    /// In the order the fields were added.
    public var keys: [String] { entries.map(\.key) }

    public func mapValues(_ transform: (String) throws -> String) rethrows -> EventFields {
        var mapped = self
        for index in mapped.entries.indices { mapped.entries[index].value = try transform(mapped.entries[index].value) }
        return mapped
    }

    public func makeIterator() -> IndexingIterator<[Element]> { entries.makeIterator() }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.entries.count == rhs.entries.count && lhs.entries.allSatisfy { rhs[$0.key] == $0.value }
    }

    /// Order-independent, like Dictionary's: the entries' own hashes combined commutatively.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for entry in entries {
            var one = Hasher()
            one.combine(entry.key)
            one.combine(entry.value)
            combined ^= one.finalize()
        }
        hasher.combine(entries.count)
        hasher.combine(combined)
    }

    private struct FieldKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// A JSON object, as `[String: String]` encodes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FieldKey.self)
        for entry in entries { try container.encode(entry.value, forKey: FieldKey(stringValue: entry.key)) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FieldKey.self)
        for key in container.allKeys { self[key.stringValue] = try container.decode(String.self, forKey: key) }
    }
}
