import Foundation
@testable import AmpScopeTestSupport

/// A port's baud rates and exclusive flag as the kernel holds them, read by python3's fcntl
/// (TCGETS2 and TIOCGEXCL), not by the shims under test, so expected values stay independent.
enum KernelTermios {
    static let reader = #"""
        import fcntl, json, os, struct, sys
        fd = os.open(sys.argv[1], os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
        TCGETS2, TIOCGEXCL = 0x802C542A, 0x80045440
        raw = fcntl.ioctl(fd, TCGETS2, bytes(44))
        ispeed, ospeed = struct.unpack_from("=II", raw, 36)
        exclusive = struct.unpack("=i", fcntl.ioctl(fd, TIOCGEXCL, bytes(4)))[0]
        os.close(fd)
        print(json.dumps({"input": ispeed, "output": ospeed, "exclusive": exclusive}))
        """#

    static func read(_ path: String) throws -> (input: Int, output: Int, exclusive: Bool) {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw TestFailure("python3 is missing: the packages step of .ci/run installs it")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", reader, path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let result = try JSONSerialization.jsonObject(with: data) as? [String: Int],
              let input = result["input"], let output = result["output"], let exclusive = result["exclusive"]
        else { throw TestFailure("could not read the termios of \(path): \(problem)") }
        return (input, output, exclusive != 0)
    }
}

/// A control character of a termios, read straight from the libc structure.
func controlCharacter(_ attributes: termios, _ index: Int32) -> UInt8 {
    withUnsafeBytes(of: attributes.c_cc) { $0[Int(index)] }
}

func setControlCharacter(_ attributes: inout termios, _ index: Int32, _ value: UInt8) {
    withUnsafeMutableBytes(of: &attributes.c_cc) { $0[Int(index)] = value }
}
