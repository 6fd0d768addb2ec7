import Yams

/// A test on one fact the probe read from the board (`fact: {name: devicetree.rpmsg.status,
/// equals: disabled}`). A fact the probe did not collect (no probe, command failed) makes the
/// test fail, never "not checked", so rules that also look at facts behave exactly as before on
/// sessions without them.
public struct FactCondition: Sendable, Hashable {
    public enum Test: Sendable, Hashable {
        /// Some value is exactly this.
        case equals(String)
        /// Every value differs (and there is at least one).
        case notEquals(String)
        /// Some value contains this text.
        case contains(String)
        /// Every value lacks this text (a collected, empty list lacks everything).
        case lacks(String)
        /// The fact was collected and has no value (true) or has one (false).
        case empty(Bool)
    }

    public var name: String
    public var test: Test
    public var binding: String?

    public init(name: String, test: Test, binding: String? = nil) {
        self.name = name
        self.test = test
        self.binding = binding
    }

    /// The first value that satisfies the test ("" for `empty: true`), or nil.
    func match(_ values: [String]) -> String? {
        switch test {
        case .equals(let text): return values.first { $0 == text }
        case .contains(let text): return values.first { $0.contains(text) }
        case .notEquals(let text): return !values.isEmpty && values.allSatisfy({ $0 != text }) ? values[0] : nil
        case .lacks(let text): return values.allSatisfy({ !$0.contains(text) }) ? values.first ?? "" : nil
        case .empty(let wanted): return values.isEmpty == wanted ? values.first ?? "" : nil
        }
    }

    static let tests: Set<String> = ["equals", "not-equals", "contains", "lacks", "empty"]
}

extension BoardFacts {
    /// The facts as the rule language names them; a name is present only when it was collected.
    public var ruleValues: [String: [String]] {
        var values: [String: [String]] = [:]
        values["kernel.release"] = kernelRelease.map { [$0] }
        values["cmdline"] = commandLine.map { [$0] }
        values["devicetree.model"] = model.map { [$0] }
        if let nodes = deviceTreeNodes {
            for role in FactNames.deviceTreeRoles {
                let matching = nodes.filter { $0.role == role }
                values["devicetree.\(role).status"] = matching.map { $0.status ?? "okay" }
                values["devicetree.\(role).compatible"] = matching.flatMap(\.compatible)
                values["devicetree.\(role).path"] = matching.map(\.path)
            }
        }
        values["reserved-memory.names"] = reservedMemory.map { $0.map(\.name) }
        values["modules"] = modules
        if let remoteprocs {
            values["remoteproc.state"] = remoteprocs.compactMap(\.state)
            values["remoteproc.name"] = remoteprocs.compactMap(\.name)
            values["remoteproc.firmware"] = remoteprocs.compactMap(\.firmware)
        }
        values["rpmsg.tty"] = rpmsgTTYs
        values["rpmsg.devices"] = rpmsgDevices
        values["clocks"] = clocks
        for (name, value) in ubootEnvironment ?? [:] { values["uboot.\(name)"] = [value] }
        return values
    }
}

/// The fact names a rule may use, for `ampscope rules check`.
public enum FactNames {
    static let deviceTreeRoles = ["rpmsg", "remoteproc", "mailbox", "m4"]

    public static let all: [String] = ["kernel.release", "cmdline", "devicetree.model"]
        + deviceTreeRoles.flatMap { role in ["status", "compatible", "path"].map { "devicetree.\(role).\($0)" } }
        + ["reserved-memory.names", "modules", "remoteproc.state", "remoteproc.name", "remoteproc.firmware", "rpmsg.tty",
           "rpmsg.devices", "clocks", "uboot.NAME"]

    static func isKnown(_ name: String) -> Bool {
        all.contains(name) || (name.hasPrefix("uboot.") && name.count > "uboot.".count)
    }
}

extension RuleConditionReader {
    mutating func fact(_ node: Node) -> RuleCondition? {
        let here = reader.location(node)
        let allowed = FactCondition.tests.union(["name", "as"])
        guard let fields = reader.keyedFields(node, allowed: allowed, what: "'fact' with name, one of \(FactCondition.tests.sorted().joined(separator: ", ")) and optionally as") else {
            return nil
        }
        let before = reader.problems.count
        guard let name = reader.scalar(fields, "name", required: true, in: here) else { return nil }
        if !FactNames.isKnown(name.text) {
            reader.problems.append(DefinitionProblem(name.location, "fact '\(name.text)' is not known; expected one of \(FactNames.all.joined(separator: ", "))"))
        }
        let tests = fields.keys.filter { FactCondition.tests.contains($0) }
        guard tests.count == 1, let testName = tests.first else {
            reader.problems.append(DefinitionProblem(here, "a fact test has exactly one of \(FactCondition.tests.sorted().joined(separator: ", "))"))
            return nil
        }
        let test: FactCondition.Test
        if testName == "empty" {
            test = .empty(reader.bool(fields, "empty", in: here))
        } else {
            guard let value = reader.scalar(fields, testName, required: true, in: here) else { return nil }
            switch testName {
            case "equals": test = .equals(value.text)
            case "not-equals": test = .notEquals(value.text)
            case "contains": test = .contains(value.text)
            default: test = .lacks(value.text)
            }
        }
        let bound = binding(fields, in: here)
        guard reader.problems.count == before else { return nil }
        return .fact(FactCondition(name: name.text, test: test, binding: bound))
    }
}
