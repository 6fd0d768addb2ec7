/// The unified boot timeline of one capture or set of logs: the consoles, where their lines came
/// from, and the boots found in them. Plain data, built by `TimelineAnalyzer`, drawn by the
/// swimlane renderer and encoded as-is by `ampscope timeline --format json`.
public struct Timeline: Sendable, Hashable, Codable {
    public var consoles: [TimelineConsole]
    public var inputs: [TimelineInput]
    public var boots: [BootTimeline]
    /// Things the reader should know about the whole input (damage, missing times, ...).
    public var warnings: [String]

    public init(consoles: [TimelineConsole], inputs: [TimelineInput], boots: [BootTimeline], warnings: [String] = []) {
        self.consoles = consoles
        self.inputs = inputs
        self.boots = boots
        self.warnings = warnings
    }
}
