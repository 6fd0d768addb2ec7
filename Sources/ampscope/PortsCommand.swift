import AmpScope
import ArgumentParser
import Foundation

struct PortsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ports",
        abstract: "List the serial ports: USB adapter identity, driver, latency timer, who holds them.",
        discussion: """
            Each port is shown with a selector that names its adapter however it is
            renumbered (serial:, by-id:, usb:VID:PID[/ifN] or path:); pass it to
            `capture --a7/--m4/--console` or put it in a board profile.

            Examples:
              ampscope ports
              ampscope ports --json
            """
    )

    @Flag(help: "Print JSON (every field, nothing cut) instead of the table.")
    var json = false

    func run() throws {
        let listings: [PortListing]
        do {
            listings = try PortListing.current()
        } catch {
            throw CLIError(error.description)
        }
        print(json ? PortListing.json(listings) : PortListing.table(listings), terminator: "")
    }
}
