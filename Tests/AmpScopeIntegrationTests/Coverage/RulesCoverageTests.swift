import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import AmpScope

/// `ampscope rules coverage`: the format strings it reads from C source, the lines it renders
/// them into, and the coverage of the real kernel tree `.ci/run` extracts.
@Suite struct RulesCoverageTests {
    /// Where `.ci/run`'s prepare step extracts drivers/{remoteproc,rpmsg,mailbox} of Debian's linux-source.
    static let extractRoot = ProcessInfo.processInfo.environment["AMPSCOPE_KERNEL_SOURCE"] ?? "/var/tmp/ampscope-kernel-source"

    static func kernelTree() throws -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: extractRoot)) ?? []
        let tree = try #require(
            names.filter { $0.hasPrefix("linux-source-") }.sorted().last.map { extractRoot + "/" + $0 },
            "no linux-source-* tree under \(extractRoot): run .ci/run's prepare step 'kernel source for rules coverage' (apt-get install linux-source; tar -xJf /usr/src/linux-source-*.tar.xz the three driver folders)")
        return tree
    }

    @Test func scannerReadsMultiLineCallsLevelsAndSkipsDebugAndComments() {
        let source = #"""
            #define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
            static int probe(struct platform_device *pdev)
            {
            	/* dev_err(dev, "in a comment\n"); */
            	dev_dbg(dev, "debug only %d\n", 1);
            	dev_err(dev,
            		"failed to get %s: %d\n", name, ret);
            	dev_warn(&rproc->dev, "unsupported resource %d\n", type);
            	printk(KERN_ERR "raw " "joined\n");
            	return dev_err_probe(dev, ret, "failed to get mcu_reset\n");
            }
            """#
        let calls = PrintCallScanner.scan(source)
        #expect(calls.map(\.format) == ["failed to get %s: %d", "unsupported resource %d", "raw joined", "failed to get mcu_reset"])
        #expect(calls.map(\.level) == [.error, .warning, .error, .error])
        #expect(calls.map(\.line) == [6, 8, 9, 10])
        #expect(calls.map(\.enclosingFunction) == ["probe", "probe", "probe", "probe"])
        #expect(calls[1].deviceArgument == "&rproc->dev")
    }

    @Test func rendererPrintsWhatTheKernelWould() {
        #expect(FormatRenderer.render("Boot failed: %d") == "Boot failed: -22")
        #expect(FormatRenderer.render("too many vrings: %d") == "too many vrings: -22")
        #expect(FormatRenderer.render("memory region not valid %pa") == "memory region not valid 0x0000000090000000")
        #expect(FormatRenderer.render("index %u of %s at 0x%08llx (100%%)") == "index 3 of name0 at 0x1f (100%)")
        #expect(FormatRenderer.render("%s: could not find node phandle 0x%x") == "name0: could not find node phandle 0x1f")
    }

    @Test func namingFollowsTheDriverAndTheRemoteprocDevice() {
        let naming = KernelFileNaming(fileName: "stm32_rproc.c", source: "static struct platform_driver d = {\n .driver = {\n  .name = \"stm32-rproc\",\n },\n};")
        let platform = PrintCall(function: "dev_err_probe", level: .error, format: "x", deviceArgument: "dev", line: 1)
        #expect(naming.prefix(for: platform) == "stm32-rproc a0000000.core: error -EINVAL: ")
        let rproc = PrintCall(function: "dev_err", level: .error, format: "x", deviceArgument: "&rproc->dev", line: 1)
        #expect(naming.prefix(for: rproc) == "remoteproc remoteproc0: ")
    }

    /// Knowledge read from the source says where it was read: every definition that covers a
    /// format of the tree names its source file (and kernel version).
    @Test func everyCoveringDefinitionNamesItsSource() throws {
        let coverage = try KernelSourceCoverage.measure(kernelSource: try Self.kernelTree(), classifier: Classifier(definitions: DefinitionLoader.builtin()))
        let unsourced = Set(coverage.rows.compactMap { row in row.isCovered && row.definition?.source == nil ? row.definition?.id : nil })
        #expect(unsourced.isEmpty, "definitions without source: \(unsourced.sorted())")
        let sourced = Set(coverage.rows.compactMap { $0.isCovered ? $0.definition?.source : nil })
        #expect(sourced.allSatisfy { $0.contains("drivers/") && $0.contains("Linux") })
    }

    @Test func ubootDriversAreNamedFromUBootDriverAndItsPrintsCarryTheirLevels() {
        let source = """
            static int k3_r5f_probe(struct udevice *dev)
            {
            	dev_err(dev, "Failed to get reset: %d\\n", ret);
            	log_err("Load Remote Processor %d failed\\n", id);
            	printf("Starting auxiliary core stack = 0x%08lX\\n", stack);
            	debug("%s: not printed\\n", __func__);
            }
            U_BOOT_DRIVER(k3_r5f_rproc) = {
            	.name = "k3_r5f_rproc",
            	.of_match = k3_r5f_rproc_ids,
            };
            """
        let calls = PrintCallScanner.scan(source)
        #expect(calls.map(\.function) == ["dev_err", "log_err", "printf"])
        #expect(calls.map(\.level) == [.error, .error, .unleveled])
        let naming = KernelFileNaming(fileName: "ti_k3_r5f_rproc.c", source: source)
        #expect(naming.prefix(for: calls[0]) == "k3_r5f_rproc a0000000.core: ")
        #expect(naming.prefix(for: calls[1]) == "")
    }

    @Test func aFolderThatIsNotAKernelTreeIsRefusedWithWhatToGive() throws {
        let empty = temporaryDirectory("coverage")
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let result = try ToolProcess.run(["rules", "coverage", "--kernel-source", empty])
        #expect(result.status != 0)
        #expect(result.stderr.contains("drivers/remoteproc does not exist"))
        #expect(result.stderr.contains("linux-source"))
    }

    /// The acceptance figure of issue 16: at least 90 % of the error and warning formats of each folder.
    @Test func debianKernelErrorAndWarningFormatsAreCoveredByTheBuiltInDefinitions() throws {
        let tree = try Self.kernelTree()
        let result = try ToolProcess.run(["rules", "coverage", "--kernel-source", tree, "--minimum", "90"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n")
        for folder in ["drivers/remoteproc", "drivers/rpmsg", "drivers/mailbox"] {
            let total = try #require(rows.last { $0.hasPrefix(folder + " ") }, "no total row for \(folder)")
            let numbers = total.split(separator: " ").compactMap { Int($0) }
            try #require(numbers.count == 4, "unreadable total row: \(total)")
            // Columns: strings, covered, error+warning strings, error+warning covered.
            #expect(numbers[2] >= 80, "\(folder) has only \(numbers[2]) error and warning formats: the extraction lost calls")
            #expect(numbers[3] * 10 >= numbers[2] * 9, "\(total)")
        }
        // Every listed format names a file, a line and a level from the tree.
        let listed = rows.filter { $0.hasPrefix("drivers/") && $0.contains(".c:") }
        #expect(listed.count >= 800)
        #expect(listed.contains { $0.contains("remoteproc_sysfs.c:") && $0.contains("rproc.boot-failed") && $0.contains("\"Boot failed: %d\"") })
    }
}
