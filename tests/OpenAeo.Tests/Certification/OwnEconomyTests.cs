using OpenAeo.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;

namespace OpenAeo.Tests.Certification;

/// <summary>
/// Issue 10, item 2: a Chinese Taipei node certifies only for Chinese Taipei. New Zealand's programme is reference data
/// on it: applications, grants and imported certificates under it are refused (409 with a problem type on the API, a
/// row error in a file), its pages do not offer it, and every log entry names the economy of the programme that issued it.
/// </summary>
public sealed class A_node_certifies_only_for_its_own_economy : IDisposable
{
    private const string Kiwi = "NZ9429041234567";
    private const string ProblemType = "urn:openaeo:problem:certification.foreign-programme";
    private readonly string folder = Directory.CreateTempSubdirectory("openaeo-own-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static async Task ShouldBeForeignProgramme(HttpResponseMessage response, string act)
    {
        var problem = await response.Read<Problem>(409);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem.Type.ShouldBe(ProblemType);
        problem.Detail.ShouldBe(
            $"Secure Exports Scheme (NZ) is NZ's programme: this node certifies for TW only, so it cannot {act} "
                + "under it. Other economies' programmes are reference data here."
        );
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Applications_to_another_economy_programme_are_refused_and_not_offered(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var kiwi = await Applicant.Register(app, Kiwi, employees: 12, roles: ["Exporter"]);

        await ShouldBeForeignProgramme(
            await kiwi.Trader.PostAsJsonAsync("/api/v1/applications", new { track = "Sme" }),
            "accept applications"
        );
        await ShouldBeForeignProgramme(
            await kiwi.Officer.PostAsJsonAsync(
                "/api/v1/applications",
                new
                {
                    @operator = Kiwi,
                    programme = "nz",
                    track = "Standard",
                }
            ),
            "accept applications"
        );
        (await app.WithDb(db => db.Applications().CountAsync())).ShouldBe(0);

        var page = WebUtility.HtmlDecode(await kiwi.Trader.GetStringAsync("/applications"));
        page.ShouldContain("This service certifies operators for TW only.");
        page.ShouldNotContain("data-testid=\"start-form\"");

        var taipei = await Applicant.Register(app, "TW20000001", officer: kiwi.Officer);
        (await taipei.Start("Standard")).Programme.ShouldBe("TW");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_application_left_from_another_economy_programme_is_not_granted_and_its_certificates_stay_out_of_the_log(
        string provider
    )
    {
        await using var app = await OpenAeoApp.On(provider);
        var kiwi = await Applicant.Register(app, Kiwi, employees: 12, roles: ["Exporter"]);

        // What a node configured as New Zealand's left in this database: a validated application, and a certificate.
        int validated;
        await using (var misconfigured = app.SharingDatabase("NZ"))
        {
            var there = await Applicant.Register(misconfigured, "NZ1111111", employees: 12, roles: ["Exporter"]);
            validated = await there.Validated("Sme");
            var register = Path.Combine(folder, "nz.csv");
            await File.WriteAllTextAsync(
                register,
                $"tin,programme,certificate_number,valid_from,status\n{Kiwi},NZ,NZ-SES-0001,2024-01-01,Active\n"
            );
            (await misconfigured.Cli("certificates", "import", register)).Exit.ShouldBe(0);
        }

        var grant = await kiwi.Officer.PostAsJsonAsync($"/api/v1/applications/{validated}/grant", new { });
        await ShouldBeForeignProgramme(grant, "grant certificates");
        var page = WebUtility.HtmlDecode(await kiwi.Officer.GetStringAsync($"/applications/{validated}"));
        page.ShouldContain("data-testid=\"grant-refused\"");
        page.ShouldNotContain("Grant and issue the certificate");

        // Our own certificate is published under our economy; New Zealand's is not ours to publish.
        var taipei = Path.Combine(folder, "tw.csv");
        await File.WriteAllTextAsync(
            taipei,
            "tin,programme,certificate_number,valid_from,status\nTW20000001,TW,TW-AEO-0001,2024-01-01,Active\n"
        );
        await Applicant.Register(app, "TW20000001", officer: kiwi.Officer);
        (await app.Cli("certificates", "import", taipei)).Exit.ShouldBe(0);
        (await app.Cli("exchange", "verify")).Exit.ShouldBe(0);
        var entries = await app.WithDb(db => db.LogEntries().Select(e => e.Json).ToListAsync());
        entries.ShouldHaveSingleItem().ShouldContain("\"economy\":\"TW\"");
        entries[0].ShouldContain("\"timeZone\":\"Asia/Taipei\"");
        (await (await app.ClientAs(Role.BorderOfficer)).Get<RecognitionResponse>($"/api/v1/recognition/{Kiwi}")).Result.ShouldBe("Unknown");
    }

    [Fact]
    public async Task A_register_naming_another_economy_programme_is_refused_line_by_line()
    {
        await using var app = OpenAeoApp.OnSqlite();
        await Applicant.Register(app, Kiwi, employees: 12, roles: ["Exporter"]);
        await Applicant.Register(app, "TW20000001");
        var register = Path.Combine(folder, "register.csv");
        await File.WriteAllTextAsync(
            register,
            "tin,programme,certificate_number,valid_from,status\nTW20000001,TW,TW-AEO-0001,2024-01-01,Active\n"
                + $"{Kiwi},NZ,NZ-SES-0001,2024-01-01,Active\n"
        );

        var (exit, _, error) = await app.Cli("certificates", "import", register);

        exit.ShouldBe(1);
        error.ShouldContain(
            "register.csv:3:2 (programme): Secure Exports Scheme (NZ) is NZ's programme: this node certifies for "
                + "TW only, so it cannot import certificates under it."
        );
        (await app.WithDb(db => db.Certificates().CountAsync())).ShouldBe(0);
    }
}
