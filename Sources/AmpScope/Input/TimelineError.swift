/// Why a timeline could not be built, and what to do about it.
public struct TimelineError: Error, CustomStringConvertible {
    public enum Cause: Sendable {
        case session(SessionError)
        case logImport(LogImportError)
        case definitions(DefinitionError)
        /// The caller's `onBoot` threw; its description is kept.
        case consumer(String)
        /// Nothing was given to analyze.
        case noInput
    }

    public var cause: Cause

    public init(_ cause: Cause) {
        self.cause = cause
    }

    public var description: String {
        switch cause {
        case .session(let error):
            return "cannot build the timeline: \(error)"
        case .logImport(let error):
            return "cannot build the timeline: \(error)"
        case .definitions(let error):
            return "cannot build the timeline: the parser definitions are invalid: \(error) (check them with `ampscope rules check`)"
        case .consumer(let text):
            return "the timeline stopped while handing out a boot: \(text)"
        case .noInput:
            return "nothing to analyze: give a session directory, or log files with --a7 / --m4"
        }
    }
}
