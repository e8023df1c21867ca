using System.Security.Cryptography;
using System.Text.RegularExpressions;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.MutualRecognition.ExchangeBuilders;

namespace OpenAeo.Domain.Tests.MutualRecognition;

/// <summary>
/// The test vectors of <c>docs/exchange-wire-format.md</c> are what this code produces, so the document a partner
/// administration implements its client from cannot drift from the exchange. Run with
/// <c>OPENAEO_WRITE_WIRE_VECTORS=1</c> to write the vectors into the document (after a deliberate change to the format);
/// otherwise every vector is compared, and the signed tree head's signature is verified with the document's key
/// (ECDSA signatures are randomised, so a fresh one never equals the printed one).
/// </summary>
public sealed partial class The_wire_format_document
{
    private const string Taipei = "Asia/Taipei";

    private static readonly string Document = Path.Combine(FindRoot(), "docs", "exchange-wire-format.md");

    /// <summary>The small fixed log of the document: a grant written before entries named their time zone, then four that do.</summary>
    private static readonly StatusEntry[] Log =
    [
        FormosaPrecision(0, StatusEvent.Granted, Utc("2018-03-01T00:00:00Z"), "2026-03-02T01:00:00Z", timeZone: null),
        TaipeiSemiconductor(1, StatusEvent.Granted, new DateOnly(2026, 3, 10), "2026-03-10T00:05:12.345Z"),
        FormosaPrecision(
            2,
            StatusEvent.Suspended,
            StatusEntry.StartOfDay(new DateOnly(2026, 3, 12), Taipei),
            "2026-03-12T02:30:00Z",
            Taipei
        ),
        new(
            3,
            Tin.FromTrusted("TW00000013"),
            "臺灣茶葉股份有限公司 \"Taiwan Tea\"",
            "TW",
            "TW",
            null,
            OperatorRoles.Exporter,
            "TW-AEO-2026-000002",
            StatusEvent.Granted,
            StatusEntry.StartOfDay(new DateOnly(2026, 3, 20), Taipei),
            new DateOnly(2026, 3, 20),
            null,
            Utc("2026-03-20T06:00:00Z"),
            Taipei
        ),
        TaipeiSemiconductor(4, StatusEvent.ConsentWithdrawn, new DateOnly(2026, 4, 1), "2026-04-01T03:00:00Z"),
    ];

    private static readonly DateTimeOffset HeadTime = Utc("2026-04-01T04:00:00Z");

    [Fact]
    public void Holds_the_vectors_the_code_produces()
    {
        var text = File.ReadAllText(Document);
        var vectors = Vectors(text);
        using var key = ECDsa.Create();
        key.ImportFromPem(vectors["test-key"]);
        var expected = Expected(key, existingSth: vectors.GetValueOrDefault("sth"));

        if (Environment.GetEnvironmentVariable("OPENAEO_WRITE_WIRE_VECTORS") == "1")
        {
            File.WriteAllText(
                Document,
                VectorBlock()
                    .Replace(text, m =>
                        expected.TryGetValue(m.Groups["name"].Value, out var value) ? $"{m.Groups["head"].Value}{value}\n```" : m.Value
                    )
            );
            return;
        }

        foreach (var (name, value) in expected)
        {
            vectors.ShouldContainKey(name);
            vectors[name].ShouldBe(value, $"vector '{name}' of docs/exchange-wire-format.md");
        }

        // The printed head verifies with the printed key over the printed signing input: what a client checks.
        var sth = SignedTreeHead.Parse(Utf8(vectors["sth"])).Value!;
        sth.SigningInput.ShouldBe(Utf8(vectors["sth-signing-input"]));
        sth.Verify(Convert.FromBase64String(vectors["public-key"])).ShouldBeTrue();
    }

    [Fact]
    public void Its_log_reads_as_the_document_says_at_the_border()
    {
        // Entry 1 is valid from 10 March 2026 in Taipei: from 16:00 UTC on the 9th, not from midnight UTC.
        Log[1].IsAeoAt(Utc("2026-03-09T15:59:59Z")).ShouldBeFalse();
        Log[1].IsAeoAt(Utc("2026-03-09T16:00:00Z")).ShouldBeTrue();

        // Entry 0 names no zone: its days are UTC days.
        Log[0].IsAeoAt(Utc("2018-02-28T23:59:59Z")).ShouldBeFalse();
        Log[0].IsAeoAt(Utc("2018-03-01T00:00:00Z")).ShouldBeTrue();

        // The suspension (entry 2) and the consent withdrawal (entry 4) decide from the start of their Taipei days.
        StatusAt("TW00000001", "2026-03-15T00:00:00Z").ShouldBe((2L, false));
        StatusAt("TW00000002", "2026-03-31T15:59:59Z").ShouldBe((1L, true));
        StatusAt("TW00000002", "2026-03-31T16:00:00Z").ShouldBe((4L, false));
    }

    /// <summary>An event of the exporter certified in 2018, valid without end.</summary>
    private static StatusEntry FormosaPrecision(
        long sequence,
        StatusEvent statusEvent,
        DateTimeOffset effectiveAt,
        string recordedAt,
        string? timeZone
    ) =>
        new(
            sequence,
            Tin.FromTrusted("TW00000001"),
            "Formosa Precision Tools Co., Ltd.",
            "TW",
            "TW",
            null,
            OperatorRoles.Exporter | OperatorRoles.Manufacturer,
            "TW-AEO-2018-0001",
            statusEvent,
            effectiveAt,
            new DateOnly(2018, 3, 1),
            null,
            Utc(recordedAt),
            timeZone
        );

    /// <summary>An event, from the start of <paramref name="day"/> in Taipei, of the importer certified for three years in 2026.</summary>
    private static StatusEntry TaipeiSemiconductor(long sequence, StatusEvent statusEvent, DateOnly day, string recordedAt) =>
        new(
            sequence,
            Tin.FromTrusted("TW00000002"),
            "Taipei Semiconductor Works Corp.",
            "TW",
            "TW",
            null,
            OperatorRoles.Importer | OperatorRoles.Exporter,
            "TW-AEO-2026-000001",
            statusEvent,
            StatusEntry.StartOfDay(day, Taipei),
            new DateOnly(2026, 3, 10),
            new DateOnly(2029, 3, 9),
            Utc(recordedAt),
            Taipei
        );

    private static (long Index, bool Aeo) StatusAt(string tin, string at)
    {
        var entry = Recognition.EntryAt(Tin.FromTrusted(tin), Utc(at), Log)!;
        return (entry.Sequence, entry.IsAeoAt(Utc(at)));
    }

    /// <summary>Every vector the document prints, computed; <paramref name="existingSth"/> is kept when its signature still covers the
    /// log.</summary>
    private static Dictionary<string, string> Expected(ECDsa key, string? existingSth)
    {
        var leaves = Log.Select(e => e.LeafHash()).ToList();
        var publicKey = key.ExportSubjectPublicKeyInfo();
        var vectors = new Dictionary<string, string>
        {
            ["public-key"] = Convert.ToBase64String(publicKey),
            ["log-id"] = Convert.ToBase64String(LogIdentity.LogIdOf(publicKey)),
        };
        for (var i = 0; i < Log.Length; i++)
        {
            vectors[$"entry-{i}"] = Text(Log[i].ToCanonicalJson());
        }

        vectors["leaf-hashes"] = string.Join("\n", leaves.Select((h, i) => $"{i}  {Convert.ToBase64String(h)}  {ToHex(h)}"));
        vectors["roots"] = string.Join(
            "\n",
            Enumerable
                .Range(0, Log.Length + 1)
                .Select(size =>
                {
                    var root = MerkleTree.RootHash(leaves, size);
                    return $"{size}  {Convert.ToBase64String(root)}  {ToHex(root)}";
                })
        );

        var unsigned = new SignedTreeHead(LogIdentity.LogIdOf(publicKey), "TW", Log.Length, MerkleTree.RootHash(leaves), HeadTime, []);
        vectors["sth-signing-input"] = Text(unsigned.SigningInput);
        var kept = existingSth is null ? null : SignedTreeHead.Parse(Utf8(existingSth)).Value;
        vectors["sth"] =
            kept is not null && kept.SigningInput.SequenceEqual(unsigned.SigningInput) && kept.Verify(publicKey)
                ? existingSth!
                : Text(SignedTreeHead.Sign("TW", Log.Length, MerkleTree.RootHash(leaves), HeadTime, key).ToJson());
        vectors["inclusion-2-5"] = ProofJson("index", 2, "treeSize", 5, MerkleTree.InclusionProof(leaves, 2, 5).Value!);
        vectors["consistency-3-5"] = ProofJson("first", 3, "second", 5, MerkleTree.ConsistencyProof(leaves, 3, 5).Value!);

        // The vectors prove what they claim, so a mistake in the code would not slip into the document unnoticed.
        MerkleTree
            .VerifyInclusion(2, 5, leaves[2], MerkleTree.InclusionProof(leaves, 2, 5).Value!, MerkleTree.RootHash(leaves))
            .ShouldBeTrue();
        MerkleTree
            .VerifyConsistency(
                3,
                5,
                MerkleTree.RootHash(leaves, 3),
                MerkleTree.RootHash(leaves),
                MerkleTree.ConsistencyProof(leaves, 3, 5).Value!
            )
            .ShouldBeTrue();
        return vectors;
    }

    /// <summary>A proof response as the exchange writes it: the two numbers, then <c>hashes</c> in base64.</summary>
    private static string ProofJson(string a, long first, string b, long second, IReadOnlyList<byte[]> hashes) =>
        $"{{\"{a}\":{first},\"{b}\":{second},\"hashes\":[{string.Join(",", hashes.Select(h => $"\"{Convert.ToBase64String(h)}\""))}]}}";

    private static Dictionary<string, string> Vectors(string document) =>
        VectorBlock().Matches(document).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["body"].Value.TrimEnd('\n'));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OpenAeo.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("OpenAeo.slnx not found above the test binaries.");
    }

    // <!-- vector: name --> on its own line, then a fenced block; the body is everything up to the closing fence.
    [GeneratedRegex(@"(?<head><!-- vector: (?<name>[a-z0-9-]+) -->\n```[a-z]*\n)(?<body>(?:(?!```)[\s\S])*?)```")]
    private static partial Regex VectorBlock();
}
