using System.Security.Cryptography;
using OpenAeo.Domain.MutualRecognition;
using static OpenAeo.Domain.Tests.Builders;
using static OpenAeo.Domain.Tests.MutualRecognition.ExchangeBuilders;

namespace OpenAeo.Domain.Tests.MutualRecognition;

public sealed class A_node_key_against_the_shared_log : IDisposable
{
    private static readonly byte[] Root = MerkleTree.RootHash(LeafHashes(3));

    private readonly ECDsa signer = NewKey();
    private readonly ECDsa other = NewKey();

    public void Dispose()
    {
        signer.Dispose();
        other.Dispose();
    }

    private StoredTreeHead Latest()
    {
        var head = SignedTreeHead.Sign("TW", 3, Root, Now, signer);
        return new StoredTreeHead(head.TreeSize, head.RootHash, head.Timestamp, head.Signature);
    }

    [Fact]
    public void Signs_a_log_its_key_signed() => NodeKeyRule.Decide(LogIdentity.Of("TW", signer), Latest()).ShouldBe(NodeKeyDecision.Sign);

    [Fact]
    public void Refuses_a_log_another_key_signed() =>
        NodeKeyRule.Decide(LogIdentity.Of("TW", other), Latest()).ShouldBe(NodeKeyDecision.RefuseOtherKey);

    [Fact]
    public void Refuses_a_log_signed_for_another_economy_even_with_the_same_key() =>
        NodeKeyRule.Decide(LogIdentity.Of("JP", signer), Latest()).ShouldBe(NodeKeyDecision.RefuseOtherKey);

    [Fact]
    public void Without_a_key_refuses_a_signed_log_instead_of_creating_a_key() =>
        NodeKeyRule.Decide(null, Latest()).ShouldBe(NodeKeyDecision.RefuseWithoutKey);

    [Fact]
    public void Without_a_key_creates_one_only_for_a_log_never_signed() =>
        NodeKeyRule.Decide(null, null).ShouldBe(NodeKeyDecision.CreateKey);

    [Fact]
    public void Any_key_may_sign_a_log_never_signed() =>
        NodeKeyRule.Decide(LogIdentity.Of("TW", other), null).ShouldBe(NodeKeyDecision.Sign);
}
