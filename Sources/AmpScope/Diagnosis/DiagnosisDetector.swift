/// A diagnosis the rule language cannot express, written in Swift. It sees the same boot as the
/// rules and reports findings or why it could not check.
public protocol DiagnosisDetector: Sendable {
    /// Stable rule id of the findings it produces.
    var id: String { get }
    func diagnose(_ boot: BootTimeline, consoles: [TimelineConsole], activity: [LaneActivity]) -> DetectorResult
}

public enum DetectorResult: Sendable, Hashable {
    case findings([Finding])
    case notChecked(reason: String)
}
