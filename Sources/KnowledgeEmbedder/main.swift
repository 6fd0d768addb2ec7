import Foundation

// Writes the Swift file the EmbedKnowledge plugin adds to the AmpScope module: each YAML file of
// parsers/ as a raw string literal, its text exactly as on disk.
// Usage: KnowledgeEmbedder PACKAGE_ROOT OUTPUT (--enum NAME RELATIVE_PATH...)...

/// A raw string literal holding `text` exactly: more `#` than any run of them in the text, so
/// nothing inside can end the literal or start an interpolation.
func rawLiteral(_ text: String) -> String {
    var longest = 0
    var run = 0
    for character in text.unicodeScalars {
        run = character == "#" ? run + 1 : 0
        longest = max(longest, run)
    }
    let hashes = String(repeating: "#", count: longest + 1)
    // A multi-line literal drops the newline before its closing quotes: add one so the text keeps its own.
    return "\(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)"
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("KnowledgeEmbedder: \(message)\n".utf8))
    exit(1)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else { fail("usage: KnowledgeEmbedder PACKAGE_ROOT OUTPUT (--enum NAME PATH...)...") }
let root = URL(fileURLWithPath: arguments.removeFirst())
let output = URL(fileURLWithPath: arguments.removeFirst())

/// The file's text, checked to survive a Swift literal unchanged.
func contents(of relativePath: String, in root: URL) -> String {
    let text: String
    do {
        text = try String(contentsOf: root.appending(path: relativePath), encoding: .utf8)
    } catch {
        fail("cannot read \(relativePath) as UTF-8: \(error)")
    }
    // Swift turns CR LF inside a multi-line literal into LF, which would change the text.
    if text.contains("\r") { fail("\(relativePath) has carriage returns: save it with LF line ends") }
    return text
}

var source = "// Generated at build time by Plugins/EmbedKnowledge from parsers/; not in the repository.\n"
var index = 0
while index < arguments.count {
    guard arguments[index] == "--enum", index + 1 < arguments.count else { fail("expected --enum NAME at \(arguments[index])") }
    source += "\npublic enum \(arguments[index + 1]) {\n    public static let files: [BuiltinDefinitionFile] = [\n"
    index += 2
    while index < arguments.count, arguments[index] != "--enum" {
        let path = arguments[index]
        source += "        BuiltinDefinitionFile(name: \"\(path)\", text: \(rawLiteral(contents(of: path, in: root)))),\n"
        index += 1
    }
    source += "    ]\n}\n"
}

do {
    // Written only when it changed, so an unchanged parsers/ does not recompile the module.
    if (try? String(contentsOf: output, encoding: .utf8)) != source {
        try source.write(to: output, atomically: true, encoding: .utf8)
    }
} catch {
    fail("cannot write \(output.path): \(error)")
}
