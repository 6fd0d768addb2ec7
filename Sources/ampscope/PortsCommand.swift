import AmpScope
import ArgumentParser
import Foundation

struct PortsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ports",
        abstract: "List the serial ports: USB adapter identity, driver, latency timer, who holds them.",
        discussion: """
            Each port is shown with a selector that names its adapter however it is \
            renumbered (serial:, by-id:, usb:VID:PID[/ifN] or path:); pass it to \
            `capture --a7/--m4/--console` or put it in a board profile.

            Examples:
              ampscope ports
              ampscope ports --format json
            """
    )

    @Option(help: ArgumentHelp("Output: text (a table) or json (every field, nothing cut).", valueName: "format"))
    var format: Format = .text

    @Flag(help: .hidden)
    var json = false

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case text, json
    }

    func validate() throws {
        if json { Deprecated.note("--json", use: "--format json") }
    }

    func run() throws {
        let listings: [PortListing]
        do {
            listings = try PortListing.current()
        } catch {
            throw CLIError(error.description)
        }
        print(json || format == .json ? PortListing.json(listings) : PortListing.table(listings), terminator: "")
    }
}
