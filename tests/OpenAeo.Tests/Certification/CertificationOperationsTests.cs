using OpenAeo.Certification;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.Certification;

public sealed class Importing_a_certificate_register : IDisposable
{
    private const string Header = "tin,programme,certificate_number,tier,valid_from,valid_until,status";
    private readonly string folder = Directory.CreateTempSubdirectory("openaeo-certs-").FullName;

    // The operators the registers below name: a register imports certificates for operators already in the registry, and
    // seeding the whole demo for three of them made these tests the slowest of the suite.
    private async Task RegisterOperators(OpenAeoApp app)
    {
        var path = Path.Combine(folder, "three-operators.csv");
        System.IO.File.WriteAllLines(
            path,
            [
                "tin,legal_name,economy,roles",
                "TW00000003,Keelung Harbour Customs Brokerage,TW,CustomsBroker",
                "TW00000004,Formosa Precision Components,TW,Manufacturer;Exporter",
                "TW00000005,Hsinchu Micro Optics,TW,Manufacturer;Exporter",
            ]
        );
        var (exit, _, error) = await app.Cli("operators", "import", path);
        exit.ShouldBe(0, error);
    }

    private string File(params string[] lines)
    {
        var path = Path.Combine(folder, "register.csv");
        System.IO.File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_register_is_imported_with_its_events(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        await RegisterOperators(app);

        var (exit, output, error) = await app.Cli(
            "certificates",
            "import",
            File(
                Header,
                "TW00000003,TW,TW-AEO-2019-0157,,2019-05-22,,Active",
                "TW00000004,tw,TW-AEO-2025-0012,,2025-01-15,2027-01-14,Suspended",
                "TW00000005,TW,TW-AEO-2020-0001,,2020-01-01,,Active"
            )
        );

        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        output.ShouldContain("3 certificates imported (2 active, 1 suspended)");
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var suspended = (await officer.GetItemsAsync<CertificateResponse>("/api/v1/certificates?tin=TW00000004"))!.Single(c =>
            c.Number == "TW-AEO-2025-0012"
        );
        suspended.Status.ShouldBe("Suspended");
        suspended.ValidUntil.ShouldBe(new DateOnly(2027, 1, 14));
        suspended.Events.Select(e => e.Event).ShouldBe(["Granted", "Suspended"]);
    }

    [Fact]
    public async Task A_bad_register_names_every_bad_cell_and_imports_nothing()
    {
        await using var app = OpenAeoApp.OnSqlite();
        await RegisterOperators(app);
        var before = await app.WithDb(db => db.Certificates().CountAsync());

        var (exit, _, error) = await app.Cli(
            "certificates",
            "import",
            File(
                Header,
                "TW00000003,TW,TW-1,,2019-05-22,,Active",
                "TW99999999,TW,TW-2,,2019-05-22,,Active",
                "TW00000004,ZZ,TW-3,,2019-05-22,,Active",
                "TW00000004,TW,TW-4,,22/05/2019,,Active",
                "TW00000004,TW,TW-5,,2019-05-22,,Revoked",
                "TW00000005,TW,TW-6,Gold,2020-01-01,,Active",
                "TW00000004,TW,TW-1,,2019-05-22,,Active",
                "TW00000005,TW,TW-7,,2025-01-15,2024-01-14,Active",
                "CN913100001234567,CN,CN-1,Advanced Certified Enterprise,2020-01-01,,Active"
            )
        );

        exit.ShouldBe(1);
        error.ShouldContain("register.csv:3:1 (tin): operator TW99999999 is not in the registry");
        error.ShouldContain("register.csv:4:2 (programme): 'ZZ' is not a programme");
        error.ShouldContain("register.csv:5:5 (valid_from): '22/05/2019' is not a date in the form yyyy-mm-dd");
        error.ShouldContain("register.csv:6:7 (status): 'Revoked' is not Active or Suspended");
        error.ShouldContain("register.csv:7:4 (tier):");
        error.ShouldContain("register.csv:8:3 (certificate_number): certificate TW-1 appears again (first on line 2)");
        error.ShouldContain("register.csv:9:6 (valid_until): A certificate cannot end before it starts.");
        error.ShouldContain(
            "register.csv:10:2 (programme): Authorized Economic Operator (CN) is CN's programme: this node certifies for TW only"
        );
        (await app.WithDb(db => db.Certificates().CountAsync())).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_bad_row_after_thousands_of_good_ones_leaves_nothing_and_the_fixed_file_writes_every_event(string provider)
    {
        // More rows than the import writes at once (5,000), so the good file is written in several bulk batches.
        const int count = 6_100;
        await using var app = await OpenAeoApp.On(provider);
        var operators = Path.Combine(folder, "operators.csv");
        System.IO.File.WriteAllLines(
            operators,
            ["tin,legal_name,economy,roles", .. Enumerable.Range(0, count).Select(i => $"TW77{i:D8},Operator {i},TW,Exporter")]
        );
        (await app.Cli("operators", "import", operators)).Exit.ShouldBe(0);
        string[] rows = [.. Enumerable.Range(0, count).Select(i => $"TW77{i:D8},TW,TW-BULK-{i:D6},,2023-06-01,,Active")];
        var counts = () =>
            app.WithDb(async db =>
                (
                    Certificates: await db.Certificates().CountAsync(),
                    Events: await db.CertificateEvents().CountAsync(),
                    Audit: await db.AuditEntries().CountAsync(a => a.Action == "certificates.imported")
                )
            );
        var before = await counts();

        var (exit, _, error) = await app.Cli(
            "certificates",
            "import",
            File([Header, .. rows[..^1], "TW7799999999,TW,TW-BAD,,2023-06-01,,Active"])
        );

        exit.ShouldBe(1);
        error.ShouldContain($"register.csv:{count + 1}:1 (tin): operator TW7799999999 is not in the registry");
        (await counts()).ShouldBe(before);

        (exit, var output, error) = await app.Cli("certificates", "import", File([Header, .. rows]));

        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        output.ShouldContain($"{count} certificates imported ({count} active, 0 suspended)");
        (await counts()).ShouldBe((before.Certificates + count, before.Events + count, before.Audit + 1));
        var granted = await app.WithDb(db =>
            db.CertificateEvents()
                .Where(e => e.Kind == CertificateEventKind.Granted)
                .Join(db.Certificates().Where(c => c.Number.StartsWith("TW-BULK-")), e => e.CertificateId, c => c.Id, (e, c) => c.Number)
                .Distinct()
                .CountAsync()
        );
        granted.ShouldBe(count, "one Granted event for each imported certificate, pointing at it");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}

public class Pauses_that_reach_their_date
{
    [Theory]
    [InlineData("Resume", "UnderReview")]
    [InlineData("Lapse", "Withdrawn")]
    public async Task The_programme_policy_resumes_or_lapses_the_application_after_reminders(string policy, string expected)
    {
        await using var app = OpenAeoApp.OnSqlite();
        var applicant = await Applicant.Register(app, "TW5");
        (await applicant.Officer.PutAsJsonAsync("/api/v1/programmes/TW", new { pauseExpiry = policy })).StatusCode.ShouldBe(
            HttpStatusCode.OK
        );
        var id = (await applicant.Start("Standard")).Id;
        await applicant.FillAll(id);
        await applicant.ByTrader($"/api/v1/applications/{id}/submission");
        await applicant.ByOfficer($"/api/v1/applications/{id}/review");
        await applicant.ByOfficer($"/api/v1/applications/{id}/pause-proposal", new { resumeBy = "2026-03-30", reason = "staff on leave" });
        await applicant.ByTrader($"/api/v1/applications/{id}/pause-proposal/acceptance");

        applicant.TaipeiDay(2026, 3, 21);
        (await app.Cli("certification", "jobs")).Output.ShouldContain("1 pause reminders");
        applicant.TaipeiDay(2026, 3, 28);
        (await app.Cli("certification", "jobs")).Output.ShouldContain("1 pause reminders");
        applicant.TaipeiDay(2026, 4, 2);
        await app.Cli("certification", "jobs");

        var after = await applicant.Get(id);
        after.State.ShouldBe(expected);
        var last = after.Events[^1];
        last.Actor.ShouldBe("system");
        last.LocalDate.ShouldBe(new DateOnly(2026, 3, 30), "the clock restarts on the agreed date, not when the job ran");
        (await applicant.Trader.GetItemsAsync<NotificationResponse>("/api/v1/notifications"))!
            .Count(n => n.Subject!.Contains("pause ends"))
            .ShouldBe(2);
    }
}

public class Supply_chains_and_sponsored_applications
{
    [Fact]
    public async Task A_master_sponsors_a_member_whose_officer_sees_the_shared_evidence_and_the_chain_shows_its_coverage()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var master = await Applicant.Register(app, "TW2", employees: 3000);
        var member = await Applicant.Register(app, "TW1", employees: 30, officer: master.Officer);
        // The master shares a policy document with its application; its sponsored member's officer will see it.
        var masterApplication = await master.Validated(whileDraft: async id =>
        {
            using var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent("Chain security policy\n"u8.ToArray()), "file", "chain-policy.txt");
            form.Add(new StringContent("true"), "shareWithChain");
            (await master.Trader.PostAsync($"/api/v1/applications/{id}/documents", form)).StatusCode.ShouldBe(HttpStatusCode.Created);
        });
        await master.ByOfficer($"/api/v1/applications/{masterApplication}/grant", new { });

        var created = await master.Trader.PostAsJsonAsync("/api/v1/supply-chains", new { name = "Formosa export chain" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var chainId = (await created.Read<ChainResponse>()).Id;
        var byMember = await member.Trader.PostAsJsonAsync(
            $"/api/v1/supply-chains/{chainId}/members",
            new { tin = "TW1", role = "Manufacturer" }
        );
        var added = await master.ByTrader<ChainResponse>(
            $"/api/v1/supply-chains/{chainId}/members",
            new
            {
                tin = "TW1",
                role = "Manufacturer",
                participation = "Direct",
            }
        );

        byMember.StatusCode.ShouldBe(HttpStatusCode.NotFound, "a non-member does not see the chain");
        added.Certified.ShouldBe(1);
        added.Total.ShouldBe(2);
        added.AllAeo.ShouldBeFalse();

        var sponsored = await member.Start("Sme", new { track = "Sme", sponsorChainId = chainId });
        var asSeenByCustoms = await member.Get(sponsored.Id);
        asSeenByCustoms.SponsorChainId.ShouldBe(chainId);
        asSeenByCustoms.SharedChainDocuments.Select(d => d.FileName).ShouldBe(["chain-policy.txt"]);
        sponsored.SharedChainDocuments.Count.ShouldBe(0, "the applicant does not see the master's files");
        var chains = await member.Trader.GetItemsAsync<ChainResponse>("/api/v1/supply-chains");
        chains.ShouldHaveSingleItem().Coverage.ShouldBe(0.5);
    }
}

public class Evidence_and_criteria
{
    [Fact]
    public async Task Evidence_is_checked_for_size_and_real_type_and_served_only_to_those_who_may_see_it()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var applicant = await Applicant.Register(app, "TW1");
        var stranger = await Applicant.Register(app, "TW2", officer: applicant.Officer);
        var id = (await applicant.Start("Standard")).Id;
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

        var fake = await applicant.Upload(id, "FIN-1", "statement.pdf", "not a pdf"u8.ToArray());
        var executable = await applicant.Upload(id, "FIN-1", "tool.exe", "MZ"u8.ToArray());
        var huge = await applicant.Upload(id, "FIN-1", "big.txt", new byte[11 * 1024 * 1024]);
        var unknownQuestion = await applicant.Upload(id, "NOPE-1", "statement.pdf", pdf);
        var good = await applicant.Upload(id, "FIN-1", "statement.pdf", pdf);

        fake.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fake.Content.ReadAsStringAsync()).ShouldContain("is not a .pdf file");
        executable.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        huge.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknownQuestion.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        good.StatusCode.ShouldBe(HttpStatusCode.Created);
        var document = await good.Read<DocumentResponse>();
        document.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));
        var url = $"/api/v1/applications/{id}/documents/{document.Id}";
        (await applicant.Officer.GetByteArrayAsync(url)).ShouldBe(pdf);
        (await stranger.Trader.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await applicant.Get(id)).Readiness.ShouldNotContain(g => g.QuestionCode == "FIN-1" && g.Kind == GapKind.EvidenceMissing);
    }

    [Fact]
    public async Task A_programme_edits_its_criteria_as_a_new_version_that_only_new_applications_use()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var first = await Applicant.Register(app, "TW1");
        var second = await Applicant.Register(app, "TW2", officer: first.Officer);
        var before = (await first.Start("Standard")).CriteriaPackId;
        var pack = await app.Anonymous().Get<CriteriaPackResponse>($"/api/v1/criteria-packs/{before}");
        List<CriterionQuestion> questions =
        [
            .. pack.Questions,
            new(
                "TW-DG-1",
                "Cargo security",
                "How are dangerous goods segregated?",
                EvidenceRequired: true,
                OutcomeBasedAllowed: false,
                OutsourcingAllowed: false
            ),
        ];

        var edited = await first.Officer.PostAsJsonAsync(
            $"/api/v1/criteria-packs/{before}/versions",
            new
            {
                programme = "TW",
                questions,
                reason = "dangerous goods rule",
            },
            Api.Json
        );
        var dropped = await first.Officer.PostAsJsonAsync(
            $"/api/v1/criteria-packs/{before}/versions",
            new { programme = "JP", questions = questions.Skip(1) },
            Api.Json
        );

        edited.StatusCode.ShouldBe(HttpStatusCode.Created);
        dropped.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var after = (await second.Start("Standard")).CriteriaPackId;
        after.ShouldBe((await edited.Read<CriteriaPackResponse>()).Id);
        (
            await first.Get(before == 0 ? 0 : (await first.Trader.GetItemsAsync<ApplicationSummary>("/api/v1/applications"))![0].Id)
        ).CriteriaPackId.ShouldBe(before);
        (await second.Get((await second.Trader.GetItemsAsync<ApplicationSummary>("/api/v1/applications"))![0].Id)).Readiness.ShouldContain(
            g => g.QuestionCode == "TW-DG-1"
        );
    }
}
