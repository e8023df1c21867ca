using System.Security.Cryptography;
using OpenAeo.Certification;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>
/// Issue 11, item 3: <c>exchange verify</c> checks every stored column derived from an entry against the entry itself
/// (entries, subtree nodes, every signed tree head, partners' replicas), exits 1 naming the entry, and
/// <c>/exchange/v1/status/{tin}</c> never serves a row that does not verify.
/// </summary>
public sealed class The_log_verifier_checks_every_stored_column : IDisposable
{
    private const string Operator = "TW00000003";
    private const string Other = "TW00000099";
    private readonly string folder = Directory.CreateTempSubdirectory("openaeo-verify-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Entry 0 grants the operator, entry 1 suspends it; a partner reads our log and we hold Japan's replica.</summary>
    private async Task<HttpClient> SuspendedOperatorAndJapan(OpenAeoApp app)
    {
        var certificates = Path.Combine(folder, "certificates.csv");
        var operators = Path.Combine(folder, "operators.csv");
        await File.WriteAllTextAsync(
            operators,
            $"tin,legal_name,economy,roles,employees,consent\n{Operator},Formosa Precision Ltd,TW,exporter,40,"
                + $"true\n{Other},Other Ltd,TW,exporter,40,true\n"
        );
        await File.WriteAllTextAsync(
            certificates,
            $"tin,programme,certificate_number,valid_from,status\n{Operator},TW,TW-AEO-2018-0042,2018-03-01,Active\n"
        );
        (await app.Cli("operators", "import", operators)).Exit.ShouldBe(0);
        (await app.Cli("certificates", "import", certificates)).Exit.ShouldBe(0);
        (await app.Cli("exchange", "verify")).Exit.ShouldBe(0);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var id = (await officer.GetItemsAsync<CertificateResponse>($"/api/v1/certificates?tin={Operator}"))!.Single().Id;
        (
            await officer.PostAsJsonAsync($"/api/v1/certificates/{id}/suspension", new { reason = "Seal irregularities" })
        ).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Japan's log of one entry, verified and replicated here as the replicator leaves it.
        using var japanKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var since = new DateTimeOffset(2023, 12, 31, 15, 0, 0, TimeSpan.Zero);
        var entry = new StatusEntry(
            0,
            Tin.Parse("JP1000000001").Value,
            "Osaka Fine Ceramics K.K.",
            "JP",
            "JP",
            null,
            OperatorRoles.Exporter,
            "JP-AEO-0001",
            StatusEvent.Granted,
            since,
            new DateOnly(2024, 1, 1),
            null,
            since,
            "Asia/Tokyo"
        );
        var leaf = entry.LeafHash();
        var head = SignedTreeHead.Sign("JP", 1, MerkleFrontier.FromLeafHashes([leaf]).RootHash(), since, japanKey);
        var added = await app.Cli(
            ExchangeSetUp.AddPartner(
                "JP",
                "https://japan.test",
                Convert.ToBase64String(japanKey.ExportSubjectPublicKeyInfo()),
                "k",
                "--agreement",
                "sharing"
            )
        );
        added.Exit.ShouldBe(0, added.Error);
        await app.WithDb(async db =>
        {
            // As the replicator stores a verified round: a compare-and-set on the row, not through the entity.
            var json = Encoding.UTF8.GetString(head.ToJson());
            await db.Partners()
                .Where(p => p.Economy == "JP")
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.TreeSize, 1L).SetProperty(p => p.VerifiedTreeHead, json));
            db.ReplicaFrontier()
                .AddRange(
                    MerkleFrontier
                        .FromLeafHashes([leaf])
                        .Hashes.Select(
                            (h, i) =>
                                new ReplicaFrontierNode
                                {
                                    Partner = "JP",
                                    Position = i,
                                    Hash = h,
                                }
                        )
                );
            db.ReplicaEntries()
                .Add(
                    new ReplicaEntry
                    {
                        Partner = "JP",
                        Index = 0,
                        Tin = "JP1000000001",
                        Json = Encoding.UTF8.GetString(entry.ToCanonicalJson()),
                    }
                );
            await db.SaveChangesAsync();
        });

        var verified = await app.Cli("exchange", "verify");
        verified.Exit.ShouldBe(0, verified.Error);
        verified.Output.ShouldContain("2 entries rebuild the signed root");
        return await app.ClientAs(Role.Partner);
    }

    public static TheoryData<string, string, string> Tampering()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var provider in new[] { "Sqlite", "Postgres" })
        {
            data.Add(
                provider,
                $"UPDATE mr_log_entries SET \"Tin\" = '{Other}' WHERE \"Index\" = 1",
                $"Entry 1: its stored Tin column is {Other}, the entry is about {Operator} (the column was altered)."
            );
            data.Add(
                provider,
                "UPDATE mr_log_entries SET \"LeafHash\" = (SELECT e.\"LeafHash\" FROM mr_log_entries e WHERE "
                    + "e.\"Index\" = 0) WHERE \"Index\" = 1",
                "Entry 1: its JSON does not hash to its stored leaf hash (the entry was altered)."
            );
            data.Add(
                provider,
                "UPDATE mr_log_nodes SET \"Hash\" = (SELECT n.\"Hash\" FROM mr_log_nodes n WHERE n.\"Level\" = 0 "
                    + "AND n.\"Index\" = 0) WHERE \"Level\" = 0 AND \"Index\" = 1",
                "Stored node (level 0, index 1) does not match the entries."
            );
            data.Add(
                provider,
                "UPDATE mr_log_tree_heads SET \"RootHash\" = (SELECT h.\"RootHash\" FROM mr_log_tree_heads h WHERE "
                    + "h.\"TreeSize\" = 2) WHERE \"TreeSize\" = 1",
                "The root rebuilt from the first 1 entries is not the signed root of the tree head of that size."
            );
            data.Add(
                provider,
                "UPDATE mr_log_tree_heads SET \"Signature\" = (SELECT h.\"Signature\" FROM mr_log_tree_heads h "
                    + "WHERE h.\"TreeSize\" = 1) WHERE \"TreeSize\" = 2",
                "The signature of the tree head of size 2 does not verify with this node's key."
            );
            data.Add(
                provider,
                "UPDATE mr_replica_entries SET \"Tin\" = 'JP1000000002' WHERE \"Partner\" = 'JP' AND \"Index\" = 0",
                "Replica of JP, entry 0: its stored Tin column is JP1000000002, the entry is about JP1000000001 (the column was altered)."
            );
            data.Add(
                provider,
                "UPDATE mr_replica_entries SET \"Json\" = replace(\"Json\", 'Osaka', 'Kyoto') WHERE \"Partner\" = 'JP' AND \"Index\" = 0",
                "Replica of JP: its 1 entries do not rebuild the verified root (a replicated entry was altered)."
            );
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task A_tampered_column_fails_verify_naming_its_entry_and_status_never_serves_a_row_that_does_not_verify(
        string provider,
        string tamper,
        string problem
    )
    {
        await using var app = await OpenAeoApp.On(provider);
        var partner = await SuspendedOperatorAndJapan(app);
        (await partner.Get<IndexedEntry>($"/exchange/v1/status/{Operator}")).Status.Event.ShouldBe(StatusEvent.Suspended);

        await app.WithDb(db => db.Database.ExecuteSqlRawAsync(tamper));

        // Before any verification, a row whose columns disagree with its entry is refused where it is found.
        var other = await partner.GetAsync($"/exchange/v1/status/{Other}");
        other.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.ServiceUnavailable);
        var (exit, _, error) = await app.Cli("exchange", "verify");

        exit.ShouldBe(1);
        error.ShouldContain(problem);
        var status = await partner.GetAsync($"/exchange/v1/status/{Operator}");
        if (status.StatusCode == HttpStatusCode.OK)
        {
            // Served only when no stored column of the entries was touched: then it is the suspension, as before.
            problem.ShouldNotStartWith("Entry ");
            (await status.Read<IndexedEntry>()).Status.Event.ShouldBe(StatusEvent.Suspended);
        }
        else
        {
            status.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            problem.ShouldStartWith("Entry ");
            (await status.Content.ReadAsStringAsync()).ShouldContain("not served");
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_row_stored_under_another_tin_is_refused_even_before_verify_runs(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var partner = await SuspendedOperatorAndJapan(app);

        await app.WithDb(db => db.Database.ExecuteSqlRawAsync($"UPDATE mr_log_entries SET \"Tin\" = '{Other}' WHERE \"Index\" = 1"));

        var other = await partner.GetAsync($"/exchange/v1/status/{Other}");
        other.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await other.Content.ReadAsStringAsync()).ShouldContain(
            $"Entry 1: its stored Tin column is {Other}, the entry is about {Operator} (the column was altered)."
        );
    }
}
