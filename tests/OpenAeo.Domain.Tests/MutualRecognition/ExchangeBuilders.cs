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
    public static StatusEntry Granted(long sequence = 0, string tin = TwTin) => new(
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
        RecordedAt: Utc("2026-02-01T08:15:30.250Z"));

    public static IReadOnlyList<byte[]> LeafHashes(int count, int seed = 1)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var data = new byte[random.Next(0, 40)];
            random.NextBytes(data);
            return MerkleTree.HashLeaf(data);
        })];
    }
}
