import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// FarmRunner hands out each input's events whole and in input order whatever the number of
/// threads, and a consumer that fails stops it: later inputs are not handed out and every
/// reading thread ends (a hang here fails at the deadline).
@Suite struct FarmRunnerTests {
    static func runner(jobs: Int) throws -> FarmRunner {
        FarmRunner(classifier: try Classifier(), diagnoser: try Diagnoser.builtin(), jobs: jobs)
    }

    /// Started, boots, finished: one letter each, per input.
    static func shape(_ event: FarmRunner.Event) -> Character {
        switch event {
        case .started: "s"
        case .boot: "b"
        case .finished: "f"
        case .failed: "x"
        }
    }

    @Test func eventsComeWholeAndInInputOrderForAnyNumberOfThreads() throws {
        let farm = try FarmFixture.make("farm-runner", healthyRuns: 6, differing: 3)
        defer { farm.remove() }
        try FileManager.default.createDirectory(atPath: farm.root + "/verdin-1/run-3", withIntermediateDirectories: true)
        try Data("not a session\n".utf8).write(to: URL(fileURLWithPath: farm.root + "/verdin-1/run-3/session.amps"))
        let inputs = try FarmInputs.discover([farm.root]).inputs
        var shapes: [[String]] = []
        for jobs in [1, 3] {
            var seen: [(Int, Character)] = []
            try Self.runner(jobs: jobs).run(inputs) { index, event in seen.append((index, Self.shape(event))) }
            #expect(seen.map(\.0) == seen.map(\.0).sorted(), "input order, \(jobs) threads")
            let perInput = inputs.indices.map { index in String(seen.filter { $0.0 == index }.map(\.1)) }
            shapes.append(perInput)
        }
        #expect(shapes[0] == shapes[1])
        #expect(shapes[0] == Array(repeating: "sbf", count: 8) + ["sx"], "each session one boot; the damaged one fails")
    }

    @Test func aFailingConsumerStopsTheOthers() throws {
        let farm = try FarmFixture.make("farm-runner-stop", healthyRuns: 10, differing: 10)
        defer { farm.remove() }
        let inputs = try FarmInputs.discover([farm.root]).inputs
        struct Stop: Error {}
        let outcome = Outcome()
        let runner = try Self.runner(jobs: 3)
        let thread = Thread {
            var last = -1
            do {
                try runner.run(inputs) { index, _ in
                    last = index
                    if index == 4 { throw Stop() }
                }
                outcome.set(false, last)
            } catch {
                outcome.set(error is Stop, last)
            }
        }
        thread.start()
        let result = try waitFor("run returns after its consumer failed") { outcome.get() }
        #expect(result.error, "the consumer's error comes back")
        #expect(result.last == 4, "nothing after the failing input is handed out")
    }

    /// What the running thread saw, read by the test's thread.
    final class Outcome: @unchecked Sendable {
        // @unchecked: `value` is only touched under `lock`.
        private let lock = NSLock()
        private var value: (error: Bool, last: Int)?
        func set(_ error: Bool, _ last: Int) { lock.withLock { value = (error, last) } }
        func get() -> (error: Bool, last: Int)? { lock.withLock { value } }
    }
}
