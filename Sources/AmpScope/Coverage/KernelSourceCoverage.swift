import Foundation

/// Which of a kernel tree's remote-processor print formats the line definitions recognize.
/// Every format is rendered into the line the kernel would print (device prefix included) and
/// classified; an error or warning format counts as covered only by a definition of warning or
/// error severity, so a failure that would be read as a healthy event is not counted.
public struct KernelSourceCoverage: Sendable {
    public struct Row: Sendable {
        public var folder: String
        public var file: String
        public var call: PrintCall
        /// The line the kernel would print for this format.
        public var sample: String
        /// The definition the sample is classified as, if any.
        public var definition: ParserDefinition?

        public var isCovered: Bool {
            guard let definition else { return false }
            return !call.level.isErrorOrWarning || definition.severity >= .warning
        }
    }

    public struct FolderTotal: Sendable, Equatable {
        public var folder: String
        public var strings: Int
        public var covered: Int
        public var errorWarningStrings: Int
        public var errorWarningCovered: Int
    }

    public var rows: [Row]

    /// The folders read, and for each which C files (nil: all of them).
    public typealias Selection = [(folder: String, files: [String]?)]

    public static let selection: Selection = [
        ("drivers/remoteproc", nil),
        ("drivers/rpmsg", nil),
        ("drivers/mailbox", ["mailbox.c", "imx-mailbox.c", "stm32-ipcc.c", "omap-mailbox.c", "ti-msgmgr.c",
                             "zynqmp-ipi-mailbox.c", "qcom-apcs-ipc-mailbox.c", "qcom-ipcc.c"]),
    ]

    /// U-Boot's remote-processor paths: the rproc command and drivers, i.MX bootaux, go,
    /// STM32MP's stm32prog and coprocessor loader, the arm64 exception vectors and ZynqMP's
    /// `cpu N release` of the R5 cores.
    public static let ubootSelection: Selection = [
        ("cmd", ["remoteproc.c", "boot.c"]),
        ("drivers/remoteproc", nil),
        ("arch/arm/mach-imx", ["imx_bootaux.c"]),
        ("arch/arm/mach-stm32mp/cmd_stm32prog", nil),
        ("board/st/stm32mp1", ["stm32mp1.c"]),
        ("arch/arm/lib", ["interrupts_64.c"]),
        ("arch/arm/mach-zynqmp", ["mp.c"]),
    ]

    /// The folders these rows came from, in the order they were read.
    public var folders: [String]

    /// Reads the selected folders of the kernel tree at `root` and classifies every format.
    public static func measure(kernelSource root: String, classifier: Classifier) throws(CoverageError) -> KernelSourceCoverage {
        try measure(tree: root, selection: selection, bootloader: false, classifier: classifier)
    }

    /// The same for a U-Boot tree: its lines carry no printk time.
    public static func measure(ubootSource root: String, classifier: Classifier) throws(CoverageError) -> KernelSourceCoverage {
        try measure(tree: root, selection: ubootSelection, bootloader: true, classifier: classifier)
    }

    static func measure(tree root: String, selection: Selection, bootloader: Bool, classifier: Classifier) throws(CoverageError) -> KernelSourceCoverage {
        var rows: [Row] = []
        for (folder, wanted) in selection {
            let path = root + "/" + folder
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                throw .missingFolder(path)
            }
            let files = names.filter { $0.hasSuffix(".c") && (wanted?.contains($0) ?? true) }.sorted()
            for name in files {
                guard let data = FileManager.default.contents(atPath: path + "/" + name) else {
                    throw .unreadable(path + "/" + name)
                }
                let source = String(decoding: data, as: UTF8.self)
                let naming = KernelFileNaming(fileName: name, source: source)
                for var call in PrintCallScanner.scan(source) {
                    if bootloader, call.level == .unleveled, let level = PrintLevel.inferred(fromUBootFormat: call.format) {
                        call.level = level
                        call.levelInferred = true
                    }
                    let sample = (bootloader ? "" : "[   12.345678] ") + naming.prefix(for: call)
                        + FormatRenderer.render(call.format, literalArguments: call.literalArguments)
                    let match = Array(sample.utf8).withUnsafeBytes { classifier.classify($0, consoleKind: .application) }
                    rows.append(Row(folder: folder, file: name, call: call, sample: sample,
                                    definition: match.map { classifier.definitions[$0.definitionIndex] }))
                }
            }
        }
        if rows.isEmpty { throw .noPrints(root) }
        return KernelSourceCoverage(rows: rows, folders: selection.map(\.folder))
    }

    public var totals: [FolderTotal] {
        folders.map { folder in
            let inFolder = rows.filter { $0.folder == folder }
            let loud = inFolder.filter { $0.call.level.isErrorOrWarning }
            return FolderTotal(folder: folder, strings: inFolder.count, covered: inFolder.filter(\.isCovered).count,
                               errorWarningStrings: loud.count, errorWarningCovered: loud.filter(\.isCovered).count)
        }
    }
}

/// A kernel tree that cannot be measured, and what to give instead.
public enum CoverageError: Error, CustomStringConvertible, Equatable {
    case missingFolder(String)
    case unreadable(String)
    case noPrints(String)
    case malformedRemotePrint(path: String, line: Int)

    public var description: String {
        switch self {
        case .missingFolder(let path):
            return "\(path) does not exist: give the top of a kernel source tree (the folder holding drivers/), "
                + "e.g. one extracted from /usr/src/linux-source-*.tar.xz (apt-get install linux-source)"
        case .unreadable(let path):
            return "cannot read \(path); check its permissions"
        case .noPrints(let path):
            return "no print calls found in the remote-processor folders under \(path); is it a kernel (or U-Boot) source tree?"
        case .malformedRemotePrint(let path, let line):
            return "\(path) line \(line): expected 8 tab-separated columns (repo, ref, path, line, print, level, prefix, format) "
                + "with a level of error, warning, notice, info or unleveled"
        }
    }
}
