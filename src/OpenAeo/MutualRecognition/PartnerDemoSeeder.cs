using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Cli;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// The demo's partner administrations — Japan, Korea and Australia, linked to Chinese Taipei by MRAs in force — and
/// their AEOs, which reach clearance as consignors recognised under those MRAs. Each partner's signed status log is
/// built with the same domain functions a node uses (canonical entries, Merkle tree, signed tree head) and served to
/// the real <see cref="PartnerReplicator"/> in process, so the replica is verified exactly as in production.
/// </summary>
/// <remarks>
/// The partners' addresses are reserved names (<c>.invalid</c>): no such nodes run. After the seed,
/// <see cref="DemoPartnerNodes"/> answers for them as partners whose logs have not grown, so the demo's pulls succeed
/// and the partners stay Healthy.
/// </remarks>
internal sealed class PartnerDemoSeeder : IDemoSeeder
{
    /// <summary>Before certification (10 is too late): its recognised partner visits name Japanese certificates the replica must already
    /// hold.</summary>
    public int Order => 8;

    /// <summary>A partner of the story: how many AEOs its log holds and what its firms are called.</summary>
    private sealed record DemoPartner(
        string Economy,
        string TimeZone,
        int Aeos,
        string Suffix,
        string[] Places,
        Func<int, string> Tin,
        string[] Named
    );

    private static readonly DemoPartner[] Cast =
    [
        new(
            "JP",
            "Asia/Tokyo",
            40,
            "K.K.",
            [
                "Osaka",
                "Kobe",
                "Nagoya",
                "Yokohama",
                "Sendai",
                "Hiroshima",
                "Fukuoka",
                "Kyoto",
                "Niigata",
                "Shizuoka",
                "Hamamatsu",
                "Kitakyushu",
                "Okayama",
                "Kanazawa",
                "Chiba",
            ],
            i => $"JP{7_010_001_000_000L + i * 7_919L}",
            ["JP1000000001", "JP1000000002"]
        ),
        new(
            "KR",
            "Asia/Seoul",
            25,
            "Co., Ltd.",
            ["Busan", "Incheon", "Ulsan", "Changwon", "Daegu", "Gwangju", "Daejeon", "Pohang", "Suwon", "Gumi"],
            i => $"KR{2_108_100_000L + i * 6_131L}",
            ["KR1234567890"]
        ),
        new(
            "AU",
            "Australia/Sydney",
            15,
            "Pty Ltd",
            ["Perth", "Adelaide", "Brisbane", "Hobart", "Geelong", "Darwin", "Newcastle", "Townsville", "Barossa", "Margaret River"],
            i => $"AU{51_000_000_000L + i * 104_729L}",
            ["AU51824753556"]
        ),
    ];

    private static readonly string[] Trades =
    [
        "Precision Parts",
        "Electronics",
        "Chemicals",
        "Machinery",
        "Foods",
        "Steel",
        "Auto Parts",
        "Optics",
        "Pharmaceuticals",
        "Textiles",
        "Wines",
        "Instruments",
    ];

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, string password, CancellationToken ct)
    {
        var db = services.GetRequiredService<OpenAeoDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var node = services.GetRequiredService<NodeIdentity>();
        if (node.Economy != DemoData.Economy)
        {
            return
            [
                $"Partners: the demo's partners are {DemoData.Economy}'s and this node is {node.Economy}; no demo partners were added.",
            ];
        }

        var now = clock.GetUtcNow();
        var lines = new List<string>();
        foreach (var partner in Cast)
        {
            var log = Log(partner, now);
            var registered = await db.Partners().AsNoTracking().SingleOrDefaultAsync(p => p.Economy == partner.Economy, ct);
            if (registered is { TreeSize: > 0 })
            {
                continue;
            }

            if (registered is null)
            {
                var added = await RegisterPartner.Execute(
                    new PartnerRequest(
                        partner.Economy,
                        DemoPartnerNodes.Url(partner.Economy),
                        Convert.ToBase64String(log.Key.ExportSubjectPublicKeyInfo()),
                        $"demo-key-issued-by-{partner.Economy.ToLowerInvariant()}",
                        null,
                        "demo: the partner administration of an MRA in force"
                    ),
                    new Actor("admin", Role.Admin, null, null),
                    db,
                    node,
                    services.GetRequiredService<PartnerKeys>(),
                    clock,
                    ct
                );
                if (!added.IsOk)
                {
                    throw new InvalidOperationException($"Demo partner {partner.Economy}: {added.Errors[0].Message}");
                }
            }

            var replicator = new PartnerReplicator(
                new InProcess(log),
                services.GetRequiredService<PartnerKeys>(),
                clock,
                services.GetRequiredService<IConfiguration>(),
                services.GetRequiredService<Platform.Persistence.DatabaseLeases>(),
                services.GetRequiredService<ILogger<PartnerReplicator>>()
            );
            var pulled = await replicator.PullAsync(db, partner.Economy, ct);
            if (!pulled.Succeeded)
            {
                throw new InvalidOperationException($"Demo partner {partner.Economy}: {pulled.Error}");
            }

            lines.Add($"{partner.Economy} {pulled.TreeSize} entries ({log.Aeos} AEOs)");
        }

        var mras = await db.Partners().AsNoTracking().Where(p => p.MraId != null).CountAsync(ct);
        return
        [
            lines.Count == 0
                ? "Partners: demo partners are replicated already."
                : $"Partners: {string.Join(", ", lines)} replicated and verified; {mras} partners linked by an MRA in force.",
        ];
    }

    /// <summary>A partner's log as its node would serve it: entries in recording order, their leaf hashes and the signing key.</summary>
    private sealed record PartnerLog(string Economy, ECDsa Key, IReadOnlyList<byte[]> Entries, int Aeos, DateTimeOffset SignedAt);

    /// <summary>
    /// The partner's AEOs (its named firms and generated ones), granted over the years before its node went live
    /// (recorded then), and a few suspensions and revocations since, all before now.
    /// </summary>
    private static PartnerLog Log(DemoPartner p, DateTimeOffset now)
    {
        var rng = new Random(DemoData.RandomSeed + p.Economy[0] * 31 + p.Economy[1]);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(p.TimeZone);
        DateTimeOffset Midnight(DateOnly day) =>
            new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var live = today.AddDays(-600 - rng.Next(60));
        var events = new List<(DateTimeOffset Recorded, Func<long, StatusEntry> Make)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < p.Aeos; i++)
        {
            var tin = Tin.Parse(i < p.Named.Length ? p.Named[i] : p.Tin(i)).Value;
            var name = i < p.Named.Length ? DemoData.Named.Single(o => o.Tin == tin.Value).LegalName ?? "" : "";
            while (name.Length == 0 || !names.Add(name))
            {
                name = $"{p.Places[rng.Next(p.Places.Length)]} {Trades[rng.Next(Trades.Length)]} {p.Suffix}";
            }

            var roles = OperatorRoles.Exporter | (rng.NextDouble() < 0.7 ? OperatorRoles.Manufacturer : OperatorRoles.None);
            var grantedOn = new DateOnly(2012, 1, 1).AddDays(rng.Next(live.DayNumber - new DateOnly(2012, 1, 1).DayNumber));
            var number = $"{p.Economy}-AEO-{grantedOn.Year}-{i + 1:D5}";
            var recorded = Midnight(live).AddHours(10).AddSeconds(i);
            StatusEntry Entry(long seq, StatusEvent e, DateOnly effective, DateTimeOffset at) =>
                new(seq, tin, name, p.Economy, p.Economy, null, roles, number, e, Midnight(effective), grantedOn, null, at);
            events.Add((recorded, seq => Entry(seq, StatusEvent.Granted, grantedOn, recorded)));

            // A few of them lose their status (and one gets it back) after the partner's node went live, before now.
            var fate = rng.NextDouble();
            if (i >= p.Named.Length && fate < 0.12)
            {
                var suspended = live.AddDays(30 + rng.Next(today.DayNumber - live.DayNumber - 60));
                var at = Midnight(suspended).AddHours(11);
                events.Add((at, seq => Entry(seq, StatusEvent.Suspended, suspended, at)));
                var after = suspended.AddDays(20 + rng.Next(40));
                if (after < today)
                {
                    var again = Midnight(after).AddHours(15);
                    events.Add((again, seq => Entry(seq, fate < 0.06 ? StatusEvent.Revoked : StatusEvent.Reinstated, after, again)));
                }
            }
        }

        var entries = events.OrderBy(e => e.Recorded).Select((e, seq) => e.Make(seq).ToCanonicalJson()).ToList();
        return new PartnerLog(p.Economy, Key(p.Economy), entries, p.Aeos, now);
    }

    /// <summary>The partner's signing key, the same on every run: derived from the story's seed and its economy.</summary>
    private static ECDsa Key(string economy)
    {
        var d = SHA256.HashData(Encoding.UTF8.GetBytes($"openaeo-demo-partner-{economy}-{DemoData.RandomSeed}"));
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        key.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
        return key;
    }

    /// <summary>The partner's node, answering the exchange protocol's reads (status-exchange.md) from its log in memory.</summary>
    private sealed class InProcess(PartnerLog log) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new Node(log), disposeHandler: true);

        private sealed class Node(PartnerLog log) : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var path = request.RequestUri!.AbsolutePath;
                var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.RequestUri.Query);
                var leaves = log.Entries.Select(e => MerkleTree.HashLeaf(e)).ToList();
                byte[]? body = null;
                if (path.EndsWith("/sth", StringComparison.Ordinal))
                {
                    body = SignedTreeHead.Sign(log.Economy, leaves.Count, MerkleTree.RootHash(leaves), log.SignedAt, log.Key).ToJson();
                }
                else if (
                    path.EndsWith("/entries", StringComparison.Ordinal)
                    && int.TryParse(query["start"], CultureInfo.InvariantCulture, out var start)
                    && int.TryParse(query["end"], CultureInfo.InvariantCulture, out var stop)
                )
                {
                    var page = Enumerable
                        .Range(start, Math.Max(0, Math.Min(stop, log.Entries.Count) - start))
                        .Select(i => $"{{\"index\":{i},\"entry\":{Encoding.UTF8.GetString(log.Entries[i])}}}");
                    body = Encoding.UTF8.GetBytes($"{{\"entries\":[{string.Join(',', page)}]}}");
                }

                return Task.FromResult(
                    body is null
                        ? new HttpResponseMessage(HttpStatusCode.NotFound)
                        : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) }
                );
            }
        }
    }
}
