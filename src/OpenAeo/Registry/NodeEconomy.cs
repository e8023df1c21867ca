namespace OpenAeo.Registry;

/// <summary>
/// The economy this node certifies for (<c>Node:Economy</c>, ADR 0012); without it the node is TW, the reference
/// deployment the demo data describes, so that a fresh checkout runs; production sets it. Registry owns it because every
/// capability asks it; MutualRecognition's <c>NodeIdentity</c> adds the log's signing key.
/// </summary>
internal sealed class NodeEconomy(IConfiguration configuration)
{
    public const string Default = "TW";

    public string Code { get; } = (configuration["Node:Economy"] is { Length: > 0 } e ? e : Default).Trim().ToUpperInvariant();
}
