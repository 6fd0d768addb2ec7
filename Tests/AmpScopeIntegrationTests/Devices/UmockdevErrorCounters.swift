import Foundation
import Glibc
import Testing
@testable import AmpScopeTestSupport

/// The UART error counters of an emulated adapter: umockdev's ioctl handler API
/// (`umockdev_testbed_attach_ioctl` with a UMockdevIoctlBase whose "handle-ioctl" signal is
/// connected here) answers TIOCGICOUNT on the node with counts the test raises, as ftdi_sio
/// raises them when the chip reports an overrun. Every other ioctl runs for real on the PTY
/// behind the node, in the process that made it.
///
/// The handler is reached in every process of the testbed (the ampscope under test too),
/// which opens the node after `attach`: the preload library connects to the handler at open.
final class EmulatedErrorCounters: @unchecked Sendable {
    private typealias BaseNew = @convention(c) () -> UnsafeMutableRawPointer?
    private typealias SignalConnect = @convention(c) (
        UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafeRawPointer?, UnsafeMutableRawPointer?, UnsafeRawPointer?, Int32
    ) -> UInt
    private typealias Attach = @convention(c) (
        UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    ) -> Int32
    private typealias HandleIoctl = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Int32
    fileprivate typealias GetRequest = @convention(c) (UnsafeMutableRawPointer?) -> UInt
    fileprivate typealias GetArgument = @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?
    fileprivate typealias Resolve = @convention(c) (
        UnsafeMutableRawPointer?, Int, Int, UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    ) -> UnsafeMutableRawPointer?
    fileprivate typealias Complete = @convention(c) (UnsafeMutableRawPointer?, Int, Int32) -> Void
    fileprivate typealias Execute = @convention(c) (
        UnsafeMutableRawPointer?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    ) -> Int32

    /// TIOCGICOUNT from <asm-generic/ioctls.h>, and struct serial_icounter_struct from
    /// <linux/serial.h>: 20 ints, frame at 6, overrun 7, parity 8, brk 9, buf_overrun 10.
    static let request: UInt = 0x545D
    static let structureSize = 20 * MemoryLayout<Int32>.size
    enum Field: Int { case framing = 6, overrun = 7, parity = 8, breaks = 9, bufferOverrun = 10 }

    private let lock = NSLock()
    private var counts = [Int32](repeating: 0, count: 20)
    private var answered = 0
    /// Set when the handler could not answer (tests check `problem`).
    private var layoutProblem: String?
    fileprivate let getRequest: GetRequest
    fileprivate let getArgument: GetArgument
    fileprivate let resolve: Resolve
    fileprivate let complete: Complete
    fileprivate let execute: Execute
    fileprivate let unref: @convention(c) (UnsafeMutableRawPointer?) -> Void
    /// Kept for the life of the testbed: its worker thread calls back into this object.
    private var retained: Unmanaged<EmulatedErrorCounters>?

    /// Attaches the handler to `node` with the counters at `initial`.
    init(testbed: UmockdevTestbed, node: String, initial: [Field: Int32] = [:]) throws {
        let library = testbed.library
        getRequest = try UmockdevTestbed.symbol(library, "umockdev_ioctl_client_get_request")
        getArgument = try UmockdevTestbed.symbol(library, "umockdev_ioctl_client_get_arg")
        resolve = try UmockdevTestbed.symbol(library, "umockdev_ioctl_data_resolve")
        complete = try UmockdevTestbed.symbol(library, "umockdev_ioctl_client_complete")
        execute = try UmockdevTestbed.symbol(library, "umockdev_ioctl_client_execute")
        let gobject = try #require(dlopen("libgobject-2.0.so.0", RTLD_NOW), "libgobject-2.0.so.0 missing (a dependency of umockdev)")
        let connect: SignalConnect = try UmockdevTestbed.symbol(gobject, "g_signal_connect_data")
        unref = try UmockdevTestbed.symbol(gobject, "g_object_unref")
        for (field, value) in initial { counts[field.rawValue] = value }
        let newBase: BaseNew = try UmockdevTestbed.symbol(library, "umockdev_ioctl_base_new")
        let attach: Attach = try UmockdevTestbed.symbol(library, "umockdev_testbed_attach_ioctl")
        let handler = try #require(newBase(), "umockdev_ioctl_base_new failed")
        let callback: HandleIoctl = { _, client, context in
            guard let context else { return 0 }
            return Unmanaged<EmulatedErrorCounters>.fromOpaque(context).takeUnretainedValue().handle(client) ? 1 : 0
        }
        let retained = Unmanaged.passRetained(self)
        self.retained = retained
        let handlerID = connect(handler, "handle-ioctl", unsafeBitCast(callback, to: UnsafeRawPointer.self), retained.toOpaque(), nil, 0)
        try #require(handlerID != 0, "g_signal_connect_data(handle-ioctl) failed")
        var error: UnsafeMutableRawPointer?
        try #require(attach(testbed.testbed, node, handler, &error) != 0, "umockdev_testbed_attach_ioctl(\(node)) failed")
    }

    /// Raises the counters, as the driver does when the chip reports errors.
    func raise(_ field: Field, by amount: Int32) {
        lock.lock()
        counts[field.rawValue] += amount
        lock.unlock()
    }

    var problem: String? {
        lock.lock()
        defer { lock.unlock() }
        return layoutProblem
    }

    /// How many TIOCGICOUNT requests were answered so far.
    var answeredCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return answered
    }

    /// On the testbed's worker thread, for each ioctl of a process on the node.
    fileprivate func handle(_ client: UnsafeMutableRawPointer?) -> Bool {
        guard getRequest(client) == Self.request else {
            var error: Int32 = 0
            let result = execute(client, &error, nil)
            complete(client, Int(result), error)
            return true
        }
        var failure: UnsafeMutableRawPointer?
        guard let argument = getArgument(client), let data = resolve(argument, 0, Self.structureSize, &failure) else {
            complete(client, -1, EFAULT)
            return true
        }
        // resolve() returns a reference of its own; the argument keeps another until complete().
        defer { unref(data) }
        // struct _UMockdevIoctlData in umockdev.h (libumockdev-dev 0.17.16): a GObject (24
        // bytes), then `guint8 *data; gint data_len`; the length is checked before writing.
        let bytes = data.load(fromByteOffset: 24, as: UnsafeMutableRawPointer?.self)
        let length = data.load(fromByteOffset: 32, as: Int32.self)
        guard let bytes, length == Int32(Self.structureSize) else {
            lock.lock()
            defer { lock.unlock() }
            layoutProblem = "UMockdevIoctlData layout not as expected: data_len \(length) where \(Self.structureSize) was resolved"
            complete(client, -1, EIO)
            return true
        }
        lock.lock()
        counts.withUnsafeBytes { bytes.copyMemory(from: $0.baseAddress!, byteCount: Self.structureSize) }
        answered += 1
        lock.unlock()
        complete(client, 0, 0)
        return true
    }
}
