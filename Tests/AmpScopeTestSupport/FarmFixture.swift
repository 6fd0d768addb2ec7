import AmpScope
import Foundation
import Testing

/// A small board farm on disk, made of the samples' board scripts compiled into real session
/// folders (`BoardScript.compile`, as `replay` and `demo` record them) and the samples' real logs:
/// folder per board, a session per run. What each run should show comes from its sample's
/// expected.yaml, not from the code under test.
struct FarmFixture {
    let root: String
    /// Per board, its runs in order: the sample each was made from.
    let runs: [(board: String, samples: [String])]

    /// colibri-3: eight healthy runs but the fifth, where the M4 halts at clock gating;
    /// verdin-1: two runs whose firmware is missing. `extra` adds boards.
    static func make(_ label: String, healthyRuns: Int = 8, differing: Int = 5, extra: [(String, [String])] = []) throws -> FarmFixture {
        let root = temporaryDirectory(label)
        var colibri = Array(repeating: "remoteproc-healthy", count: healthyRuns)
        colibri[differing - 1] = "legacy-m4-halted-at-clock-gating"
        let runs = [("colibri-3", colibri), ("verdin-1", ["remoteproc-firmware-missing", "remoteproc-firmware-missing"])] + extra
        for (board, samples) in runs {
            for (index, sample) in samples.enumerated() {
                try compile(sample, to: "\(root)/\(board)/run-\(index + 1)")
            }
        }
        return FarmFixture(root: root, runs: runs)
    }

    static func compile(_ sample: String, to directory: String) throws {
        let path = RepositoryPaths.root.path + "/samples/\(sample)/board.board"
        let script = try BoardScript.parse(try String(contentsOfFile: path, encoding: .utf8), fileName: "board.board")
        try FileManager.default.createDirectory(atPath: (directory as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try script.compile(to: directory)
    }

    static func expectedRules(_ sample: String) throws -> [String] {
        let expectation = try SampleExpectation.load(RepositoryPaths.root.path + "/samples/\(sample)/expected.yaml")
        return Array(Set(expectation.findings.map(\.rule))).sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
