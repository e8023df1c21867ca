using System.Security.Cryptography;
using System.Text.RegularExpressions;
using OpenAeo.Certification;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;

namespace OpenAeo.Tests.MutualRecognition;

public sealed partial class ExchangeApiTests : IDisposable
{
    private const string Tin = CertifiedExporter.Tin;
    private readonly string folder = Directory.CreateTempSubdirectory("openaeo-mra-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string File(string name, params string[] lines)
    {
        var path = Path.Combine(folder, name);
        System.IO.File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static string NewPublicKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_partner_without_an_agreement_gets_403_and_a_registered_partner_reads_the_signed_log(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        await CertifiedExporter.Certified(app);
        var japan = await app.ClientAs(Role.Partner);

        var denied = await japan.GetAsync("/exchange/v1/sth");
        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        denied.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        // Every call on the log passes the same check (one filter on their group), whatever its parameters.
        foreach (var call in new[] { "entries?start=0&end=1", "proof/consistency?first=0&second=1", "proof/inclusion?index=0&treeSize=1" })
        {
            (await japan.GetAsync($"/exchange/v1/{call}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, call);
        }

        (await app.Cli(ExchangeSetUp.AddPartner("JP", "https://127.0.0.1:9", NewPublicKey(), "their-key"))).Exit.ShouldBe(0);
        var sthJson = await japan.GetByteArrayAsync("/exchange/v1/sth");
        var identity = await app.Anonymous().Get<ExchangeIdentity>("/exchange/v1/identity");
        var publicKey = Convert.FromBase64String(identity.PublicKey);
        var sth = SignedTreeHead.Parse(sthJson).Value!;
        sth.Verify(publicKey).ShouldBeTrue();
        sth.TreeSize.ShouldBe(1);

        // The entry stays JSON up to its leaf: the partner hashes the member it was served, not a record written back out.
        var entries = await japan.GetFromJsonAsync<JsonElement>("/exchange/v1/entries?start=0&end=1");
        var entry = entries.GetProperty("entries")[0].GetProperty("entry");
        Exchange.Entry(entry).Event.ShouldBe(StatusEvent.Granted);
        var leaf = MerkleTree.HashLeaf(CanonicalJson.Canonicalize(entry).Value!);
        MerkleTree.VerifyInclusion(0, 1, leaf, [], sth.RootHash).ShouldBeTrue();
        (await japan.Get<IndexedEntry>($"/exchange/v1/status/{Tin}")).Index.ShouldBe(0);
        (await japan.GetAsync("/exchange/v1/entries?start=0&end=5")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_node_key_is_created_on_first_run_readable_by_its_owner_only_and_kept(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var first = Api.Parse<ExchangeIdentity>((await app.Cli("exchange", "identity")).Output);

        System.IO.File.Exists(app.NodeKeyPath).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.GetUnixFileMode(app.NodeKeyPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        System.IO.File.ReadAllText(app.NodeKeyPath).ShouldStartWith("-----BEGIN PRIVATE KEY-----");
        first.Economy.ShouldBe("TW");
        var publicKey = Convert.FromBase64String(first.PublicKey);
        Convert.FromBase64String(first.LogId).ShouldBe(SHA256.HashData(publicKey));
        (await app.Anonymous().Get<ExchangeIdentity>("/exchange/v1/identity")).PublicKey.ShouldBe(first.PublicKey);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_log_only_grows_a_suspension_appends_and_earlier_entries_stay_byte_for_byte(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await CertifiedExporter.Certified(app);
        (await app.Cli("exchange", "verify")).Exit.ShouldBe(0);
        var before = await app.WithDb(db => db.LogEntries().AsNoTracking().OrderBy(e => e.Index).ToListAsync());

        var id = (await officer.GetItemsAsync<CertificateResponse>($"/api/v1/certificates?tin={Tin}"))![0].Id;
        (await officer.PostAsJsonAsync($"/api/v1/certificates/{id}/suspension", new { reason = "Audit finding" })).StatusCode.ShouldBe(
            HttpStatusCode.OK
        );
        (await app.Cli("exchange", "verify")).Exit.ShouldBe(0);

        var after = await app.WithDb(db => db.LogEntries().AsNoTracking().OrderBy(e => e.Index).ToListAsync());
        after.Count.ShouldBe(before.Count + 1);
        after.Take(before.Count).Select(e => e.Json).ShouldBe(before.Select(e => e.Json));
        after[^1].Json.ShouldContain("\"event\":\"Suspended\"");
    }

    [Fact]
    public void No_code_updates_or_deletes_the_log_tables()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!System.IO.File.Exists(Path.Combine(root.FullName, "OpenAeo.slnx")))
        {
            root = root.Parent!;
        }

        var offenders = Directory
            .EnumerateFiles(Path.Combine(root.FullName, "src/OpenAeo"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/Migrations/", StringComparison.Ordinal))
            .SelectMany(f => System.IO.File.ReadAllLines(f).Select((line, i) => (f, line, i)))
            .Where(x => LogMutation().IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        offenders.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Exchange_verify_finds_an_entry_rewritten_in_the_database(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        await CertifiedExporter.Certified(app);
        (await app.Cli("exchange", "verify")).Output.ShouldContain("1 entries rebuild the signed root");

        await app.WithDb(db => db.Database.ExecuteSqlRawAsync("UPDATE mr_log_entries SET \"Json\" = replace(\"Json\", 'Ltd', 'Holdings')"));

        var (exit, _, error) = await app.Cli("exchange", "verify");
        exit.ShouldBe(1);
        error.ShouldContain("Entry 0: its JSON does not hash to its stored leaf hash");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Public_status_shows_a_consenting_operator_and_answers_429_when_the_rate_is_exceeded(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        await CertifiedExporter.Certified(app);
        var anyone = app.Anonymous();

        var body = await anyone.GetStringAsync($"/api/v1/public/status/{Tin}");
        var status = JsonSerializer.Deserialize<PublicStatusResponse>(body, Api.Json)!;
        status.LegalName.ShouldBe("Formosa Precision Ltd");
        status.Result.ShouldBe("LocalAeo");
        // What the public answer leaves out is a matter of its JSON, not of a record that would ignore a member.
        JsonDocument.Parse(body).RootElement.TryGetProperty("roles", out _).ShouldBeFalse();
        (await anyone.GetAsync("/api/v1/public/status/TW99999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        HttpResponseMessage last = new();
        for (var i = 0; i < 60; i++)
        {
            last = await anyone.GetAsync($"/api/v1/public/status/{Tin}");
        }

        last.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        last.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Recognition_is_for_officers_and_answers_LocalAeo_for_our_own_certificate(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        await CertifiedExporter.Certified(app);

        (await app.Anonymous().GetAsync($"/api/v1/recognition/{Tin}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await app.ClientAs(Role.Trader, Tin)).GetAsync($"/api/v1/recognition/{Tin}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.ClientAs(Role.Partner)).GetAsync($"/api/v1/recognition/{Tin}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var border = await app.ClientAs(Role.BorderOfficer);
        (await border.Get<RecognitionResponse>($"/api/v1/recognition/{Tin}")).Result.ShouldBe("LocalAeo");
        (await border.Get<RecognitionResponse>($"/api/v1/recognition/{Tin}?at=2017-01-01")).Result.ShouldBe("Unknown");
        (await border.Get<RecognitionResponse>("/api/v1/recognition/JP12345")).Result.ShouldBe("Unknown");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_seeded_registry_has_the_report_MRAs_and_mras_add_prints_the_new_id(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var mras = (await app.Anonymous().GetItemsAsync<MraResponse>("/api/v1/mras"))!;
        var twJp = mras.Single(m => m.Name == "Chinese Taipei–Japan");
        twJp.Status.ShouldBe("InForce");
        twJp.InForceFrom.ShouldBe(new DateOnly(2019, 5, 22));
        twJp.Source!.ShouldContain("APEC report");
        mras.Single(m => m.Name == "Pacific Alliance–Mercosur").Status.ShouldBe("ActionPlan");

        var (exit, output, error) = await app.Cli(
            "mras",
            "add",
            "--parties",
            "SG,CL",
            "--status",
            "InForce",
            "--signed",
            "2020-01-10",
            "--in-force",
            "2020-06-01"
        );
        exit.ShouldBe(0, error);
        output.Trim().ShouldMatch(@"^MRA-\d+$");
        var id = output.Trim()[4..];
        (await app.Anonymous().Get<MraResponse>($"/api/v1/mras/{id}")).Parties.ShouldBe(["SG", "CL"]);

        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var backwards = await officer.PutAsJsonAsync(
            $"/api/v1/mras/{id}",
            new { parties = new[] { "SG", "CL" }, status = "UnderNegotiation" }
        );
        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await backwards.Content.ReadAsStringAsync()).ShouldContain("cannot move from InForce to UnderNegotiation");
        (
            await (await app.ClientAs(Role.BorderOfficer)).PostAsJsonAsync(
                "/api/v1/mras",
                new { parties = new[] { "SG", "CL" }, status = "Signed" }
            )
        ).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Run twice: the seed is idempotent.
        (await app.Cli("mras", "add", "--parties", "TW", "--status", "Signed")).Exit.ShouldBe(1);
        (await app.Anonymous().GetItemsAsync<MraResponse>("/api/v1/mras"))!.Length.ShouldBe(mras.Length + 1);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_MRA_file_with_errors_imports_nothing_and_names_each_line_and_column(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var before = (await app.Anonymous().GetItemsAsync<MraResponse>("/api/v1/mras"))!.Length;

        var (exit, _, error) = await app.Cli(
            "mras",
            "import",
            File(
                "mras.csv",
                "parties,status,signed,in_force",
                "\"SG,PE\",InForce,2021-02-01,2021-08-01",
                "\"SG,XX\",Signed,2022-01-01,",
                "\"SG,MY\",Ratified,,",
                "\"SG,VN\",InForce,2023-01-01,2022-01-01"
            )
        );

        exit.ShouldBe(1);
        error.ShouldContain("mras.csv:3:1 (parties): Unknown economy or bloc 'XX'.");
        error.ShouldContain("mras.csv:4:2 (status)");
        error.ShouldContain("mras.csv:5:4 (in_force)");
        error.ShouldContain("Nothing was imported.");
        (await app.Anonymous().GetItemsAsync<MraResponse>("/api/v1/mras"))!.Length.ShouldBe(before);

        var ok = await app.Cli(
            "mras",
            "import",
            File("good.csv", "parties,status,signed,in_force", "\"SG,PE\",InForce,2021-02-01,2021-08-01")
        );
        ok.Exit.ShouldBe(0, ok.Error);
        (await app.Anonymous().GetItemsAsync<MraResponse>("/api/v1/mras"))!.Length.ShouldBe(before + 1);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Withdrawing_consent_appends_ConsentWithdrawn(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await CertifiedExporter.Certified(app);
        (await app.Cli("exchange", "verify")).Exit.ShouldBe(0);

        await CertifiedExporter.WithdrawConsent(officer);
        (await app.Cli("exchange", "verify")).Exit.ShouldBe(0);

        var entries = await app.WithDb(db => db.LogEntries().AsNoTracking().OrderBy(e => e.Index).Select(e => e.Json).ToListAsync());
        entries.Count.ShouldBe(2);
        entries[1].ShouldContain("\"event\":\"ConsentWithdrawn\"");
        (await app.Anonymous().GetAsync($"/api/v1/public/status/{Tin}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    // EF Update/Remove/ExecuteUpdate/ExecuteDelete on a log set, or SQL that changes a log table.
    [GeneratedRegex(
        @"(LogEntries|LogNodes|LogTreeHeads)\(\)[^;]*\.(Update|UpdateRange|Remove|RemoveRange|ExecuteUpdate\w*|"
            + @"ExecuteDelete\w*)\(|(UPDATE|DELETE\s+FROM)\s+""?mr_log_",
        RegexOptions.IgnoreCase
    )]
    private static partial Regex LogMutation();
}
