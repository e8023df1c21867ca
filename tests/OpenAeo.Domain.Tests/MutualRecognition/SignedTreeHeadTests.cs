using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenAeo.Domain.MutualRecognition;
using static OpenAeo.Domain.Tests.Builders;
using static OpenAeo.Domain.Tests.MutualRecognition.ExchangeBuilders;

namespace OpenAeo.Domain.Tests.MutualRecognition;

public sealed class A_signed_tree_head : IDisposable
{
    private static readonly byte[] Root = MerkleTree.RootHash(LeafHashes(5));

    private readonly ECDsa key = NewKey();

    private byte[] PublicKey => key.ExportSubjectPublicKeyInfo();

    public void Dispose() => key.Dispose();

    private SignedTreeHead Signed() => SignedTreeHead.Sign("TW", 5, Root, Now, key);

    [Fact]
    public void Verifies_with_the_public_key_of_the_key_that_signed_it()
    {
        var sth = Signed();

        sth.Signature.Length.ShouldBe(64);
        sth.Verify(PublicKey).ShouldBeTrue();
    }

    [Fact]
    public void Names_its_log_by_the_sha256_of_the_public_key_der()
    {
        Signed().LogId.ShouldBe(SHA256.HashData(PublicKey));
        LogIdentity.Of("TW", key).LogId.ShouldBe(SHA256.HashData(PublicKey));
    }

    [Fact]
    public void Signs_the_canonical_json_of_the_head_without_its_signature()
    {
        var sth = Signed();

        Text(sth.SigningInput)
            .ShouldBe(
                $$"""
                {"economy":"TW","logId":"{{Convert.ToBase64String(SHA256.HashData(PublicKey))}}",
                "rootHash":"{{Convert.ToBase64String(Root)}}","timestamp":"2026-03-02T09:30:00.000Z","treeSize":5}
                """.ReplaceLineEndings("")
            );
        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(PublicKey, out _);
        verifier
            .VerifyData(sth.SigningInput, sth.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            .ShouldBeTrue();
    }

    [Fact]
    public void Travels_as_json_and_still_verifies()
    {
        var sth = Signed();

        var received = SignedTreeHead.Parse(sth.ToJson()).Value!;

        received.Verify(PublicKey).ShouldBeTrue();
        received.TreeSize.ShouldBe(5);
        received.RootHash.ShouldBe(Root);
        received.Timestamp.ShouldBe(Now);
        received.Economy.ShouldBe("TW");
        received.LogId.ShouldBe(sth.LogId);
    }

    [Fact]
    public void Verifies_in_whatever_member_order_and_layout_it_is_served()
    {
        var json = JsonNode.Parse(Signed().ToJson())!.AsObject();
        var reordered = new JsonObject(json.Reverse().Select(m => KeyValuePair.Create(m.Key, m.Value?.DeepClone())));

        var received = SignedTreeHead.Parse(Utf8(reordered.ToJsonString(new() { WriteIndented = true }))).Value!;

        received.Verify(PublicKey).ShouldBeTrue();
    }

    [Theory]
    [InlineData("economy", "JP")]
    [InlineData("treeSize", 6)]
    [InlineData("treeSize", 4)]
    [InlineData("timestamp", "2026-03-02T09:30:00.001Z")]
    [InlineData("rootHash", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")]
    public void Does_not_verify_when_any_signed_member_changed(string member, object value)
    {
        var json = JsonNode.Parse(Signed().ToJson())!.AsObject();
        json[member] = JsonValue.Create(value);

        var tampered = SignedTreeHead.Parse(Utf8(json.ToJsonString())).Value!;

        tampered.VerifySignature(PublicKey).ShouldBeFalse();
    }

    [Fact]
    public void Does_not_verify_when_it_names_another_log()
    {
        using var other = NewKey();
        var sth = Signed();
        var renamed = new SignedTreeHead(
            LogIdentity.LogIdOf(other.ExportSubjectPublicKeyInfo()),
            sth.Economy,
            sth.TreeSize,
            sth.RootHash,
            sth.Timestamp,
            sth.Signature
        );

        renamed.IsFromLog(PublicKey).ShouldBeFalse();
        renamed.VerifySignature(PublicKey).ShouldBeFalse();
        renamed.Verify(PublicKey).ShouldBeFalse();
    }

    [Fact]
    public void Does_not_verify_with_another_key()
    {
        using var other = NewKey();

        Signed().VerifySignature(other.ExportSubjectPublicKeyInfo()).ShouldBeFalse();
        Signed().Verify(other.ExportSubjectPublicKeyInfo()).ShouldBeFalse();
    }

    [Fact]
    public void Does_not_verify_with_a_key_that_is_not_p256_or_not_a_key()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        // A well-formed SubjectPublicKeyInfo of an Ed25519 key (RFC 8410 §4): right shape, wrong algorithm.
        var ed25519 = Hex("302a300506032b6570032100" + new string('0', 64));

        Signed().VerifySignature(p384.ExportSubjectPublicKeyInfo()).ShouldBeFalse();
        Signed().VerifySignature(ed25519).ShouldBeFalse();
        Signed().VerifySignature(Utf8("not a key")).ShouldBeFalse();
    }

    [Fact]
    public void Is_signed_only_with_a_p256_key()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Should.Throw<ArgumentException>(() => SignedTreeHead.Sign("TW", 5, Root, Now, p384));
    }

    [Fact]
    public void Does_not_verify_a_signature_in_der_form()
    {
        var sth = Signed();
        var der = key.SignData(sth.SigningInput, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        new SignedTreeHead(sth.LogId, sth.Economy, sth.TreeSize, sth.RootHash, sth.Timestamp, der)
            .VerifySignature(PublicKey)
            .ShouldBeFalse();
    }

    [Fact]
    public void Covers_members_it_was_received_with_even_if_this_version_does_not_know_them()
    {
        var json = JsonNode.Parse(Signed().ToJson())!.AsObject();
        json.Remove("signature");
        json["witness"] = "a member a later version might add";
        var input = CanonicalJson.Canonicalize(Utf8(json.ToJsonString())).Value!;
        json["signature"] = Convert.ToBase64String(
            key.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
        );

        SignedTreeHead.Parse(Utf8(json.ToJsonString())).Value!.Verify(PublicKey).ShouldBeTrue();
        json["witness"] = "changed";
        SignedTreeHead.Parse(Utf8(json.ToJsonString())).Value!.Verify(PublicKey).ShouldBeFalse();
    }

    [Fact]
    public void Of_the_empty_log_commits_to_the_hash_of_no_bytes()
    {
        var sth = SignedTreeHead.Sign("TW", 0, MerkleTree.EmptyRoot, Now, key);

        Text(sth.ToJson()).ShouldContain("\"rootHash\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",");
        Text(sth.ToJson()).ShouldContain("\"treeSize\":0");
        SignedTreeHead.Parse(sth.ToJson()).Value!.Verify(PublicKey).ShouldBeTrue();
    }

    [Theory]
    [InlineData("signature", null, "json.missing")]
    [InlineData("rootHash", "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU", "json.invalid")]
    [InlineData("rootHash", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", "json.invalid")]
    [InlineData("logId", "AAAA", "json.invalid")]
    [InlineData("treeSize", -1, "json.invalid")]
    [InlineData("timestamp", "2026-03-02T09:30:00", "json.invalid")]
    [InlineData("economy", "TWN", "sth.economy")]
    public void Is_refused_when_a_member_is_missing_or_malformed(string member, object? value, string code)
    {
        var json = JsonNode.Parse(Signed().ToJson())!.AsObject();
        if (value is null)
        {
            json.Remove(member);
        }
        else
        {
            json[member] = JsonValue.Create(value);
        }

        SignedTreeHead.Parse(Utf8(json.ToJsonString())).Errors.ShouldHaveSingleItem().Code.ShouldBe(code);
    }
}

public class A_log_identity
{
    [Fact]
    public void Accepts_a_p256_public_key_and_derives_the_log_id()
    {
        using var key = NewKey();

        var identity = LogIdentity.Create("JP", key.ExportSubjectPublicKeyInfo());

        identity.Value!.LogId.ShouldBe(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
        LogIdentity.Algorithm.ShouldBe("ECDSA-P256-SHA256");
    }

    [Fact]
    public void Refuses_another_curve_and_a_bad_economy()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var identity = LogIdentity.Create("Japan", p384.ExportSubjectPublicKeyInfo());

        identity.Errors.Select(e => e.Field).ShouldBe(["economy", "publicKey"]);
    }

    [Fact]
    public void Refuses_a_key_with_trailing_bytes()
    {
        using var key = NewKey();

        LogIdentity.Create("JP", [.. key.ExportSubjectPublicKeyInfo(), 0]).IsOk.ShouldBeFalse();
    }
}
