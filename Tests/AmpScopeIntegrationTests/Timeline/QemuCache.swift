import Foundation
@testable import AmpScopeTestSupport

/// The QEMU board caches (Debian kernel, busybox, the U-Boot build) that `.ci/run`'s prepare
/// step fills with `boot-a7.sh fetch`, one per suite so that boards can run side by side. A test
/// never downloads or builds them itself: without them it fails and says which step to run.
enum QemuCache {
    static let names = ["boot", "timeline", "probe", "probe-uboot", "amp-board"]

    static func folder(_ name: String) throws -> String {
        let step = "run `bash .ci/run --prepare` (its \"QEMU board caches\" step fills them) and export the AMPSCOPE_QEMU_CACHE it prints"
        guard let root = ProcessInfo.processInfo.environment["AMPSCOPE_QEMU_CACHE"], !root.isEmpty else {
            throw TestFailure("AMPSCOPE_QEMU_CACHE is not set: \(step)")
        }
        let folder = root + "/" + name
        guard FileManager.default.fileExists(atPath: folder + "/.ampscope-prepared") else {
            throw TestFailure("\(folder) was not prepared: \(step)")
        }
        return folder
    }
}
