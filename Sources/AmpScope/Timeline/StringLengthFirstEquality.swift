extension String {
    /// `self == other`, the byte counts compared first: the timeline asks it of every event's
    /// name against a constant, and most names differ in length, which String's `==` does not
    /// check before comparing.
    @inline(__always)
    func equalsLengthFirst(_ other: String) -> Bool {
        utf8.count == other.utf8.count && self == other
    }
}
