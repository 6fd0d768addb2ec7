/// Why a labgrid place could not be used as consoles; every description says what to do.
public enum LabgridError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `labgrid-client` is not on PATH (nor where AMPSCOPE_LABGRID_CLIENT points).
    case clientNotFound(searched: String)
    /// `labgrid-client` ran and failed; `message` is its own error text.
    case commandFailed(command: String, status: Int32, message: String)
    /// No answer from `labgrid-client` (an unreachable coordinator) within the deadline.
    case noAnswer(command: String, seconds: Double)
    /// `labgrid-client` printed something this version of ampscope cannot read.
    case unreadableOutput(command: String, reason: String, output: String)
    /// Another user holds the place; ampscope never takes it from them.
    case heldByAnotherUser(place: String, owner: String, you: String)
    /// Nobody holds the place, so its exporter has not started ser2net for it.
    case notAcquired(place: String)
    /// The place has no network serial port among its resources.
    case noSerialPorts(place: String, resources: [String])
    /// `labgrid:PLACE/NAME` names no serial resource of the place.
    case unknownResource(place: String, name: String, available: [String])
    /// The exporter published no TCP port for the resource (ser2net did not start).
    case portNotPublished(place: String, resource: String)
    /// The exporter is reachable only through an SSH proxy, which ampscope does not open.
    case proxyRequired(place: String, resource: String, host: String)
    /// `labgrid:` with no `PLACE/NAME` after it, or a resource name unfit for a console name.
    case invalidName(text: String, reason: String)

    public var description: String {
        switch self {
        case .clientNotFound(let searched):
            return "labgrid-client was not found (\(searched)): install labgrid (pip install labgrid) "
                + "or name the program with AMPSCOPE_LABGRID_CLIENT=/path/to/labgrid-client"
        case .commandFailed(let command, let status, let message):
            return "labgrid-client \(command) failed (exit \(status)): \(message.isEmpty ? "no message" : message)"
        case .noAnswer(let command, let seconds):
            return "labgrid-client \(command) gave no answer within \(Int(seconds)) s: is the coordinator running, and is "
                + "--coordinator (or LG_COORDINATOR) its address?"
        case .unreadableOutput(let command, let reason, let output):
            return "cannot read what labgrid-client \(command) printed (\(reason)); please report it with this output:\n\(output)"
        case .heldByAnotherUser(let place, let owner, let you):
            return "place \(place) is acquired by \(owner), not by you (\(you)): ampscope never takes a place another user "
                + "holds. Ask them to release it, or to run `labgrid-client -p \(place) allow \(you)`"
        case .notAcquired(let place):
            return "place \(place) is not acquired, so its exporter has not started ser2net for its consoles: "
                + "acquire it (`labgrid-client -p \(place) acquire`) or pass --acquire (ampscope then releases it at the end)"
        case .noSerialPorts(let place, let resources):
            return "place \(place) has no serial port (NetworkSerialPort) among its acquired resources"
                + (resources.isEmpty ? "" : " (it has: \(resources.joined(separator: ", ")))")
                + ": add a match for the exporter's RawSerialPort or USBSerialPort (`labgrid-client -p \(place) add-match EXPORTER/GROUP/NetworkSerialPort/NAME`)"
        case .unknownResource(let place, let name, let available):
            return "place \(place) has no serial port named \(name); its serial ports are: "
                + (available.isEmpty ? "none" : available.joined(separator: ", "))
        case .portNotPublished(let place, let resource):
            return "the exporter of place \(place) published no TCP port for \(resource): ser2net did not start there; "
                + "check the exporter's log (is ser2net installed on the exporter host?)"
        case .proxyRequired(let place, let resource, let host):
            return "\(resource) of place \(place) is reachable only through an SSH proxy to \(host) (the exporter runs with "
                + "--isolated): forward its port yourself (ssh -L) and capture rfc2217://localhost:PORT"
        case .invalidName(let text, let reason):
            return "\(text): \(reason); the form is labgrid:PLACE/RESOURCE, e.g. labgrid:colibri-3/a7"
        }
    }
}
