import Foundation

/// `report.json`: the `ReportDocument` as JSON (schema `ampscope-report/1`, docs/report-json.md),
/// keys sorted so two reports diff cleanly.
public struct ReportJSONRenderer: Sendable {
    public init() {}

    public func render(_ document: ReportDocument) throws(ReportError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
        } catch {
            throw ReportError("could not encode the report as JSON: \(error). This is a bug in ampscope; please report it with the input.")
        }
    }

    /// Reads a report back (for tools, and to check a written one).
    public static func decode(_ text: String) throws(ReportError) -> ReportDocument {
        do {
            let document = try JSONDecoder().decode(ReportDocument.self, from: Data(text.utf8))
            guard document.schema == ReportDocument.schema else {
                throw ReportError("the report's schema is \(document.schema), this ampscope reads \(ReportDocument.schema); use the ampscope that wrote it.")
            }
            return document
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError("not an ampscope report: \(error). Pass the report.json that `ampscope report` wrote.")
        }
    }
}
