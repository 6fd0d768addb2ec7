import Foundation
import Testing
@testable import AmpScopeTestSupport

/// The folders of Sources/AmpScope use each other in one direction only (docs/ARCHITECTURE.md
/// gives the order): scripts/folder-deps.py reads which types each folder declares and uses, and
/// fails on a loop; these tests run it on the sources and on a small tree with a loop made on purpose.
@Suite struct FolderDependencyTests {
    static let script = RepositoryPaths.path("scripts/folder-deps.py")

    @Test func noTwoFoldersOfTheSourcesUseEachOther() throws {
        let run = try Self.runScript([])
        #expect(run.status == 0, "folder-deps.py found a loop between folders:\n\(run.stderr)\n\(run.stdout)")
        // The floors: System (the raw calls) uses no other folder, Core only System.
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.contains("System: -"), "System uses another folder:\n\(run.stdout)")
        #expect(lines.contains("Core: System"), "Core uses another folder than System:\n\(run.stdout)")
    }

    @Test func aLoopBetweenTwoFoldersIsFoundAndNamed() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("folder-deps-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.write(root, "Lower/Kind.swift", "public enum Kind { case a }\nfunc useUpper(_ u: Upper) {}\n")
        try Self.write(root, "Upper/Upper.swift", "// Kind in a comment is no use\nstruct Upper { var kind: Kind }\n")
        try Self.write(root, "Side/Side.swift", "let text = \"Upper and Kind in a string are no use\"\n")

        let looped = try Self.runScript(["--root", root.path])
        #expect(looped.status == 1, "a loop Lower <-> Upper was not found:\n\(looped.stdout)\(looped.stderr)")
        #expect(looped.stderr.contains("Lower -> Upper: Upper"), "\(looped.stderr)")
        #expect(looped.stderr.contains("Upper -> Lower: Kind"), "\(looped.stderr)")
        #expect(looped.stdout.contains("Side: -"), "names in comments and strings were taken for uses:\n\(looped.stdout)")

        try Self.write(root, "Lower/Kind.swift", "public enum Kind { case a }\n")
        let fixed = try Self.runScript(["--root", root.path])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixed.stdout.split(separator: "\n").map(String.init) == ["Lower: -", "Side: -", "Upper: Lower"], "\(fixed.stdout)")
    }

    static func write(_ root: URL, _ relative: String, _ text: String) throws {
        let file = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    /// python3 comes from .ci/run's package step.
    static func runScript(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else {
            throw TestFailure("/usr/bin/python3 is missing: .ci/run's \"packages\" step installs python3")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
