import Foundation

/// Where the tests find the repository and `../shared` beside it, from this file's own path,
/// so a clone anywhere works and nothing else outside the repository is read.
enum RepositoryPaths {
    /// The package root (this file is Tests/AmpScopeTestSupport/RepositoryPaths.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `../shared` beside the checkout (DOMAIN.md, tools/qemu-imx7).
    static var shared: URL { root.deletingLastPathComponent().appendingPathComponent("shared") }

    static var fixtures: URL { root.appendingPathComponent("Tests/Fixtures") }

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// Where the samples live: the repository's samples/ folder.
enum SampleCatalogue {
    static let directory = RepositoryPaths.root.appendingPathComponent("samples").path

    static func path(_ parts: String...) -> String {
        ([directory] + parts).joined(separator: "/")
    }

    /// Every folder under samples/ holding both a board and an expected file (demo/ has neither).
    static func sampleNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter {
            FileManager.default.fileExists(atPath: path($0, "board.board"))
                && FileManager.default.fileExists(atPath: path($0, "expected.yaml"))
        }.sorted()
    }
}

/// Values appended from another thread.
final class LockedList<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Value] = []

    func append(_ value: Value) { lock.withLock { stored.append(value) } }
    var values: [Value] { lock.withLock { stored } }
}
