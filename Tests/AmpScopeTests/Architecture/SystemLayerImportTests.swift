import Foundation
import Testing
@testable import AmpScopeTestSupport

/// Every raw C call lives in Sources/AmpScope/System behind a typed API: no other Swift file of
/// Sources/ imports the C library (Glibc, Darwin) or the C shim modules (docs/ARCHITECTURE.md).
@Suite struct SystemLayerImportTests {
    static let cModules: Set<String> = ["Glibc", "Darwin", "CAmpScopeShims", "CUdevLoader"]

    /// Files not yet moved behind System/ (issue 18): none left. The list may only shrink: a
    /// listed file that no longer imports a C module fails too, so it is taken off when it is moved.
    static let notYetMoved: Set<String> = []

    /// The Swift files of Sources/ outside System/ and the C modules each imports.
    static func cImports(under root: URL) throws -> [String: Set<String>] {
        let sources = root.appendingPathComponent("Sources")
        var found: [String: Set<String>] = [:]
        guard let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else { return [:] }
        for case let file as URL in walker where file.pathExtension == "swift" {
            let relative = String(file.path.dropFirst(root.path.count + 1))
            if relative.hasPrefix("Sources/AmpScope/System/") { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                      words[..<index].allSatisfy({ $0.hasPrefix("@") }) else { continue }
                if cModules.contains(words[index + 1]) { found[relative, default: []].insert(words[index + 1]) }
            }
        }
        return found
    }

    @Test func onlyTheSystemLayerImportsTheCLibrary() throws {
        let found = try Self.cImports(under: RepositoryPaths.root)
        let outside = found.filter { !Self.notYetMoved.contains($0.key) }
        #expect(outside.isEmpty, "raw C calls outside Sources/AmpScope/System (move them behind a typed API there): \(outside.sorted { $0.key < $1.key })")
        let moved = Self.notYetMoved.filter { found[$0] == nil }
        #expect(moved.isEmpty, "take these off notYetMoved, they import no C module any more: \(moved.sorted())")
    }

    @Test func anImportOutsideTheSystemLayerIsFound() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("system-imports-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = [
            "Sources/AmpScope/System/Raw.swift": "#if canImport(Glibc)\nimport Glibc\n#endif\n",
            "Sources/AmpScope/Serial/Port.swift": "import SystemPackage\n#if canImport(Glibc)\n  import Glibc\n#endif\n",
            "Sources/AmpScope/Devices/Udev.swift": "@_implementationOnly import CUdevLoader\n",
            "Sources/AmpScope/Report/Text.swift": "// import Glibc is only named here\nlet text = \"import Darwin\"\n",
        ]
        for (path, text) in files {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let found = try Self.cImports(under: root)
        #expect(found == ["Sources/AmpScope/Serial/Port.swift": ["Glibc"], "Sources/AmpScope/Devices/Udev.swift": ["CUdevLoader"]])
    }
}
