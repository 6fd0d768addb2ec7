/// One YAML file of parsers/ compiled into the binary (by Plugins/EmbedKnowledge), its text
/// exactly as in the repository.
public struct BuiltinDefinitionFile: Sendable {
    public let name: String
    public let text: String
}
