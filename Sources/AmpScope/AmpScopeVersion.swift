/// The tool's version, written into every session and report.
public enum AmpScopeVersion {
    public static let string = "0.1.0"
}
