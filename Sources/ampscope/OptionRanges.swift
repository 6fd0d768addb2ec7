import ArgumentParser
import Foundation

/// The range checks the commands' validate() share, so every option names its valid range the same way.
enum OptionRange {
    /// Seconds that must be more than 0 (a duration, a timeout).
    static func positiveSeconds(_ value: Double?, _ name: String) throws {
        guard let value else { return }
        guard value.isFinite, value > 0 else {
            throw ValidationError("\(name) \(shown(value)) is out of range: give a number of seconds greater than 0 (e.g. \(name) 30)")
        }
    }

    /// Seconds that may be 0 (a hold after the end).
    static func nonNegativeSeconds(_ value: Double, _ name: String) throws {
        guard value.isFinite, value >= 0 else {
            throw ValidationError("\(name) \(shown(value)) is out of range: give 0 or more seconds")
        }
    }

    /// A whole number within `range`.
    static func within(_ value: Int?, _ range: ClosedRange<Int>, _ name: String, unit: String = "") throws {
        guard let value, !range.contains(value) else { return }
        let upper = range.upperBound == Int.max ? "or more" : "to \(range.upperBound)"
        throw ValidationError("\(name) \(value) is out of range: give \(range.lowerBound) \(upper)\(unit.isEmpty ? "" : " " + unit)")
    }

    static func shown(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// An old spelling that still works, said once on stderr so scripts can be moved to the new one.
enum Deprecated {
    static func note(_ old: String, use new: String) {
        var standardError = StandardError()
        print("ampscope: \(old) is deprecated and will go: use \(new)", to: &standardError)
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
