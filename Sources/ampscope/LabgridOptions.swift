import AmpScope
import ArgumentParser
import Foundation

/// Consoles from a labgrid lab: a place's serial ports, through the lab's coordinator.
struct LabgridOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Capture every serial port of this labgrid place, each named by its resource name (a port can also be named labgrid:PLACE/RESOURCE).",
        valueName: "PLACE"))
    var place: String?

    @Flag(help: "Acquire the labgrid place if it is free, and release it at the end (a place another user holds is never taken).")
    var acquire = false

    @Option(help: ArgumentHelp("The labgrid coordinator (default: LG_COORDINATOR, else labgrid-client's own default).", valueName: "HOST:PORT"))
    var coordinator: String?

    func validate() throws {
        if let place, place.isEmpty || place.contains("/") {
            throw ValidationError("--place \(place): give the place's name, e.g. --place colibri-3")
        }
    }

    /// Whether any console comes from labgrid, so the coordinator must be asked.
    func isUsed(by requests: [ConsoleRequest]) -> Bool {
        place != nil || requests.contains { $0.port.hasPrefix(LabgridConsoles.scheme) }
    }

    /// The consoles with every labgrid name resolved; the lease releases what it acquired.
    func resolve(_ requests: [ConsoleRequest], defaults: SerialSettings) throws -> LabgridLease {
        do {
            let client = try LabgridClient.located(coordinator: coordinator)
            return try LabgridConsoles.resolve(
                requests, place: place, acquire: acquire, client: client, defaults: defaults,
                report: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
        } catch {
            throw CLIError(error.description)
        }
    }
}
