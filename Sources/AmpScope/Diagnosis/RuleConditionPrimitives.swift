import Foundation
import Yams

/// The primitives that are not plain event selectors: ordered, silent, garbage, boot.
extension RuleConditionReader {
    mutating func ordered(_ node: Node) -> RuleCondition? {
        let here = reader.location(node)
        guard let fields = reader.keyedFields(node, allowed: ["first", "then"], what: "'ordered' with 'first' and 'then'") else { return nil }
        guard let first = fields["first"], let then = fields["then"] else {
            reader.problems.append(DefinitionProblem(here, "'ordered' needs both 'first' and 'then' (an event selector or a bound name each)"))
            return nil
        }
        guard let earlier = reference(first.value), let later = reference(then.value) else { return nil }
        return .ordered(first: earlier, then: later)
    }

    mutating func silent(_ node: Node) -> RuleCondition? {
        let here = reader.location(node)
        let allowed: Set<String> = ["console", "near", "within", "after-within", "for-at-least", "whole-boot", "as"]
        guard let fields = reader.keyedFields(node, allowed: allowed, what: "'silent' with \(allowed.sorted().joined(separator: ", "))") else {
            return nil
        }
        let before = reader.problems.count
        guard let console = consoleKind(fields, in: here) else {
            if reader.problems.count == before {
                reader.problems.append(DefinitionProblem(here, "'silent' needs 'console': application or microcontroller"))
            }
            return nil
        }
        let wholeBoot = reader.bool(fields, "whole-boot", in: here)
        let near = fields["near"].flatMap { reference($0.value) }
        let within = reader.duration(fields, "within", in: here)
        let forAtLeast = reader.duration(fields, "for-at-least", in: here)
        let afterWithin = reader.duration(fields, "after-within", in: here)
        let name = binding(fields, in: here)
        if !wholeBoot && (near == nil || within == nil || forAtLeast == nil) && reader.problems.count == before {
            reader.problems.append(DefinitionProblem(here, "'silent' needs 'near' (an event), 'within' and 'for-at-least', or 'whole-boot: true'"))
        }
        guard reader.problems.count == before else { return nil }
        return .silent(SilenceCondition(
            console: console, wholeBoot: wholeBoot, near: near, within: within ?? .zero, forAtLeast: forAtLeast ?? .zero,
            afterWithin: afterWithin, binding: name))
    }

    mutating func garbage(_ node: Node) -> RuleCondition? {
        let here = reader.location(node)
        let allowed: Set<String> = ["console", "from-start", "after-clean-lines", "ratio-at-least", "as"]
        guard let fields = reader.keyedFields(node, allowed: allowed, what: "'garbage' with \(allowed.sorted().joined(separator: ", "))") else {
            return nil
        }
        let before = reader.problems.count
        let console = consoleKind(fields, in: here)
        let fromStart = reader.bool(fields, "from-start", in: here)
        let afterClean = reader.integer(fields, "after-clean-lines", minimum: 1, in: here)
        if fromStart == (afterClean != nil) && reader.problems.count == before {
            reader.problems.append(DefinitionProblem(here, "'garbage' needs exactly one of 'from-start: true' or 'after-clean-lines: N'"))
        }
        var ratio = 0.5
        if let text = reader.scalar(fields, "ratio-at-least", required: false, in: here) {
            if let value = Double(text.text), value > 0, value <= 1 {
                ratio = value
            } else {
                reader.problems.append(DefinitionProblem(text.location, "ratio-at-least '\(text.text)' must be a number above 0 and at most 1"))
            }
        }
        let name = binding(fields, in: here)
        guard reader.problems.count == before else { return nil }
        return .garbage(GarbageCondition(console: console, afterCleanLines: fromStart ? nil : afterClean, ratio: ratio, binding: name))
    }

    mutating func boot(_ node: Node) -> RuleCondition? {
        let here = reader.location(node)
        guard let fields = reader.keyedFields(node, allowed: ["started-by"], what: "'boot' with 'started-by'") else { return nil }
        let allowed = [BootBoundary.inputStart, .bootloaderBanner, .kernelRestart, .microcontrollerBanner].map(\.rawValue)
        var boundaries: [BootBoundary] = []
        for item in reader.stringList(fields, "started-by") {
            guard let boundary = BootBoundary(rawValue: item.text) else {
                reader.problems.append(DefinitionProblem(item.location, "started-by '\(item.text)' is not known; expected one of \(allowed.joined(separator: ", "))"))
                continue
            }
            boundaries.append(boundary)
        }
        guard !boundaries.isEmpty else {
            reader.problems.append(DefinitionProblem(here, "'boot' needs 'started-by': one or more of \(allowed.joined(separator: ", "))"))
            return nil
        }
        return .bootStartedBy(boundaries)
    }
}
