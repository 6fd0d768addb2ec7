/// A value kept on the heap and shared by its copies until one of them writes (Array's own
/// scheme), for values that are passed around far more often than changed.
struct CopyOnWrite<Value: Sendable>: @unchecked Sendable {
    // @unchecked: the box is written only through `value`'s modify, after making it unique.
    private final class Box {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    init(_ value: Value) { box = Box(value) }

    var value: Value {
        // Borrowed, not copied: reading one field of the value retains only that field.
        _read { yield box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }
}

extension CopyOnWrite: Equatable where Value: Equatable {
    static func == (lhs: Self, rhs: Self) -> Bool { lhs.box === rhs.box || lhs.box.value == rhs.box.value }
}

extension CopyOnWrite: Hashable where Value: Hashable {
    func hash(into hasher: inout Hasher) { box.value.hash(into: &hasher) }
}
