import AmpScope
import ArgumentParser

struct BoardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boards",
        abstract: "Show which console is which core on boards people bring up AMP on, with a profile to start from.",
        discussion: """
            Lists the known boards; with a name, shows each core's UART, baud and how a host \
            reaches it (with the source of each fact), then a .ampscope.yaml board profile whose \
            ports you fill in for `ampscope capture --board NAME`.

            Examples:
              ampscope boards
              ampscope boards stm32mp157f-dk2
              ampscope boards imx8mp-evk --profile >> .ampscope.yaml
            """
    )

    @Argument(help: "A known board's name; leave out to list them.")
    var name: String?

    @Flag(help: "Print only the board profile snippet.")
    var profile = false

    func validate() throws {
        if profile && name == nil { throw ValidationError("--profile needs a board name") }
    }

    func run() throws {
        let boards: [KnownBoard]
        do {
            boards = try KnownBoards.builtin()
        } catch {
            throw CLIError("\(error)")
        }
        guard let name else {
            let width = boards.map(\.name.count).max() ?? 0
            for board in boards { print(board.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + board.title) }
            return
        }
        guard let board = boards.first(where: { $0.name == name }) else {
            throw CLIError("no known board named \(name); known: \(boards.map(\.name).joined(separator: ", "))")
        }
        if profile {
            print(board.profileSnippet)
            return
        }
        print(board.title)
        for console in board.consoles {
            print("  \(console.name) (\(console.kind.rawValue)): \(console.uart) at \(console.baud) baud")
            print("      \(console.connection)")
            print("      source: \(console.source)")
        }
        print("\nProfile for .ampscope.yaml (fill in the ports):\n" + board.profileSnippet)
    }
}
