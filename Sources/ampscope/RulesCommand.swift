import AmpScope
import ArgumentParser
import Foundation

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List or check the line parsers (parsers/*.yaml) and diagnosis rules (parsers/rules/*.yaml).",
        subcommands: [List.self, Check.self, Coverage.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the definitions in effect: built-in, overridden or extended by user folders.",
            discussion: """
                Examples:
                  ampscope rules list
                  ampscope rules list --user ~/.config/ampscope/parsers
                  ampscope rules list --literals > literals.txt   # for grep -F -f
                """
        )

        @Option(help: ArgumentHelp("A folder of your own *.yaml definitions; repeatable. Same id overrides a built-in.", valueName: "folder"))
        var user: [String] = []

        @Flag(help: "Print only the prefilter literals, one per line, each once: the fixed strings the classifier looks for before any regex.")
        var literals = false

        func run() throws {
            let definitions: [ParserDefinition]
            do {
                definitions = try DefinitionLoader.load(userFolders: user)
            } catch {
                throw CLIError(error.description)
            }
            if literals {
                for literal in Classifier(definitions: definitions).prefilterLiterals { print(literal) }
                return
            }
            let idWidth = definitions.map(\.id.count).max() ?? 2
            for definition in definitions {
                let id = definition.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
                let console = definition.console.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
                let severity = definition.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                print("\(id)  \(console) \(severity) \(definition.location)")
            }
            let rules: [Rule]
            do {
                rules = try RuleLoader.builtin()
            } catch {
                throw CLIError(error.description)
            }
            let ruleWidth = rules.map(\.id.count).max() ?? 2
            for rule in rules {
                let id = rule.id.padding(toLength: ruleWidth, withPad: " ", startingAt: 0)
                let severity = rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                print("rule \(id)  \(severity) \(rule.location)  \(rule.title)")
            }
            FileHandle.standardError.write(Data("\(definitions.count) definitions, \(rules.count) rules\n".utf8))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate definition files; every problem is reported with file, line and column.",
            discussion: """
                Checks YAML syntax, keys, required fields, that regexes compile and use named \
                captures, and that each example matches (and each counterexample does not). \
                A file whose top-level key is 'rules:' is checked as diagnosis rules: conditions, \
                durations, placeholders, and that every event it names has a parser definition.

                Examples:
                  ampscope rules check my-board.yaml
                  ampscope rules check ~/.config/ampscope/parsers
                  ampscope rules check my-rules.yaml
                """
        )

        @Argument(help: "Definition or rule files, or folders of *.yaml files (and their rules/ subfolder).")
        var paths: [String]

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("give at least one definition file or folder") }
        }

        func run() throws {
            do {
                let checked = try RuleCheck.check(paths: paths)
                print("ok: \(checked.definitions.count) definitions, every example matched; \(checked.rules.count) rules")
            } catch {
                throw CLIError("\(error)")
            }
        }
    }
}
