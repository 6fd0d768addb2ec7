import Testing
@testable import AmpScope

/// Every redaction pattern carries a line as a real source prints it (with that source named):
/// redacting the line removes the value and leaves a pseudonym of the pattern's kind.
@Suite struct RedactionPatternExampleTests {
    @Test func everyPatternRedactsItsOwnExample() {
        for pattern in RedactionPattern.all {
            #expect(pattern.example.contains(pattern.exampleValue), "\(pattern.kind) example does not hold its value: \(pattern.example)")
            #expect(!pattern.source.isEmpty)
            var redactor = Redactor()
            let redacted = redactor.redact(pattern.example)
            #expect(!redacted.contains(pattern.exampleValue), "\(pattern.kind): \(pattern.example) → \(redacted)")
            #expect(redacted.contains("\(pattern.kind.rawValue)-1"), "\(pattern.kind): \(pattern.example) → \(redacted)")
        }
    }
}
