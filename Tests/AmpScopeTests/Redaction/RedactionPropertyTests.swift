import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// Redaction as a property: identifiers of every kind, with random values, are written into
/// random lines of every sample (the board samples and the real logs), each once in a form a
/// board or tool prints it and once bare somewhere else; the report of that input, rendered as
/// Markdown, HTML and JSON, holds none of them, and every kind shows up as a pseudonym somewhere
/// (so the injected lines did reach the reports). Seeded: the seed is printed, and
/// AMPSCOPE_TEST_SEED=N replays a run.
@Suite struct RedactionPropertyTests {
    /// One identifier: the text put into a line, the raw values that must not survive, and its kind.
    struct Injection {
        var carrier: String
        var bare: String
        var secrets: [String]
        var kind: RedactionKind
    }

    /// What one sample's run found: the leaks, and the kinds that showed up as pseudonyms.
    struct SampleOutcome: Sendable {
        var failures: [String]
        var kindsSeen: Set<RedactionKind>
    }

    /// The samples are independent, so they run side by side (one took ~1 s of a debug build's
    /// time each, ~45 s in all); each has its own generator, seeded from the printed seed plus
    /// its place in the list, so a replay with AMPSCOPE_TEST_SEED gives the same injections.
    @Test func noInjectedIdentifierSurvivesInAnyReport() throws {
        let base = TestSeed.value("RedactionPropertyTests (base; sample i uses base + i)")
        let boards = SampleCatalogue.sampleNames().map { SampleCatalogue.path($0, "board.board") } + [RepositoryPaths.path("samples/demo/colibri-imx7-clock-gating.board")]
        let reals = RealSampleCatalogue.sampleNames()
        let outcomes = LockedList<SampleOutcome>()
        let errors = LockedList<String>()
        DispatchQueue.concurrentPerform(iterations: boards.count + reals.count) { index in
            var random = SeededGenerator(state: base &+ UInt64(index))
            do {
                let outcome = index < boards.count
                    ? try Self.run(board: boards[index], using: &random)
                    : try Self.run(real: reals[index - boards.count], using: &random)
                outcomes.append(outcome)
            } catch {
                errors.append("sample \(index): \(error)")
            }
        }
        #expect(errors.values.isEmpty, "\(errors.values)")
        #expect(outcomes.values.count == boards.count + reals.count, "only \(outcomes.values.count) samples ran")
        let failures = outcomes.values.flatMap(\.failures).sorted()
        let kindsSeen = outcomes.values.reduce(into: Set<RedactionKind>()) { $0.formUnion($1.kindsSeen) }
        #expect(failures.isEmpty, "\(failures.count) leaks:\n\(failures.prefix(40).joined(separator: "\n"))")
        // Every kind was redacted somewhere: the injected lines did reach the reports.
        #expect(kindsSeen == Set(RedactionKind.allCases), "kinds never seen redacted: \(Set(RedactionKind.allCases).subtracting(kindsSeen))")
    }

    static func run(board: String, using random: inout SeededGenerator) throws -> SampleOutcome {
        let injections = Self.injections(using: &random)
        let text = try String(contentsOfFile: board, encoding: .utf8)
        let script = try BoardScript.parse(Self.inject(injections, intoBoard: text, using: &random), fileName: "injected.board")
        let directory = temporaryDirectory("redaction-property")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try script.compile(to: directory)
        let outputs = try Self.reports(.session(directory: directory))
        return SampleOutcome(failures: Self.leaks(injections, in: outputs, sample: board), kindsSeen: Self.pseudonymKinds(in: outputs))
    }

    static func run(real name: String, using random: inout SeededGenerator) throws -> SampleOutcome {
        let directory = temporaryDirectory("redaction-property-real")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let injections = Self.injections(using: &random)
        var logs: [LogInput] = []
        for (console, path) in RealSampleCatalogue.logs(name) {
            let lines = try RealSampleCatalogue.lines(of: path)
            let injected = Self.inject(injections, intoLines: lines, using: &random)
            let copy = directory + "/" + console + ".log"
            try injected.joined(separator: "\n").write(toFile: copy, atomically: true, encoding: .utf8)
            logs.append(LogInput(path: copy, consoleName: console))
        }
        let outputs = try Self.reports(.logs(logs))
        return SampleOutcome(failures: Self.leaks(injections, in: outputs, sample: name), kindsSeen: Self.pseudonymKinds(in: outputs))
    }

    // MARK: the input

    static func injections(using random: inout SeededGenerator) -> [Injection] {
        func hex(_ count: Int) -> String { String((0..<count).map { _ in "0123456789abcdef".randomElement(using: &random)! }) }
        func letters(_ count: Int) -> String { String((0..<count).map { _ in "abcdefghijkmnpqrstuvwxyz".randomElement(using: &random)! }) }
        func alnum(_ count: Int) -> String { String((0..<count).map { _ in "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789".randomElement(using: &random)! }) }
        let serial = String(format: "%08u", UInt32.random(in: 10_000_000...99_999_999, using: &random))
        let macHex = "02" + hex(10)
        let pairs = stride(from: 0, to: 12, by: 2).map { index in String(Array(macHex)[index..<index + 2]) }
        let macForms = [pairs.joined(separator: ":"), pairs.joined(separator: "-").uppercased(),
                        [0, 4, 8].map { String(Array(macHex)[$0..<$0 + 4]) }.joined(separator: ".")]
        let mac = macForms.randomElement(using: &random)!
        let ipv4 = "10.\(Int.random(in: 1...254, using: &random)).\(Int.random(in: 1...254, using: &random)).\(Int.random(in: 1...254, using: &random))"
        let ipv6 = "2001:db8:\(hex(4)):\(hex(4))::\(hex(3))1"
        let host = "bench-" + letters(6)
        let domain = letters(5) + "-" + letters(4) + ".com"
        let fqdn = "nfs." + domain
        let user = "u" + letters(7)
        let email = letters(6) + "." + letters(5) + "@" + domain
        let github = "ghp_" + alnum(36)
        let gitlab = "glpat-" + alnum(20)
        let aws = "AKIA" + String((0..<16).map { _ in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".randomElement(using: &random)! })
        let password = "pw" + alnum(10)
        let psk = letters(5) + " " + letters(6)
        let cid = hex(32)
        let usbSerial = "A" + alnum(7).uppercased()
        return [
            Injection(carrier: "Serial#: \(serial)", bare: "board id \(serial)", secrets: [serial], kind: .serial),
            Injection(carrier: "usb 1-1: SerialNumber: \(usbSerial)", bare: "adapter \(usbSerial) ready", secrets: [usbSerial], kind: .serial),
            Injection(carrier: "cid: \(cid)", bare: "", secrets: [cid], kind: .serial),
            Injection(carrier: "ethaddr=\(mac)", bare: "eeprom \(macHex.uppercased()) ok", secrets: macForms + [macHex], kind: .mac),
            Injection(carrier: "our IP address is \(ipv4)", bare: "", secrets: [ipv4], kind: .ip),
            Injection(carrier: "inet6 \(ipv6)/64 scope global", bare: "", secrets: [ipv6], kind: .ip),
            Injection(carrier: "root@\(host):~# uptime", bare: "welcome to \(host) ttymxc0", secrets: [host], kind: .host),
            Injection(carrier: "nfsroot=\(fqdn):/srv/\(user),v3", bare: "server \(fqdn) not responding", secrets: [fqdn, domain, user], kind: .host),
            Injection(carrier: "session opened for user \(user)(uid=1000)", bare: "owner \(user) ok", secrets: [user], kind: .user),
            Injection(carrier: "contact \(email)", bare: "", secrets: [email], kind: .email),
            Injection(carrier: "token=\(github)", bare: "", secrets: [github], kind: .secret),
            Injection(carrier: "export CI=\(gitlab) AWS=\(aws)", bare: "", secrets: [gitlab, aws], kind: .secret),
            Injection(carrier: "setenv password=\(password)", bare: "tried \(password) again", secrets: [password], kind: .secret),
            Injection(carrier: "psk=\"\(psk)\"", bare: "", secrets: [psk], kind: .secret),
        ]
    }

    /// Appends each carrier and each bare value to a random line of the board's console output.
    static func inject(_ injections: [Injection], intoBoard text: String, using random: inout SeededGenerator) -> String {
        var lines = text.components(separatedBy: "\n")
        let candidates = lines.indices.filter { index in
            let line = lines[index]
            return line.firstMatch(of: #/^\d+(\.\d+)? \S+ /#) != nil && !line.contains("\\")
        }
        guard !candidates.isEmpty else { return text }
        for piece in injections.flatMap({ [$0.carrier, $0.bare] }) where !piece.isEmpty {
            let index = candidates.randomElement(using: &random)!
            lines[index] += " " + piece
        }
        return lines.joined(separator: "\n")
    }

    static func inject(_ injections: [Injection], intoLines original: [String], using random: inout SeededGenerator) -> [String] {
        var lines = original
        let candidates = lines.indices.filter { !lines[$0].isEmpty }
        guard !candidates.isEmpty else { return lines }
        for piece in injections.flatMap({ [$0.carrier, $0.bare] }) where !piece.isEmpty {
            let index = candidates.randomElement(using: &random)!
            lines[index] += " " + piece
        }
        return lines
    }

    // MARK: the reports

    static func reports(_ source: TimelineSource) throws -> [(name: String, text: String)] {
        let timeline = try TimelineAnalyzer.run(source, classifier: try Classifier())
        let diagnoses = try Diagnoser.builtin().diagnose(timeline)
        var header: SessionHeader?
        if case .session(let directory) = source { header = try SessionReader(directory: directory).header }
        let input = ReportInput(timeline: timeline, diagnoses: diagnoses, header: header)
        let document = try ReportDocument.build(input, excerpts: InputExcerptSource(source), redact: true)
        return [("report.md", MarkdownReportRenderer().render(document)), ("report.html", HtmlReportRenderer().render(document)),
                ("report.json", try ReportJSONRenderer().render(document))]
    }

    static func leaks(_ injections: [Injection], in outputs: [(name: String, text: String)], sample: String) -> [String] {
        var found: [String] = []
        for output in outputs {
            let lowered = output.text.lowercased()
            // HTML and JSON escape differently; the values hold no character either escapes but `"` in none.
            for injection in injections {
                for secret in injection.secrets where lowered.contains(secret.lowercased()) {
                    found.append("\(sample): \(output.name) holds \(injection.kind.rawValue) \(secret)")
                }
            }
        }
        return found
    }

    static func pseudonymKinds(in outputs: [(name: String, text: String)]) -> Set<RedactionKind> {
        Set(RedactionKind.allCases.filter { kind in outputs.contains { $0.text.contains("\(kind.rawValue)-1") } })
    }
}
