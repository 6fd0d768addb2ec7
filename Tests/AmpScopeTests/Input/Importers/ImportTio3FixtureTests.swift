import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// One log pair that a real tio 3 wrote (Tests/Fixtures/tio-3/README.md): tio cannot be built
/// in CI, so its output was captured once with the host time each line was fed and seen.
struct Tio3Fixture: Sendable, CustomTestStringConvertible {
    enum Clock: Sendable { case dated, timeOfDay, sinceStart }

    var name: String
    var clock: Clock
    /// The stamp's resolution in seconds (tio truncates to it).
    var resolution: Double
    /// 24hour-delta: each stamp counts from the one before, so errors add up line by line.
    var intervals = false

    var testDescription: String { name }

    static let all: [Tio3Fixture] = [
        Tio3Fixture(name: "v3.9-24hour", clock: .timeOfDay, resolution: 0.001),
        Tio3Fixture(name: "v3.9-24hour-start", clock: .sinceStart, resolution: 0.001),
        Tio3Fixture(name: "v3.9-24hour-delta", clock: .sinceStart, resolution: 0.001, intervals: true),
        Tio3Fixture(name: "v3.9-iso8601", clock: .dated, resolution: 0.001),
        Tio3Fixture(name: "v3.9-epoch", clock: .dated, resolution: 0.001),
        Tio3Fixture(name: "cce94b9-epoch-usec", clock: .dated, resolution: 0.000001),
    ]
}

/// The host times the capture recorded for one console: `fed[i]` just before line i was written
/// to the PTY, `seen[i]` once tio's log held it; tio stamps the line in between.
struct Tio3Feed: Decodable {
    var fed: [Double]
    var seen: [Double]
    var lines: [String]
}

@Suite("Logs written by a real tio 3 read back with the host times they were fed at")
struct ImportTio3FixtureTests {
    /// Two readings of the realtime clock by two processes: the feeder's and tio's.
    static let clockEpsilon = 0.002

    static func feeds(_ fixture: Tio3Fixture) throws -> [String: Tio3Feed] {
        struct Times: Decodable { var consoles: [String: Tio3Feed] }
        let url = RepositoryPaths.fixtures.appendingPathComponent("tio-3/\(fixture.name)-times.json")
        return try JSONDecoder().decode(Times.self, from: Data(contentsOf: url)).consoles
    }

    @Test("every line's host time lies between when it was fed and when tio's log held it", arguments: Tio3Fixture.all)
    func readsBackFedTimes(_ fixture: Tio3Fixture) throws {
        let feeds = try Self.feeds(fixture)
        #expect(Set(feeds.keys) == ["a7", "m4"])
        for console in feeds.keys.sorted() {
            let feed = try #require(feeds[console])
            try check(fixture, console: console, feed: feed)
        }
    }

    private func check(_ fixture: Tio3Fixture, console: String, feed: Tio3Feed) throws {
        let path = RepositoryPaths.fixtures.appendingPathComponent("tio-3/\(fixture.name)-\(console).log").path
        let importer = try LogImporter(path: path, options: LogImportOptions(consoleName: console))
        var chunks: [Chunk] = []
        let summary = try importer.importAll { chunks.append($0) }
        let label = "\(fixture.name) \(console)"
        #expect(importer.detection.format == .tio, "\(label) detected as \(importer.detection.format)")
        #expect(summary.hasHostTimes, "\(label): \(summary.warnings)")
        #expect(summary.unstampedLines == 0, "\(label)")
        #expect(summary.warnings.allSatisfy { !$0.contains("went backwards") }, "\(label): \(summary.warnings)")
        let texts = chunks.map { String(decoding: $0.bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(texts == feed.lines, "\(label): every fed line, in order, and nothing else")
        guard texts.count == feed.lines.count, feed.fed.count == texts.count, feed.seen.count == texts.count else { return }
        let times = chunks.map(\.time)
        let tolerance = fixture.resolution + Self.clockEpsilon

        // Each line after the first, against the first: fed and seen bracket both stamps.
        for index in 1..<times.count {
            let read = Double(times[index] - times[0]) / 1e9
            let slack = fixture.intervals ? fixture.resolution * Double(index) + Self.clockEpsilon : tolerance
            let earliest = feed.fed[index] - feed.seen[0] - slack
            let latest = feed.seen[index] - feed.fed[0] + slack
            #expect(read >= earliest && read <= latest, "\(label) line \(index): read \(read) s after the first, fed and seen \(earliest)...\(latest) s after it")
        }

        switch fixture.clock {
        case .dated:
            // The stamps place every line on the host's clock: check the first and the last.
            let first = Double(try #require(summary.firstWallClock, "\(label): dated stamps give a wall clock")) / 1e9
            let last = Double(try #require(summary.lastWallClock)) / 1e9
            #expect(first >= feed.fed[0] - tolerance && first <= feed.seen[0] + tolerance, "\(label) first line at \(first), fed \(feed.fed[0]), seen \(feed.seen[0])")
            let end = feed.fed.count - 1
            #expect(last >= feed.fed[end] - tolerance && last <= feed.seen[end] + tolerance, "\(label) last line at \(last), fed \(feed.fed[end]), seen \(feed.seen[end])")
        case .timeOfDay:
            // Captured with TZ=UTC, so the time of day is the host's UTC one.
            let stamp = try #require(importer.firstStamp)
            guard case .timeOfDay(let nanosecondOfDay) = stamp else {
                Issue.record("\(label): first stamp \(stamp) is not a time of day")
                return
            }
            let stamped = Double(nanosecondOfDay) / 1e9
            let fedOfDay = feed.fed[0].truncatingRemainder(dividingBy: 86_400)
            let seenOfDay = fedOfDay + (feed.seen[0] - feed.fed[0])
            #expect(stamped >= fedOfDay - tolerance && stamped <= seenOfDay + tolerance, "\(label) first line at \(stamped) s of the day, fed \(fedOfDay), seen \(seenOfDay)")
            #expect(summary.firstWallClock == nil, "\(label): a time of day has no date")
        case .sinceStart:
            #expect(summary.firstWallClock == nil, "\(label): a count from tio's start has no date")
        }
    }
}
