using System.Security.Cryptography;
using System.Text;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.MutualRecognition;

/// <summary>Entries, keys and a small in-memory partner log built from the domain's own functions.</summary>
internal static class ExchangeBuilders
{
    public const string TwTin = "TW12345678";

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);

    public static string ToHex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);

    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A granted Taiwanese exporter; vary it with <c>with</c>.</summary>
    public static StatusEntry Granted(long sequence = 0, string tin = TwTin) =>
        new(
            Sequence: sequence,
            Tin: ParseTin(tin),
            LegalName: "Formosa Precision Ltd",
            Economy: "TW",
            Programme: "TW",
            Tier: null,
            Roles: OperatorRoles.Exporter | OperatorRoles.Manufacturer,
            CertificateNumber: "TW-AEO-0042",
            Event: StatusEvent.Granted,
            EffectiveAt: Utc("2026-02-01T00:00:00Z"),
            ValidFrom: Day("2026-02-01"),
            ValidUntil: null,
            RecordedAt: Utc("2026-02-01T08:15:30.250Z")
        );

    public static IReadOnlyList<byte[]> LeafHashes(int count, int seed = 1)
    {
        var random = new Random(seed);
        return
        [
            .. Enumerable
                .Range(0, count)
                .Select(i =>
                {
                    var data = new byte[random.Next(0, 40)];
                    random.NextBytes(data);
                    return MerkleTree.HashLeaf(data);
                }),
        ];
    }
}

/// <summary>
/// A partner administration's status log held in memory: real entries, a real key, real tree heads and proofs.
/// Tests make it misbehave the way a broken or dishonest node would.
/// </summary>
internal sealed class PartnerLog : IDisposable
{
    private readonly List<byte[]> leaves = [];
    private readonly List<byte[]> served = [];

    public PartnerLog(string economy = "TW", ECDsa? key = null)
    {
        Economy = economy;
        Key = key ?? ExchangeBuilders.NewKey();
        Identity = LogIdentity.Of(economy, Key);
    }

    public string Economy { get; }

    public ECDsa Key { get; }

    public LogIdentity Identity { get; }

    public long Size => leaves.Count;

    /// <summary>Appends status entries numbered from the current size, as the partner's app would.</summary>
    public PartnerLog Append(int count, Func<long, StatusEntry>? entry = null)
    {
        for (var i = 0; i < count; i++)
        {
            var sequence = Size;
            AppendRaw((entry ?? (s => ExchangeBuilders.Granted(s, $"TW{1000 + s}")))(sequence).ToCanonicalJson());
        }

        return this;
    }

    /// <summary>Appends any JSON as a leaf: the canonical form is hashed, the text is what gets served.</summary>
    public PartnerLog AppendRaw(byte[] json)
    {
        var canonical = CanonicalJson.Canonicalize(json);
        leaves.Add(MerkleTree.HashLeaf(canonical.IsOk ? canonical.Value! : json));
        served.Add(json);
        return this;
    }

    /// <summary>Changes what is served for an entry without changing the tree: tampering with a stored entry.</summary>
    public void Tamper(long index, Func<string, string> change) =>
        served[(int)index] = ExchangeBuilders.Utf8(change(ExchangeBuilders.Text(served[(int)index])));

    public SignedTreeHead TreeHead(long? size = null, string? economy = null) =>
        SignedTreeHead.Sign(economy ?? Economy, size ?? Size, MerkleTree.RootHash(leaves, size ?? Size), Builders.Now, Key);

    public IReadOnlyList<byte[]> ConsistencyProof(long first, long? second = null) =>
        MerkleTree.ConsistencyProof(leaves, first, second ?? Size).Value!;

    public IReadOnlyList<ReadOnlyMemory<byte>> Entries(long start, long? end = null) =>
        [.. served.Skip((int)start).Take((int)((end ?? Size) - start)).Select(json => new ReadOnlyMemory<byte>(json))];

    public void Dispose() => Key.Dispose();
}
