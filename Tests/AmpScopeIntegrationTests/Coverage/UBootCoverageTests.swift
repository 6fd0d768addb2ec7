import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import AmpScope

/// `ampscope rules coverage --uboot-source`: U-Boot's remote-processor prints, read from the
/// tree `.ci/run` extracts from Debian's u-boot source package.
@Suite struct UBootCoverageTests {
    static func ubootTree() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let tree = environment["AMPSCOPE_UBOOT_SOURCE"] { return tree }
        let root = (environment["AMPSCOPE_CI_CACHE"] ?? "/var/cache/ampscope-ci") + "/uboot-source"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let prepared = names.filter { $0.hasPrefix("u-boot-") && FileManager.default.fileExists(atPath: "\(root)/\($0)/.ampscope-prepared") }
        return try #require(
            prepared.sorted().last.map { root + "/" + $0 },
            "no U-Boot tree: set AMPSCOPE_UBOOT_SOURCE or run .ci/run's prepare step 'U-Boot source for rules coverage (Debian's u-boot source package)'")
    }

    @Test func ternaryStringArgumentsRenderTheirFirstBranchAndStm32progErrorsTheirPrefix() {
        let source = #"""
            static void board_copro_image_process(ulong fw_image, size_t fw_size)
            {
            	log_err("Load Remote Processor %d with data@addr=0x%08lx %u bytes:%s\n",
            		id, fw_image, fw_size, ret ? " Failed!" : " Success!");
            	stm32prog_err("Layout: invalid checksum : 0x%x expected 0x%x", checksum, expected);
            	printf("%*s%s\n", 4, "", name);
            }
            """#
        let calls = PrintCallScanner.scan(source)
        #expect(calls.map(\.function) == ["log_err", "stm32prog_err", "printf"])
        #expect(FormatRenderer.render(calls[0].format, literalArguments: calls[0].literalArguments)
            == "Load Remote Processor 3 with data@addr=0x1f 3 bytes: Failed!")
        // `%*s` takes the width first: the empty literal is the first string, the name is not a literal.
        #expect(FormatRenderer.render(calls[2].format, literalArguments: calls[2].literalArguments) == "name0")
        let naming = KernelFileNaming(fileName: "stm32prog.c", source: source)
        #expect(naming.prefix(for: calls[1]) == "Error: ")
        #expect(calls[1].level == .error)
    }

    @Test func printfWithoutLevelIsAnErrorOnlyWhenItsWordsSaySo() {
        #expect(PrintLevel.inferred(fromUBootFormat: "Remote Processor %d failed to be initialized") == .error)
        #expect(PrintLevel.inferred(fromUBootFormat: "Invalid aux core address: %08x") == .error)
        #expect(PrintLevel.inferred(fromUBootFormat: "\"Synchronous Abort\" handler, esr 0x%08lx") == .error)
        #expect(PrintLevel.inferred(fromUBootFormat: "*  WARNING 500mA power supply detected *") == .warning)
        #expect(PrintLevel.inferred(fromUBootFormat: "## Starting auxiliary core stack = 0x%08lX, pc = 0x%08lX...") == nil)
        #expect(PrintLevel.inferred(fromUBootFormat: "Remote processor is NOT Running") == nil)
    }

    /// A tree whose only error printf nothing recognizes is measured at 0 % and fails --minimum.
    @Test func aUBootTreeBelowTheMinimumFailsWithItsFigure() throws {
        let tree = temporaryDirectory("uboot-coverage")
        defer { try? FileManager.default.removeItem(atPath: tree) }
        for (folder, _) in KernelSourceCoverage.ubootSelection {
            try FileManager.default.createDirectory(atPath: tree + "/" + folder, withIntermediateDirectories: true)
        }
        try "int do_widget(void)\n{\n\tprintf(\"Widget loader failed to spin\\n\");\n}\n"
            .write(toFile: tree + "/cmd/remoteproc.c", atomically: true, encoding: .utf8)
        let result = try ToolProcess.run(["rules", "coverage", "--uboot-source", tree, "--minimum", "90"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("U-Boot error and warning formats covered: 0 %, below --minimum 90 %"), "\(result.stderr)")
        #expect(result.stdout.contains("cmd/remoteproc.c:3  error*    -  \"Widget loader failed to spin\""), "\(result.stdout)")
    }

    /// Issue 16's acceptance figure for U-Boot: at least 90 % of the error and warning formats.
    @Test func debianUBootErrorAndWarningFormatsAreCoveredByTheBuiltInDefinitions() throws {
        let tree = try Self.ubootTree()
        let result = try ToolProcess.run(["rules", "coverage", "--uboot-source", tree, "--minimum", "90"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n")
        for (folder, _) in KernelSourceCoverage.ubootSelection {
            try #require(rows.last { $0.hasPrefix(folder + " ") } != nil, "no total row for \(folder)")
        }
        let total = try #require(rows.last { $0.hasPrefix("total ") })
        let numbers = total.split(separator: " ").compactMap { Int($0) }
        try #require(numbers.count == 4, "unreadable total row: \(total)")
        #expect(numbers[2] >= 150, "only \(numbers[2]) error and warning formats: the extraction lost calls")
        #expect(numbers[3] * 10 >= numbers[2] * 9, "\(total)")
        #expect(rows.contains { $0.contains("board/st/stm32mp1/stm32mp1.c:") && $0.contains("uboot.rproc-load-failed")
            && $0.contains("\"Load Remote Processor %d with data@addr=0x%08lx %u bytes:%s\"") })
        #expect(rows.contains { $0.contains("arch/arm/mach-imx/imx_bootaux.c:") && $0.contains("uboot.bootaux-invalid-address") })
    }

    /// Every definition that covers a U-Boot format names where it was read.
    @Test func everyDefinitionCoveringUBootNamesItsSource() throws {
        let coverage = try KernelSourceCoverage.measure(ubootSource: try Self.ubootTree(), classifier: Classifier(definitions: DefinitionLoader.builtin()))
        let unsourced = Set(coverage.rows.compactMap { row in row.isCovered && row.definition?.source == nil ? row.definition?.id : nil })
        #expect(unsourced.isEmpty, "definitions without source: \(unsourced.sorted())")
        let ubootOnly = coverage.rows.compactMap { $0.isCovered && $0.definition?.id.hasPrefix("uboot.") == true ? $0.definition?.source : nil }
        #expect(!ubootOnly.isEmpty)
        #expect(ubootOnly.allSatisfy { $0.contains("U-Boot") })
    }
}
