import Foundation
import Testing
@testable import AmpScopeTestSupport

/// `analyze --format junit` is valid against the JUnit XML schema Jenkins' xunit plugin
/// publishes (junit-10.xsd, MIT; `.ci/run` takes it from pytest's source distribution on PyPI,
/// whose own tests validate against it), checked by xmllint: one input, a garbled console, a
/// farm folder with a session that cannot be read. A document the schema must refuse is refused,
/// so a validation that let anything through would fail here.
@Suite struct AnalyzeJUnitSchemaTests {
    static func schema() throws -> String {
        let path = ProcessInfo.processInfo.environment["AMPSCOPE_JUNIT_XSD"] ?? "/var/cache/ampscope-ci/junit-xsd-pytest-8.3.4/junit-10.xsd"
        try #require(FileManager.default.fileExists(atPath: path),
                     "no JUnit schema at \(path): .ci/run step \"JUnit XML schema\" fetches it and exports AMPSCOPE_JUNIT_XSD")
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint"), "no xmllint: .ci/run step \"packages\" installs libxml2-utils")
        return path
    }

    /// xmllint's verdict on `xml`: exit status and what it said.
    static func validate(_ xml: String) throws -> (status: Int32, stderr: String) {
        let directory = temporaryDirectory("junit-xsd")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try xml.write(toFile: directory + "/junit.xml", atomically: true, encoding: .utf8)
        return try ToolProcess.runCommand(["/usr/bin/xmllint", "--noout", "--schema", try schema(), directory + "/junit.xml"])
    }

    @Test(arguments: AnalyzeJUnitConsumerTests.logs)
    func oneInputIsValid(_ path: String) throws {
        let junit = try ToolProcess.run(["analyze", "--a7", try AnalyzeTAPConsumerTests.logPath(path), "--format", "junit"])
        let check = try Self.validate(junit.stdout)
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func aGarbledConsoleIsValid() throws {
        let directory = temporaryDirectory("junit-garbage")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FarmFixture.compile("legacy-wrong-baud", to: directory)
        let junit = try ToolProcess.run(["analyze", directory, "--format", "junit"])
        #expect(junit.stdout.contains("<failure"), "the garbage rule fails with the garbled lines as evidence")
        let check = try Self.validate(junit.stdout)
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func aFarmFolderIsValidWithAnUnreadableSession() throws {
        let farm = try FarmFixture.make("junit-xsd-farm", healthyRuns: 3, differing: 2)
        defer { farm.remove() }
        try FileManager.default.createDirectory(atPath: farm.root + "/verdin-1/run-3", withIntermediateDirectories: true)
        try Data("not a session\n".utf8).write(to: URL(fileURLWithPath: farm.root + "/verdin-1/run-3/session.amps"))
        let junit = try ToolProcess.run(["analyze", farm.root, "--format", "junit"])
        #expect(junit.stdout.contains("<error type=\"unreadable\""))
        let check = try Self.validate(junit.stdout)
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func theSchemaRefusesWhatItShould() throws {
        // A test case without its required name, and a suite without its counts.
        let invalid = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites><testsuite name="boot 1"><testcase classname="ampscope"/></testsuite></testsuites>
            """
        let check = try Self.validate(invalid)
        #expect(check.status != 0, "xmllint accepted an invalid document: \(check.stderr)")
    }
}
