import Foundation
import Glibc
import Testing
@testable import AmpScopeTestSupport

/// An umockdev testbed in this process: a fake /sys and /dev that libudev, open(2) and the
/// ampscope processes started from here see instead of the real ones. It needs the preload
/// library (LD_PRELOAD=libumockdev-preload, set by umockdev-wrapper); `UmockdevTestbed.run`
/// re-executes one test of this binary under umockdev-wrapper when it is not there yet.
///
/// libumockdev is reached with dlopen so the tests need only the runtime package (umockdev),
/// not its headers. One testbed per process: UMOCKDEV_DIR is process-global.
final class UmockdevTestbed {
    private typealias New = @convention(c) () -> UnsafeMutableRawPointer?
    private typealias AddFromString = @convention(c) (
        UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    ) -> Int32
    private typealias Uevent = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Void
    private typealias Remove = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void
    private typealias SetAttribute = @convention(c) (
        UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?
    ) -> Void
    private typealias DeviceDescriptor = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32
    private typealias RootDirectory = @convention(c) (UnsafeMutableRawPointer?) -> UnsafePointer<CChar>?
    private typealias Unref = @convention(c) (UnsafeMutableRawPointer?) -> Void

    static let wrapper = "/usr/bin/umockdev-wrapper"
    static var preloaded: Bool {
        (ProcessInfo.processInfo.environment["LD_PRELOAD"] ?? "").contains("libumockdev-preload")
    }

    let testbed: UnsafeMutableRawPointer
    let library: UnsafeMutableRawPointer

    init() throws {
        try #require(Self.preloaded, "an umockdev testbed needs the preload library: run under \(Self.wrapper)")
        library = try #require(dlopen("libumockdev.so.0", RTLD_NOW), "libumockdev.so.0 missing: apt-get install umockdev")
        let create: New = try Self.symbol(library, "umockdev_testbed_new")
        testbed = try #require(create(), "umockdev_testbed_new failed")
    }

    deinit {
        // Unreffing the testbed removes its folder and unsets UMOCKDEV_DIR.
        if let gobject = dlopen("libgobject-2.0.so.0", RTLD_NOW),
           let unref: Unref = try? Self.symbol(gobject, "g_object_unref") {
            unref(testbed)
        }
    }

    var rootDirectory: String {
        guard let root: RootDirectory = try? Self.symbol(library, "umockdev_testbed_get_root_dir"),
              let text = root(testbed) else { return "" }
        return String(cString: text)
    }

    /// Adds the devices of a .umockdev description; each paragraph sends its "add" uevent.
    func add(_ description: String) throws {
        let add: AddFromString = try Self.symbol(library, "umockdev_testbed_add_from_string")
        var error: UnsafeMutableRawPointer?
        if add(testbed, description, &error) == 0 {
            // GError is { GQuark domain; gint code; gchar *message }.
            let message = error.flatMap { $0.load(fromByteOffset: 8, as: UnsafePointer<CChar>?.self) }
            Issue.record("umockdev refused the description: \(message.map { String(cString: $0) } ?? "unknown error")")
            throw CancellationError()
        }
    }

    func addFixture(_ name: String) throws {
        try add(try String(contentsOfFile: Self.fixturePath(name), encoding: .utf8))
    }

    /// Unplugs a device: a "remove" uevent for the tty (umockdev 0.17.16 sends none itself),
    /// then the USB device's folder with everything below it.
    func unplug(tty: String, usbDevice: String, node: String) throws {
        let uevent: Uevent = try Self.symbol(library, "umockdev_testbed_uevent")
        let remove: Remove = try Self.symbol(library, "umockdev_testbed_remove_device")
        uevent(testbed, tty, "remove")
        remove(testbed, usbDevice)
        forgetRemovedNode(node)
    }

    /// umockdev 0.17.16's remove_device leaves the node, its PTY map entry and the /sys/bus,
    /// /sys/class and /sys/dev links of what it removed (fixed in 0.18.4), and adding the same
    /// device again then aborts on them. The testbed folder is outside /sys and /dev, so plain
    /// file calls reach it unredirected.
    private func forgetRemovedNode(_ node: String) {
        let root = rootDirectory
        let name = String(node.dropFirst("/dev/".count))
        if let pty = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(root)/dev/\(name)") {
            unlink("\(root)/dev/.ptymap/\(pty.replacingOccurrences(of: "/", with: "_"))")
        }
        unlink("\(root)/dev/\(name)")
        unlink("\(root)/dev/.node/\(name.replacingOccurrences(of: "/", with: "_"))")
        var folders = ["\(root)/sys/dev/char", "\(root)/dev/serial/by-id", "\(root)/dev/serial/by-path"]
        for group in ["bus", "class"] {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/sys/\(group)")) ?? [] {
                folders.append("\(root)/sys/\(group)/\(entry)" + (group == "bus" ? "/devices" : ""))
            }
        }
        for folder in folders {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                let path = "\(folder)/\(entry)"
                var link = stat()
                var target = stat()
                if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK, stat(path, &target) != 0 { unlink(path) }
            }
        }
    }

    func setAttribute(_ deviceSysPath: String, _ name: String, _ value: String) throws {
        let set: SetAttribute = try Self.symbol(library, "umockdev_testbed_set_attribute")
        set(testbed, deviceSysPath, name, value)
    }

    /// The master side of the PTY behind an emulated node: what is written here, the port reads.
    func masterDescriptor(_ node: String) throws -> Int32 {
        let get: DeviceDescriptor = try Self.symbol(library, "umockdev_testbed_get_dev_fd")
        let descriptor = get(testbed, node)
        try #require(descriptor >= 0, "no emulated device at \(node)")
        return descriptor
    }

    static func fixturePath(_ name: String) -> String {
        RepositoryPaths.fixtures.appendingPathComponent("udev/\(name).umockdev").path
    }

    static func symbol<T>(_ library: UnsafeMutableRawPointer, _ name: String) throws -> T {
        let address = try #require(dlsym(library, name), "\(name) not found in libumockdev")
        return unsafeBitCast(address, to: T.self)
    }

    /// Runs `body` with a fresh testbed when this process is under the preload; otherwise runs
    /// this one test again in a child of this test binary under umockdev-wrapper and expects it
    /// to pass there. A missing umockdev fails the test: it never silently skips.
    static func run(suite: String, test: String = #function, _ body: (UmockdevTestbed) throws -> Void) throws {
        if preloaded {
            let testbed = try UmockdevTestbed()
            try body(testbed)
            return
        }
        try #require(FileManager.default.isExecutableFile(atPath: wrapper),
                     "\(wrapper) missing: apt-get install umockdev (CI installs it in .ci/run)")
        let name = String(test.prefix { $0 != "(" })
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrapper)
        process.arguments = [CommandLine.arguments[0], "--testing-library", "swift-testing", "--filter", "\(suite)/\(name)\\("]
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "under umockdev-wrapper:\n\(text)")
        // Guards against a filter that matched nothing, which would also exit 0.
        #expect(text.contains("Test run with 1 test"), "the child ran no test:\n\(text)")
    }
}
