import AmpScope
import ArgumentParser

/// `--color` for every command that prints colour, with the old `--no-color` still taken.
struct ColorOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Colour: auto (on a terminal, unless NO_COLOR is set), always or never.", valueName: "when"))
    var color: ColorChoice = .auto

    @Flag(name: .customLong("no-color"), help: .hidden)
    var noColor = false

    func validate() throws {
        if noColor && color == .always { throw ValidationError("--no-color and --color always contradict each other: give one") }
    }

    var useColor: Bool { noColor ? false : color.resolved() }
}

extension ColorChoice: ExpressibleByArgument {}
