namespace OpenAeo.Domain.MutualRecognition;

/// <summary>What a node may do with the key it was given, against the log its (shared) database already holds.</summary>
public enum NodeKeyDecision
{
    /// <summary>The log is signed by this key, or not signed yet: sign with it.</summary>
    Sign,

    /// <summary>No key anywhere and a log never signed: a new node creates its key.</summary>
    CreateKey,

    /// <summary>The database holds a signed log but this node was given no key: creating one would fork the log.</summary>
    RefuseWithoutKey,

    /// <summary>The database's log was signed by another key: signing with this one would fork the log.</summary>
    RefuseOtherKey,
}

/// <summary>
/// A tree head as the log stores it: without its log id, which is the hash of the key that signed it (so which key
/// that was shows only by checking the signature with a candidate key).
/// </summary>
public sealed record StoredTreeHead(long TreeSize, byte[] RootHash, DateTimeOffset Timestamp, byte[] Signature)
{
    /// <summary>The head as <paramref name="log"/> would have signed it.</summary>
    public SignedTreeHead As(LogIdentity log) => new(log.LogId, log.Economy, TreeSize, RootHash, Timestamp, Signature);
}

/// <summary>
/// One log, one key (issue 18): several web nodes over one database share the node key, and a node whose key did not
/// sign the log in the database refuses to sign rather than start a second history of the same log under a key of
/// its own, which partners would see as a fork (ADR 0053).
/// </summary>
public static class NodeKeyRule
{
    /// <param name="key">The identity of the key this node was given (<c>Node:Key</c> or the file at <c>Node:KeyPath</c>), or null.</param>
    /// <param name="latest">The latest signed tree head in the database, or null when the log was never signed.</param>
    public static NodeKeyDecision Decide(LogIdentity? key, StoredTreeHead? latest) =>
        (key, latest) switch
        {
            (null, null) => NodeKeyDecision.CreateKey,
            (not null, null) => NodeKeyDecision.Sign,
            (null, not null) => NodeKeyDecision.RefuseWithoutKey,
            _ => latest.As(key).Verify(key.PublicKey) ? NodeKeyDecision.Sign : NodeKeyDecision.RefuseOtherKey,
        };
}
