import Foundation

/// What the kernel prints before a message from one C file: `dev_*` prints the driver's name
/// and the device's name, `pr_*` prints the file's `pr_fmt` prefix.
struct KernelFileNaming {
    /// The platform (or rpmsg, virtio) driver the file registers, as `dev_driver_string` gives it.
    var driverName: String?
    var moduleName: String
    var prFormat: String?
    /// The remoteproc core's own files print through the rproc device ("remoteproc remoteproc0").
    var isRemoteprocCore: Bool
    var isMailbox: Bool

    init(fileName: String, source: String) {
        moduleName = String(fileName.dropLast(2)).replacingOccurrences(of: "-", with: "_")
        isRemoteprocCore = fileName.hasPrefix("remoteproc_") && fileName != "remoteproc_virtio.c"
        isMailbox = fileName.contains("mailbox") || fileName.contains("ipcc") || fileName.contains("msgmgr")
        driverName = Self.firstCapture(#"\.(?:driver|drv)\s*=\s*\{[^}]*?\.name\s*=\s*("[^"]+"|KBUILD_MODNAME)"#, source)
            ?? Self.firstCapture(#"U_BOOT_DRIVER\(\w+\)\s*=\s*\{[^}]*?\.name\s*=\s*("[^"]+")"#, source)
            ?? Self.firstCapture(#"\.(?:driver|drv)\.name\s*=\s*("[^"]+"|KBUILD_MODNAME)"#, source)
        if driverName == "KBUILD_MODNAME" { driverName = moduleName } else { driverName = driverName.map { $0.trimmingCharacters(in: ["\""]) } }
        prFormat = Self.firstCapture(#"#define\s+pr_fmt\(fmt\)\s+(.+)"#, source)
    }

    func prefix(for call: PrintCall) -> String {
        // dev_err_probe prints "error %pe: " before the message.
        let probe = call.function == "dev_err_probe" ? "error -EINVAL: " : ""
        // U-Boot's stm32prog_err keeps the message and prints it as "Error: %s".
        let stm32prog = call.function == "stm32prog_err" ? "Error: " : ""
        return devicePrefix(for: call) + probe + stm32prog
    }

    func devicePrefix(for call: PrintCall) -> String {
        if let device = call.deviceArgument {
            if isRemoteprocCore || device.hasSuffix("rproc->dev") { return "remoteproc remoteproc0: " }
            if device.hasSuffix("vdev->dev") && moduleName == "virtio_rpmsg_bus" { return "virtio_rpmsg_bus virtio0: " }
            // Mailbox controllers are named after their DT node, mailbox@address; the framework
            // (mailbox.c) prints through whichever controller it serves.
            if isMailbox { return "\(driverName ?? "mbox-controller") 30aa0000.mailbox: " }
            return "\(driverName ?? moduleName) a0000000.core: "
        }
        guard call.function.hasPrefix("pr_"), let prFormat else { return "" }
        if prFormat.contains("KBUILD_MODNAME") { return moduleName + ": " }
        if prFormat.contains("__func__") { return (call.enclosingFunction ?? moduleName) + ": " }
        return Self.firstCapture(#""([^"]*)""#, prFormat) ?? ""
    }

    static func firstCapture(_ pattern: String, _ text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }
}
