import AmpScope
import ArgumentParser
import Foundation

extension RulesCommand {
    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "coverage",
            abstract: "Measure which remoteproc, rpmsg and mailbox print formats of a kernel tree the definitions recognize.",
            discussion: """
                Reads every dev_err/dev_warn/dev_info/dev_err_probe, pr_* and printk format string \
                (dev_dbg is left out) of drivers/remoteproc, drivers/rpmsg and the mailbox drivers \
                of AMP SoCs (imx, stm32-ipcc, omap, ti-msgmgr, zynqmp-ipi, qcom), renders each \
                into the line the kernel prints, and names the definition that classifies it. \
                An error or warning format counts as covered only by a warning or error \
                definition. Ends with totals per folder; exits 1 when --minimum is not met by a \
                tree (kernel and U-Boot are held to it each). --uboot-source adds U-Boot's rproc, bootaux, \
                go, stm32prog, ZynqMP R5 release and arm64 exception prints. printf has no level \
                there: a printf whose words say something failed (fail, error, invalid, cannot, \
                unable, not found, unsupported, abort...) is counted as an error and listed as \
                "error*"; other printfs are listed as unleveled. --remote-prints reads the table of \
                what remote firmware prints (rpmsg-lite demos, OpenAMP, Zephyr, TI MCU+ SDK, \
                STM32Cube), each line with the repository, ref and file it was read from, and \
                classifies each as a line of the M-core console.

                Examples:
                  tar -xJf /usr/src/linux-source-6.1.tar.xz \\
                      linux-source-6.1/drivers/{remoteproc,rpmsg,mailbox}
                  ampscope rules coverage --kernel-source linux-source-6.1
                  ampscope rules coverage --kernel-source linux-source-6.1 --uncovered
                  ampscope rules coverage --uboot-source u-boot --totals-only
                  ampscope rules coverage --remote-prints parsers/remote-side/prints.tsv
                """
        )

        @Option(help: ArgumentHelp("Top of a kernel source tree (the folder holding drivers/).", valueName: "dir"))
        var kernelSource: String?

        @Option(help: ArgumentHelp("Top of a U-Boot source tree: its rproc, bootaux, go and stm32prog paths are measured too.", valueName: "dir"))
        var ubootSource: String?

        @Option(help: ArgumentHelp("A table of the remote firmware's console lines (parsers/remote-side/prints.tsv): their coverage on the M-core console is measured too.", valueName: "file"))
        var remotePrints: String?

        @Option(help: ArgumentHelp("A folder of your own *.yaml definitions to count as well; repeatable.", valueName: "folder"))
        var user: [String] = []

        @Flag(help: "List only the formats nothing covers.")
        var uncovered = false

        @Flag(help: "Show under each format the line it was rendered into (what the definitions were tried on).")
        var lines = false

        @Flag(help: "Print only the totals per folder.")
        var totalsOnly = false

        @Option(help: ArgumentHelp("Fail (exit 1) when fewer error and warning formats than this percentage are covered.", valueName: "percent"))
        var minimum: Int?

        func validate() throws {
            if let minimum, !(0...100).contains(minimum) { throw ValidationError("--minimum is a percentage from 0 to 100") }
            if kernelSource == nil && ubootSource == nil && remotePrints == nil {
                throw ValidationError("give --kernel-source DIR, --uboot-source DIR, --remote-prints FILE, or several")
            }
        }

        func run() throws {
            var measured: [KernelSourceCoverage] = []
            do {
                let classifier = Classifier(definitions: try DefinitionLoader.load(userFolders: user))
                if let kernelSource { measured.append(try KernelSourceCoverage.measure(kernelSource: kernelSource, classifier: classifier)) }
                if let ubootSource { measured.append(try KernelSourceCoverage.measure(ubootSource: ubootSource, classifier: classifier)) }
                if let remotePrints { measured.append(try KernelSourceCoverage.measure(remotePrints: remotePrints, classifier: classifier)) }
            } catch {
                throw CLIError("\(error)")
            }
            for coverage in measured {
                if !totalsOnly { for line in coverage.listing(onlyUncovered: uncovered, withSamples: lines) { print(line) } }
                for line in coverage.totalsTable() { print(line) }
            }
            // The minimum holds for every tree measured, each on its own.
            if let minimum {
                let names = (kernelSource.map { _ in ["kernel"] } ?? []) + (ubootSource.map { _ in ["U-Boot"] } ?? [])
                    + (remotePrints.map { _ in ["remote-side"] } ?? [])
                for (name, coverage) in zip(names, measured) where coverage.errorWarningPermille < minimum * 10 {
                    throw CLIError("\(name) error and warning formats covered: \(coverage.errorWarningPermille / 10) %, below --minimum \(minimum) %")
                }
            }
        }
    }
}
