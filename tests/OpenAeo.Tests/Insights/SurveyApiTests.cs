using OpenAeo.Domain.Insights;
using OpenAeo.Domain.Registry;
using OpenAeo.Insights;
using OpenAeo.Platform.Cli;

namespace OpenAeo.Tests.Insights;

/// <summary>Issue 15, item 3: surveys through the API and the CLI — the anonymous answer flow, imports and results.</summary>
public sealed class Surveys_through_the_api
{
    /// <summary>The clock starts on Monday 2 March 2026 at 09:00 UTC, 17:00 in Taipei (the demo programme's zone).</summary>
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static async Task<int> CreateOpen(HttpClient officer, string template, bool openLink, string slug = "traders-2026")
    {
        var created = await officer.PostAsJsonAsync(
            "/api/v1/surveys",
            new
            {
                template,
                slug,
                reason = "this year's survey",
            }
        );
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Read<SurveyView>()).Id;
        var opened = await officer.PostAsJsonAsync(
            $"/api/v1/surveys/{id}/opening",
            new
            {
                closesOn = Today.AddDays(7),
                openLink,
                reason = "open for a week",
            }
        );
        opened.StatusCode.ShouldBe(HttpStatusCode.OK, await opened.Content.ReadAsStringAsync());
        return id;
    }

    private static object Answer(string? token, string segment = "sme", params (string Code, string Value)[] answers) =>
        new
        {
            token,
            segment,
            economy = "TW",
            answers = answers.Select(a => new { question = a.Code, value = a.Value }).ToArray(),
        };

    private static async Task<SurveyGroupView> Overall(HttpClient officer, int id, string code) =>
        (await officer.Get<SurveyResultsView>($"/api/v1/surveys/{id}/results")).Questions.Single(q => q.Code == code).Groups[0];

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_invited_respondent_answers_once_anonymously_and_the_results_count_the_answer(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer, name: "officer");
        var id = await CreateOpen(officer, SurveyTemplates.PrivateSector, openLink: false);
        var invited = await officer.PostAsJsonAsync($"/api/v1/surveys/{id}/invitations", new { count = 2, reason = "two traders" });
        var links = (await invited.Read<SurveyInvitationsIssued>()).Links.ToList();
        links.Count.ShouldBe(2);
        var token = links[0]["/s/".Length..];
        var respondent = app.Anonymous();

        var answered = await respondent.PostAsJsonAsync(
            "/api/v1/public/surveys/traders-2026/responses",
            Answer(token, "sme", ("P1-01", "4"), ("P1-02", "strongly agree"), ("O-BENEFITS", "Fewer examinations."))
        );
        answered.StatusCode.ShouldBe(HttpStatusCode.Created, await answered.Content.ReadAsStringAsync());

        var again = await respondent.PostAsJsonAsync("/api/v1/public/surveys/traders-2026/responses", Answer(token, "sme", ("P1-01", "1")));
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var withoutInvitation = await respondent.PostAsJsonAsync(
            "/api/v1/public/surveys/traders-2026/responses",
            Answer(null, "sme", ("P1-01", "1"))
        );
        withoutInvitation.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var forged = await respondent.PostAsJsonAsync(
            "/api/v1/public/surveys/traders-2026/responses",
            Answer(new string('A', SurveyTokens.Length), "sme", ("P1-01", "1"))
        );
        forged.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var badLevel = await respondent.PostAsJsonAsync(
            "/api/v1/public/surveys/traders-2026/responses",
            Answer(links[1]["/s/".Length..], "sme", ("P1-01", "7"))
        );
        badLevel.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badLevel.Read<Problem>()).For("answers.P1-01").ShouldNotBeEmpty();

        var p101 = await Overall(officer, id, "P1-01");
        p101.N.ShouldBe(1);
        p101.Counts.ShouldBe([0, 0, 0, 1, 0]);
        (await Overall(officer, id, "P1-02")).Mean.ShouldBe(5);
        var view = await officer.Get<SurveyView>($"/api/v1/surveys/{id}");
        view.InvitationsUsed.ShouldBe(1, "the refused answer left the second invitation unused");

        // Nothing identifies the respondent: no token, account or instant with the answers, and no audit entry for answering.
        var (stored, hashes, actions) = await app.WithDb(async db =>
            (
                await db.SurveyResponses().AsNoTracking().SingleAsync(),
                await db.SurveyInvitations().AsNoTracking().Select(i => i.TokenHash).ToListAsync(),
                await db.AuditEntries().AsNoTracking().Where(a => a.Subject == "survey:traders-2026").Select(a => a.Action).ToListAsync()
            )
        );
        stored.ReceivedOn.ShouldBe(Today);
        stored.Reference.ShouldBeNull();
        hashes.ShouldNotContain(token);
        hashes.ShouldContain(SurveyTokens.Hash(token));
        actions.ShouldBe(["survey.created", "survey.opened", "survey.invited"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_open_link_takes_answers_until_the_limit_per_address_and_only_within_the_period()
    {
        await using var app = OpenAeoApp.OnSqlite();
        app.Settings["Surveys:PermitLimit"] = "3";
        var officer = await app.ClientAs(Role.Analyst);
        var id = await CreateOpen(officer, SurveyTemplates.Workshop, openLink: true);
        var respondent = app.Anonymous();

        var questionnaire = await respondent.Get<SurveyQuestionnaireView>("/api/v1/public/surveys/traders-2026");
        questionnaire.Accepting.ShouldBeTrue();
        questionnaire.Scale[0].ShouldBe("Strongly disagree");
        for (var i = 0; i < 3; i++)
        {
            var answered = await respondent.PostAsJsonAsync(
                "/api/v1/public/surveys/traders-2026/responses",
                Answer(null, "customs", ("P2-03", "5"))
            );
            answered.StatusCode.ShouldBe(HttpStatusCode.Created, await answered.Content.ReadAsStringAsync());
        }

        var limited = await respondent.PostAsJsonAsync(
            "/api/v1/public/surveys/traders-2026/responses",
            Answer(null, "customs", ("P2-03", "5"))
        );
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        (await Overall(officer, id, "P2-03")).N.ShouldBe(3);

        // The last day is 9 March in Taipei; 9 March 16:00 UTC is already 10 March there.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 9, 16, 0, 0, TimeSpan.Zero));
        var late = await app.Anonymous().Get<SurveyQuestionnaireView>("/api/v1/public/surveys/traders-2026");
        late.Accepting.ShouldBeFalse();
        late.Message!.ShouldContain("ended on 9 March 2026");
    }

    [Fact]
    public async Task A_closed_survey_takes_no_answer_and_a_draft_is_not_shown()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var id = await CreateOpen(officer, SurveyTemplates.Workshop, openLink: true);
        var draft = await officer.PostAsJsonAsync(
            "/api/v1/surveys",
            new { template = SurveyTemplates.PublicSector, slug = "officers-draft" }
        );
        draft.StatusCode.ShouldBe(HttpStatusCode.Created);

        (await officer.PostAsJsonAsync($"/api/v1/surveys/{id}/closing", new { reason = "enough answers" })).StatusCode.ShouldBe(
            HttpStatusCode.OK
        );
        (await officer.PostAsJsonAsync($"/api/v1/surveys/{id}/closing", new { reason = "again" })).StatusCode.ShouldBe(
            HttpStatusCode.Conflict
        );
        var answered = await app.Anonymous()
            .PostAsJsonAsync("/api/v1/public/surveys/traders-2026/responses", Answer(null, "customs", ("P2-03", "5")));
        answered.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.Anonymous().GetAsync("/api/v1/public/surveys/officers-draft")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await officer.PostAsJsonAsync($"/api/v1/surveys/{id}/invitations", new { count = 1 })).StatusCode.ShouldBe(
            HttpStatusCode.Conflict
        );
    }

    [Fact]
    public async Task Managing_surveys_needs_an_officer_or_an_analyst()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var registered = await (await app.ClientAs(Role.ProgrammeOfficer)).PostAsJsonAsync(
            "/api/v1/operators",
            new
            {
                tin = "TW00000001",
                legalName = "Formosa Tools",
                roles = new[] { "Importer" },
            }
        );
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var trader = await app.ClientAs(Role.Trader, "TW00000001");
        (await app.Anonymous().GetAsync("/api/v1/surveys")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await trader.GetAsync("/api/v1/surveys")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await trader.PostAsJsonAsync("/api/v1/surveys", new { template = SurveyTemplates.Workshop })).StatusCode.ShouldBe(
            HttpStatusCode.Forbidden
        );
        (await (await app.ClientAs(Role.Analyst)).GetAsync("/api/v1/surveys")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_import_is_all_or_nothing_and_a_bad_cell_names_its_line_and_column(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var id = await CreateOpen(officer, SurveyTemplates.Workshop, openLink: false);
        const string bad =
            "respondent,segment,economy,P1-01,P1-02,O-COMMENTS\nS-001,customs,CL,4,5,Well run.\nS-002,Large "
            + "company,PE,2,maybe,\nS-003,farmer,XX,3,3,\n";

        var refused = await officer.PostAsync(
            $"/api/v1/surveys/{id}/responses/import?file=sheets.csv",
            new StringContent(bad, Encoding.UTF8, "text/csv")
        );
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Read<FileProblem>();
        problem.Detail!.ShouldStartWith("sheets.csv:3:5 (p1-02): 'maybe' is not a level of agreement");
        problem.Errors.Select(e => (e.Line, e.Column, e.ColumnName)).ShouldBe([(3, 5, "p1-02"), (4, 2, "segment"), (4, 3, "economy")]);
        (await app.WithDb(db => db.SurveyResponses().CountAsync())).ShouldBe(0, "nothing of a refused file is kept");

        var good = bad.Replace("maybe", "Strongly agree", StringComparison.Ordinal)
            .Replace("farmer,XX", "sme,TW", StringComparison.Ordinal);
        var imported = await officer.PostAsync(
            $"/api/v1/surveys/{id}/responses/import?file=sheets.csv",
            new StringContent(good, Encoding.UTF8, "text/csv")
        );
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        (await imported.Read<SurveyImportResult>()).Rows.ShouldBe(3);

        var twice = await officer.PostAsync(
            $"/api/v1/surveys/{id}/responses/import?file=sheets.csv",
            new StringContent(good, Encoding.UTF8, "text/csv")
        );
        twice.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await twice.Read<FileProblem>()).Detail.ShouldBe("sheets.csv:2:1 (respondent): S-001 was already imported into this survey");

        var p102 = await Overall(officer, id, "P1-02");
        p102.Counts.ShouldBe([0, 0, 1, 0, 2]);
        p102.Median.ShouldBe(5);
        p102.TopTwoShare!.Value.ShouldBe(2.0 / 3, 1e-9);

        var csv = await officer.GetStringAsync($"/api/v1/surveys/{id}/results?format=csv");
        csv.Split('\n')[0].ShouldBe(string.Join(',', SurveyResultsQuery.CsvColumns));
        csv.ShouldContain("P1-02,Panel 1 · AEO certification as a trade facilitation instrument,");
        csv.ShouldContain(",Sector,Public sector,1,0,0,0,0,1,5.00,5,1.000\n");
        var raw = await officer.GetStringAsync($"/api/v1/surveys/{id}/responses/export");
        raw.ShouldStartWith("respondent,segment,economy,P1-01,");
        raw.ShouldContain("S-002,large,PE,2,5,");
        raw.ShouldContain("Well run.");
    }

    [Fact]
    public async Task The_command_line_imports_sheets_and_prints_results()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        await CreateOpen(officer, SurveyTemplates.PublicSector, openLink: false, slug: "officers-2026");
        var file = Path.Combine(app.DataFolder, "sheets.csv");
        await File.WriteAllTextAsync(file, "respondent,segment,P2-03\nA1,customs,5\nA2,agency,4\nA3,customs,3\n");

        var (exit, output, error) = await app.Cli("surveys", "import", file, "--survey", "officers-2026");
        exit.ShouldBe(0, error);
        output.ShouldContain("sheets.csv: 3 responses imported");

        (exit, output, error) = await app.Cli("surveys", "results", "officers-2026", "--format", "csv");
        exit.ShouldBe(0, error);
        output.ShouldContain(
            "P2-03,Panel 2 · SMEs in AEO programmes: entry barriers,The AEO programme must include SMEs.,All,All "
                + "respondents,3,0,0,1,1,1,4.00,4,0.667"
        );

        (exit, output, _) = await app.Cli("surveys", "results", "officers-2026");
        exit.ShouldBe(0);
        output.ShouldContain("| Customs administration | 2 | 0 | 0 | 1 | 0 | 1 | 4.00 | 4 | 50% |");

        await File.WriteAllTextAsync(file, "respondent,segment,P2-03\nA4,customs,6\n");
        (exit, _, error) = await app.Cli("surveys", "import", file, "--survey", "officers-2026");
        exit.ShouldBe(1);
        error.ShouldContain("sheets.csv:2:3 (p2-03)");
        error.ShouldContain("Nothing was imported.");
    }

    [Fact]
    public async Task The_demo_seeds_the_reports_closed_workshop_survey_with_its_published_means_and_an_open_one()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var seeder = app.Started().Services.GetServices<IDemoSeeder>().OfType<SurveyDemoSeeder>().Single();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await seeder.SeedAsync(scope.ServiceProvider, "unused", CancellationToken.None);
        }

        var (workshop, responses, users) = await app.WithDb(async db =>
        {
            var w = await db.Surveys().AsNoTracking().SingleAsync(s => s.Slug == SurveyDemoSeeder.WorkshopSlug);
            return (
                w,
                await db.SurveyResponses().AsNoTracking().Where(r => r.SurveyId == w.Id).ToListAsync(),
                await db.Surveys().AsNoTracking().SingleAsync(s => s.Slug == SurveyDemoSeeder.UsersSlug)
            );
        });
        workshop.Status.ShouldBe(SurveyStatus.Closed);
        responses.Count.ShouldBe(71);
        var publicSegments = SurveyTemplates.Find(SurveyTemplates.PublicSector)!.Segments.Select(s => s.Code).ToHashSet();
        foreach (var published in SurveyTemplates.PublishedMeans)
        {
            double FourPointMean(bool isPublic) =>
                responses
                    .Where(r => publicSegments.Contains(r.Segment) == isPublic)
                    .Select(r => SurveyTemplates.ToFourPoint(r.Answers.Single(a => a.Code == published.Code).Level!.Value)!.Value)
                    .Average();
            Math.Round(FourPointMean(true), 1, MidpointRounding.AwayFromZero).ShouldBe(published.Public, published.Code);
            Math.Round(FourPointMean(false), 1, MidpointRounding.AwayFromZero).ShouldBe(published.Private, published.Code);
        }

        users.Phase(app.Clock.GetUtcNow()).ShouldBe(SurveyPhase.Open);
        users.OpenLink.ShouldBeTrue();
        var answered = await app.Anonymous()
            .PostAsJsonAsync($"/api/v1/public/surveys/{SurveyDemoSeeder.UsersSlug}/responses", Answer(null, "sme", ("P1-01", "4")));
        answered.StatusCode.ShouldBe(HttpStatusCode.Created);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await seeder.SeedAsync(scope.ServiceProvider, "unused", CancellationToken.None)).ShouldBe(["Surveys: already seeded"]);
        }
    }
}
