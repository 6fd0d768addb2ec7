/// What a part of the capture (the probe, a stop condition) asks the loop to do: the loop alone
/// records, types and stops, so the parts hold no reference to it.
enum CaptureAction: Equatable {
    /// Type `bytes` on console `console`, recorded as `input` from `source` with `recorded` as
    /// its bytes (the password masked); `unplugged` is noted instead when the port is away.
    case type(console: Int, bytes: [UInt8], recorded: [UInt8], source: String, unplugged: String)
    /// A note in console `console`'s records from `source` (with the probe's step it marks, if
    /// any), shown in the live view, or on standard error when the capture runs headless.
    case note(String, console: Int, source: String, probeStep: ProbeStep?)
    /// A warning for the user, recorded as a note of the whole capture.
    case warn(String)
    /// End the capture, for this reason.
    case stop(String)
}
