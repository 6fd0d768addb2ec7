import AmpScope
import ArgumentParser
import Foundation

/// The probe's options, shared by `probe` and `capture --probe`.
struct ProbeArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Linux user to log in as at a login prompt (password from AMPSCOPE_PASSWORD; default: the board profile's login).", valueName: "USER"))
    var login: String?

    @Option(name: .customLong("probe-console"), help: ArgumentHelp("Console whose shell the probe asks (default: a7, else the first application console).", valueName: "NAME"))
    var console: String?

    func request(consoles: [ConsoleRequest], profileLogin: String?, promptTimeout: Double, wakeWithEnter: Bool, ubootProbe: Bool,
                 stopWhenDone: Bool) throws -> ProbeRequest {
        guard let name = console ?? ProbeRequest.defaultConsole(in: consoles) else {
            throw ValidationError("the probe needs a Linux console: give --a7 PORT (or --probe-console NAME)")
        }
        do {
            return try ProbeRequest.make(
                console: name, login: login, profileLogin: profileLogin, environment: ProcessInfo.processInfo.environment,
                promptTimeout: promptTimeout, wakeWithEnter: wakeWithEnter, ubootProbe: ubootProbe, stopWhenDone: stopWhenDone)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
