using Microsoft.Data.Sqlite;
using OpenAeo.Certification;
using OpenAeo.MutualRecognition;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>
/// Issue 4's "done means": two OpenAeo processes, Chinese Taipei and Japan, with their seeded MRA in force from
/// 2019-05-22, exchanging AEO status through the signed log.
/// </summary>
public sealed class TwoAdministrationsTests
{
    private const string Tin = "TW00000003";

    [Fact]
    public async Task A_status_travels_from_Taipei_to_Tokyo_verified_and_a_rewritten_entry_is_caught()
    {
        await using var tw = new OpenAeoNode("TW");
        await using var jp = new OpenAeoNode("JP");
        var twIdentity = Api.Parse<ExchangeIdentity>(await tw.CliOk("exchange", "identity"));
        var jpIdentity = Api.Parse<ExchangeIdentity>(await jp.CliOk("exchange", "identity"));
        twIdentity.Economy.ShouldBe("TW");
        twIdentity.Algorithm.ShouldBe("ECDSA-P256-SHA256");

        // Each administration issues the other a Partner key and registers the other as a partner (default agreement: the seeded MRA).
        var jpKeyAtTw = await tw.CliOk(ExchangeSetUp.PartnerAccount("japan-customs", "JP"));
        var twKeyAtJp = await jp.CliOk(ExchangeSetUp.PartnerAccount("taipei-customs", "TW"));
        (await tw.CliOk(ExchangeSetUp.AddPartner("JP", jp.BaseUrl, jpIdentity.PublicKey, twKeyAtJp))).ShouldStartWith("JP: MRA-");
        (await jp.CliOk(ExchangeSetUp.AddPartner("TW", tw.BaseUrl, twIdentity.PublicKey, jpKeyAtTw))).ShouldStartWith("TW: MRA-");

        // Taipei's register: a consenting exporter certified since 2018.
        var officerAtTw = await tw.CliOk("users", "add", "--name", "tw-officer", "--role", "ProgrammeOfficer", "--print-api-key");
        var officerAtJp = await jp.CliOk("users", "add", "--name", "jp-border", "--role", "BorderOfficer", "--print-api-key");
        await tw.CliOk(
            "operators",
            "import",
            Csv(
                tw,
                "operators.csv",
                "tin,legal_name,economy,roles,employees,turnover,sector,consent",
                $"{Tin},Formosa Precision Ltd,TW,Exporter;Manufacturer,120,,Electronics,true"
            )
        );
        await tw.CliOk(
            "certificates",
            "import",
            Csv(
                tw,
                "certificates.csv",
                "tin,programme,certificate_number,tier,valid_from,valid_until,status",
                $"{Tin},TW,TW-AEO-2018-0042,,2018-03-01,,Active"
            )
        );

        // Our key at the partner's node is stored encrypted (issue #11 item 8), in a database only the owner can read.
        await using (var sqlite = new SqliteConnection($"Data Source={tw.DatabasePath};Pooling=False"))
        {
            await sqlite.OpenAsync();
            await using var read = sqlite.CreateCommand();
            read.CommandText = "SELECT \"ProtectedApiKey\" FROM mr_partners WHERE \"Economy\" = 'JP'";
            var stored = (string)(await read.ExecuteScalarAsync())!;
            stored.ShouldNotBeEmpty();
            stored.ShouldNotContain(twKeyAtJp);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(tw.DatabasePath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.GetUnixFileMode(tw.KeyPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await Task.WhenAll(tw.StartAsync(), jp.StartAsync());
        using var twOfficer = tw.Client(officerAtTw);
        using var jpOfficer = jp.Client(officerAtJp);

        // One pull: granted in Taipei, recognised in Tokyo.
        (await jp.CliOk("exchange", "pull")).ShouldContain("TW: Healthy");
        var recognised = await Recognition(jpOfficer, null);
        recognised.Result.ShouldBe("RecognisedUnderMra", recognised.ToString());
        recognised.Partner.ShouldBe("TW");
        recognised.Mra.ShouldNotBeNull().ShouldStartWith("MRA-");
        recognised.Provenance!.Index.ShouldBe(0);

        // Before the MRA entered into force the same certificate was known, not recognised.
        (await Recognition(jpOfficer, "2019-05-01")).Result.ShouldBe("KnownForeignAeo");

        // A suspension in Taipei is NotAeo in Tokyo after the next pull.
        var certificate = (await twOfficer.GetItemsAsync<CertificateResponse>($"/api/v1/certificates?tin={Tin}"))!.Single();
        var id = certificate.Id;
        (
            await twOfficer.PostAsJsonAsync($"/api/v1/certificates/{id}/suspension", new { reason = "Security breach under investigation" })
        ).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await jp.CliOk("exchange", "pull", "--partner", "TW")).ShouldContain("TW: Healthy");
        var suspended = await Recognition(jpOfficer, Later());
        suspended.Result.ShouldBe("NotAeo", suspended.ToString());
        var verifiedSize = suspended.Provenance!.TreeSize;
        verifiedSize.ShouldBe(2);

        // Taipei reinstates, and someone rewrites the new entry in Taipei's database before Tokyo pulls it.
        (await twOfficer.PostAsJsonAsync($"/api/v1/certificates/{id}/reinstatement", new { reason = "Cleared" })).StatusCode.ShouldBe(
            HttpStatusCode.OK
        );
        using (var asJapan = tw.Client(jpKeyAtTw))
        {
            (await asJapan.TreeHeadAsync()).TreeSize.ShouldBe(3);
        }

        await using (var sqlite = new SqliteConnection($"Data Source={tw.DatabasePath}"))
        {
            await sqlite.OpenAsync();
            await using var tamper = sqlite.CreateCommand();
            tamper.CommandText =
                "UPDATE mr_log_entries SET \"Json\" = replace(\"Json\", 'Formosa Precision Ltd', 'Formosa "
                + "Precision Holdings') WHERE \"Index\" = 2";
            (await tamper.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var (exit, _, error) = await jp.Cli("exchange", "pull", "--partner", "TW");
        exit.ShouldNotBe(0);
        error.ShouldContain("Diverged");
        error.ShouldContain("EntriesDoNotRebuildRoot");

        using var jpAdmin = jp.Client(await jp.CliOk("users", "add", "--name", "jp-admin", "--role", "Admin", "--print-api-key"));
        var partner = (await jpAdmin.GetItemsAsync<PartnerResponse>("/api/v1/partners"))!.Single();
        partner.Health.ShouldBe("Diverged");
        partner.TreeSize.ShouldBe(verifiedSize);

        // Tokyo still answers from the last verified state: suspended, at tree size 2.
        var kept = await Recognition(jpOfficer, Later());
        kept.Result.ShouldBe("NotAeo");
        kept.Provenance!.TreeSize.ShouldBe(verifiedSize);

        // And Taipei's own check finds the rewritten entry.
        var verify = await tw.Cli("exchange", "verify");
        verify.Exit.ShouldNotBe(0);
        verify.Error.ShouldContain("Entry 2");
    }

    private static string Later() => DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<RecognitionResponse> Recognition(HttpClient officer, string? at) =>
        await (await officer.GetAsync($"/api/v1/recognition/{Tin}" + (at is null ? "" : $"?at={at}"))).Read<RecognitionResponse>(200);

    private static string Csv(OpenAeoNode node, string name, params string[] lines)
    {
        var path = Path.Combine(node.Folder, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }
}
