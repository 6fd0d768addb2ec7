import AmpScope
import ArgumentParser
import Foundation

/// An error already phrased for the user: printed as is, exit status 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// stdout, or a file created for the command's output.
struct OutputDestination {
    let descriptor: Int32
    private let owned: Bool

    init(path: String?) throws {
        guard let path, path != "-" else {
            descriptor = 1
            owned = false
            return
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CLIError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        descriptor = fd
        owned = true
    }

    func close() {
        if owned { _ = Foundation.close(descriptor) }
    }
}
