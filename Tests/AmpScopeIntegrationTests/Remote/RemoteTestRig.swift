import AmpScope
import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import AmpScopeTestSupport

/// The usual remote test rig: an a7 "board" exported by a real ser2net (RFC 2217) and an m4
/// on a local PTY, captured until the m4 prints END-OF-TEST, both consoles opened.
struct RemoteBesideLocalCapture {
    let a7: TestPTY
    let m4: TestPTY
    let ser2net: Ser2netProcess
    let directory: String
    let capture: ToolProcess

    init(label: String) throws {
        a7 = try TestPTY()
        m4 = try TestPTY()
        ser2net = try Ser2netProcess([(.rfc2217, a7.slavePath)])
        directory = temporaryDirectory(label)
        capture = try ToolProcess([
            "capture", "--a7", ser2net.exports[0].selector, "--m4", m4.slavePath, "-o", directory, "--until", "m4:END-OF-TEST", "--quiet",
        ])
        try a7.waitUntilOpened()
        try m4.waitUntilOpened()
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

/// A loopback port that takes no connection: listening with a full accept queue, so Linux
/// drops further SYNs and a connect neither succeeds nor fails until its timeout.
final class BlackHoleListener {
    let port: UInt16
    private let listener: Int32
    private var fillers: [Int32] = []

    init(port wanted: UInt16) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var reuse: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = wanted.bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(listener, raw, length) == 0 && listen(listener, 0) == 0 && getsockname(listener, raw, &length) == 0
            }
        }
        guard listening else {
            close(listener)
            throw TestFailure("could not listen on 127.0.0.1:\(wanted): errno \(errno)")
        }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        for _ in 0..<3 {
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue), 0)
            _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, length) } }
            fillers.append(filler)
        }
        // The queue is full once the first filler's connection is established.
        let fillers = fillers
        try waitUntil("a filler connection to 127.0.0.1:\(port) is established") {
            var entries = fillers.map { pollfd(fd: $0, events: Int16(POLLOUT), revents: 0) }
            _ = poll(&entries, nfds_t(entries.count), 0)
            return entries.contains { $0.revents & Int16(POLLOUT) != 0 }
        }
    }

    deinit {
        fillers.forEach { close($0) }
        close(listener)
    }
}
