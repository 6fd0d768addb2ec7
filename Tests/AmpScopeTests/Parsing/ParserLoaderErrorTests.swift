import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

@Suite("Parser definition loader: errors and user folders")
struct ParserLoaderErrorTests {
    /// The problems of loading `yaml` as `broken.yaml`, as "line:column message".
    func problems(_ yaml: String) -> [DefinitionProblem] {
        do {
            _ = try DefinitionLoader.parse(files: [("broken.yaml", yaml)])
            return []
        } catch {
            return error.problems
        }
    }

    func expectProblem(_ yaml: String, line: Int, column: Int, mentions text: String) {
        let found = problems(yaml)
        #expect(found.count == 1, "expected one problem, got \(found)")
        guard let problem = found.first else { return }
        #expect(problem.location == DefinitionLocation(file: "broken.yaml", line: line, column: column), "\(problem)")
        #expect(problem.message.contains(text), "\(problem)")
    }

    @Test("an unknown key is reported where it is written, with the keys allowed")
    func unknownKey() {
        expectProblem("""
            parsers:
              - id: test.one
                console: application
                literal: "abcdef"
                regexp: 'abcdef'
            """, line: 5, column: 5, mentions: "unknown key 'regexp'; expected one of console, counterexamples")
    }

    @Test("a missing literal names the entry")
    func missingLiteral() {
        expectProblem("""
            parsers:
              - id: test.one
                console: microcontroller
            """, line: 2, column: 5, mentions: "entry 'test.one' is missing 'literal'")
    }

    @Test("a regex that does not compile is located at the regex")
    func badRegex() {
        expectProblem("""
            parsers:
              - id: test.one
                console: application
                literal: "abcdef"
                regex: 'abcdef(?<open>x'
            """, line: 5, column: 12, mentions: "regex does not compile")
    }

    @Test("capture names: unnamed groups and names ICU would reject")
    func captureNames() {
        expectProblem("""
            parsers:
              - id: test.one
                console: application
                literal: "abcdef"
                regex: 'abcdef (\\d+)'
            """, line: 5, column: 12, mentions: "unnamed capture group")
        expectProblem("""
            parsers:
              - id: test.one
                console: application
                literal: "abcdef"
                regex: 'abcdef (?<1st>\\d+)'
            """, line: 5, column: 12, mentions: "capture name '1st'")
    }

    @Test("a regex and its literal are checked against each other on the examples")
    func literalAndRegexDisagree() {
        expectProblem("""
            parsers:
              - id: test.one
                console: application
                literal: "creating channel"
                regex: 'destroying channel (?<name>\\S+)'
                examples:
                  - "virtio_rpmsg_bus virtio0: creating channel rpmsg-tty addr 0x400"
            """, line: 7, column: 9, mentions: "example is not matched by the regex")
        expectProblem("""
            parsers:
              - id: test.one
                console: application
                literal: "creating channel"
                regex: 'creating channel (?<name>\\S+)'
            """, line: 5, column: 12, mentions: "needs at least one 'examples:' line")
    }

    @Test("duplicate ids, also across files, point to both places")
    func duplicateIDs() {
        let file = """
            parsers:
              - id: test.one
                console: application
                literal: "abcdef"
            """
        do {
            _ = try DefinitionLoader.parse(files: [("a.yaml", file), ("b.yaml", file)])
            Issue.record("duplicate ids were accepted")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems.first?.location == DefinitionLocation(file: "b.yaml", line: 2, column: 5))
            #expect(error.problems.first?.message.contains("duplicate id 'test.one' (first defined at a.yaml:2:5)") == true)
        }
    }

    @Test("YAML syntax errors carry libyaml's line and column")
    func syntaxError() {
        let found = problems("""
            parsers:
              - id: test.one
                console: application
                literal: "abcdef
            """)
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("not valid YAML") == true, "\(found)")
        #expect(found.first.map { $0.location.line >= 4 } == true, "\(found)")
    }

    @Test("several problems in one file are all reported; enum values list what is allowed")
    func severalProblems() throws {
        let found = problems("""
            parsers:
              - id: Test.One
                console: mcu
                literal: "abc"
                phase: booting
              - id: test.two
                console: any
                literal: "abcdef"
                examples:
                  - "no such text"
            """)
        #expect(found.map { "\($0.location.line):\($0.location.column)" } == ["2:9", "3:14", "5:12", "4:14", "10:9"])
        try #require(found.count == 5)
        #expect(found[1].message.contains("expected one of application, microcontroller, any"))
        #expect(found[2].message.contains("expected one of spl, bootloader, kernel"))
        #expect(found[3].message.contains("shorter than 4 bytes"))
        #expect(found[4].message.contains("does not contain the literal 'abcdef'"))
        #expect(DefinitionError(problems: found).description.contains("broken.yaml:3:14: console 'mcu' is not known"))
    }

    @Test("a file without the parsers list is explained")
    func wrongShape() {
        expectProblem("- id: test.one\n", line: 1, column: 1, mentions: "expected a mapping with the key 'parsers:'")
        expectProblem("rules: []\n", line: 1, column: 1, mentions: "unknown top-level key 'rules'")
    }

    @Test("a user folder overrides a built-in by id and adds its own entries first")
    func userOverride() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ampscope-parsers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            parsers:
              - id: linux.clk-disabling-unused
                console: application
                literal: "clk: Disabling unused clocks"
                severity: error
                event: m4-clock-gating
              - id: board.my-firmware-banner
                console: microcontroller
                literal: "MyBoard firmware "
                regex: 'MyBoard firmware (?<version>\\S+)'
                phase: started
                examples:
                  - "MyBoard firmware 1.0"
            """.write(to: folder.appendingPathComponent("board.yaml"), atomically: true, encoding: .utf8)
        try "not a parser file".write(to: folder.appendingPathComponent("README.txt"), atomically: true, encoding: .utf8)
        let builtin = try DefinitionLoader.builtin()
        let merged = try DefinitionLoader.load(userFolders: [folder.path])
        #expect(merged.count == builtin.count + 1)
        #expect(merged.first?.id == "board.my-firmware-banner")
        let overridden = try #require(merged.first { $0.id == "linux.clk-disabling-unused" })
        #expect(overridden.severity == .error)
        #expect(overridden.event == "m4-clock-gating")
        #expect(overridden.location.file.hasSuffix("board.yaml"))
        #expect(merged.firstIndex { $0.id == "linux.clk-disabling-unused" } == builtin.firstIndex { $0.id == "linux.clk-disabling-unused" }.map { $0 + 1 })

        let classifier = Classifier(definitions: merged)
        let line = Line(console: 1, number: 3, byteOffset: 40, firstByteTime: 100, endTime: 200,
                        raw: Array("MyBoard firmware 1.2.3".utf8), ending: .crlf)
        let event = try #require(classifier.classify(line, consoleKind: .microcontroller))
        #expect(event.definitionID == "board.my-firmware-banner")
        #expect(event.fields == ["version": "1.2.3"])
        #expect(event.phase == .started)
    }

    @Test("a missing user folder is an error that names it")
    func missingFolder() {
        #expect(throws: DefinitionError.self) { try DefinitionLoader.load(userFolders: ["/nonexistent/ampscope-parsers"]) }
        do {
            _ = try DefinitionLoader.load(userFolders: ["/nonexistent/ampscope-parsers"])
        } catch {
            #expect(error.description.contains("/nonexistent/ampscope-parsers"))
            #expect(error.description.contains("cannot list this parser folder"))
        }
    }
}
