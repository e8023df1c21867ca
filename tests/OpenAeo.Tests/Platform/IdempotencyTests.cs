using OpenAeo.Certification;
using OpenAeo.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Tests.Certification;
using OpenAeo.Tests.Clearance;

namespace OpenAeo.Tests.Platform;

public class Retrying_a_write_with_an_idempotency_key
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_retried_lodging_gets_the_first_answer_and_makes_no_second_declaration(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);
        var declaration = Border.Declaration(Border.OtherImporter);

        var first = await Lodge(border.Officer, "lodge-0001", declaration);
        var retry = await Lodge(border.Officer, "lodge-0001", declaration);

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        retry.StatusCode.ShouldBe(HttpStatusCode.Created, await retry.Content.ReadAsStringAsync());
        first.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        retry.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        var (a, b) = (await first.Read<DeclarationResponse>(), await retry.Read<DeclarationResponse>());
        b.Id.ShouldBe(a.Id);
        b.Reference.ShouldBe(a.Reference);
        // Importer not an AEO 20 + unknown consignor 15: a score of 35, Green (Yellow from 40) unless the random draw
        // picked this reference for the control group (Red), and the replay says the same.
        a.Explanation.Score.ShouldBe(35);
        a.Lane.ShouldBe(a.Explanation.Causes.Contains("Random") ? "Red" : "Green");
        b.Lane.ShouldBe(a.Lane);
        (await Count(app)).ShouldBe(1);
        // Without a key, the same body is a new lodging: the key is what makes a retry a retry.
        (await border.Officer.PostAsJsonAsync("/api/v1/declarations", declaration)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Count(app)).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Racing_retries_with_one_key_make_one_declaration(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);

        // Five keys, each sent four times at once: whatever the interleaving, one declaration per key and one answer.
        var sent = Enumerable
            .Range(1, 5)
            .SelectMany(k => Enumerable.Repeat(k, 4))
            .Select(async k =>
                (Key: k, Response: await Lodge(border.Officer, $"race-{k}", Border.Declaration(Border.OtherImporter, value: 1_000 + k)))
            )
            .ToList();
        var answers = await Task.WhenAll(sent);

        foreach (var answer in answers)
        {
            answer.Response.StatusCode.ShouldBe(HttpStatusCode.Created, await answer.Response.Content.ReadAsStringAsync());
        }

        foreach (var key in answers.GroupBy(a => a.Key))
        {
            var ids = await Task.WhenAll(key.Select(async a => (await a.Response.Read<DeclarationResponse>()).Id));
            ids.Distinct().Count().ShouldBe(1, $"key race-{key.Key}");
        }

        (await Count(app)).ShouldBe(5);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_same_key_with_another_request_is_a_conflict_and_changes_nothing(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);
        (await Lodge(border.Officer, "k-1", Border.Declaration(Border.OtherImporter, value: 1_000))).StatusCode.ShouldBe(
            HttpStatusCode.Created
        );

        var other = await Lodge(border.Officer, "k-1", Border.Declaration(Border.OtherImporter, value: 2_000));

        other.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        other.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await other.Read<Problem>();
        problem.Type!.ShouldEndWith("idempotency.key-reused");
        problem.Detail!.ShouldContain("k-1");
        (await Count(app)).ShouldBe(1);
    }

    [Fact]
    public async Task Keys_belong_to_their_client_and_a_refused_request_keeps_no_answer()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var border = await Border.Open(app);
        var broker = await app.ClientAs(Role.Trader, Border.Broker);

        // A refused lodging (no items' values) stores nothing under its key: the corrected retry is lodged.
        var refused = await Lodge(
            border.Officer,
            "shared-key",
            new
            {
                type = "Import",
                mode = "Sea",
                items = new[] { new { hsCode = "84713000" } },
            }
        );
        var corrected = await Lodge(border.Officer, "shared-key", Border.Declaration(Border.OtherImporter));
        // Another client's key with the same text is its own.
        var brokers = await Lodge(broker, "shared-key", Border.Declaration(Border.OtherImporter));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        corrected.StatusCode.ShouldBe(HttpStatusCode.Created, await corrected.Content.ReadAsStringAsync());
        brokers.StatusCode.ShouldBe(HttpStatusCode.Created, await brokers.Content.ReadAsStringAsync());
        brokers.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await brokers.Read<DeclarationResponse>()).Id.ShouldNotBe((await corrected.Read<DeclarationResponse>()).Id);
        (await Count(app)).ShouldBe(2);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("tab\tkey")]
    public async Task A_key_that_is_not_visible_ascii_of_at_most_255_characters_is_a_field_error(string key)
    {
        await using var app = OpenAeoApp.OnSqlite();
        var border = await Border.Open(app);

        var response = await Lodge(border.Officer, key, Border.Declaration(Border.OtherImporter));
        var tooLong = await Lodge(border.Officer, new string('k', 256), Border.Declaration(Border.OtherImporter));

        foreach (var r in new[] { response, tooLong })
        {
            r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await r.Read<Problem>()).For("Idempotency-Key").ShouldNotBeEmpty();
        }

        (await Count(app)).ShouldBe(0);
    }

    [Fact]
    public async Task A_kept_answer_is_forgotten_after_a_day()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var border = await Border.Open(app);
        var first = await Lodge(border.Officer, "daily", Border.Declaration(Border.OtherImporter));

        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var later = await Lodge(border.Officer, "daily", Border.Declaration(Border.OtherImporter));

        later.StatusCode.ShouldBe(HttpStatusCode.Created);
        later.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await later.Read<DeclarationResponse>()).Id.ShouldNotBe((await first.Read<DeclarationResponse>()).Id);
        (await Count(app)).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_retried_application_step_replays_its_answer_instead_of_a_transition_conflict(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW7");
        var id = (await applicant.Start("Standard")).Id;
        await applicant.FillAll(id);

        var first = await Post(applicant.Trader, $"/api/v1/applications/{id}/submission", "submit-7");
        var retry = await Post(applicant.Trader, $"/api/v1/applications/{id}/submission", "submit-7");
        var unkeyed = await applicant.Trader.PostAsJsonAsync($"/api/v1/applications/{id}/submission", new { });

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        retry.StatusCode.ShouldBe(HttpStatusCode.OK, await retry.Content.ReadAsStringAsync());
        (await retry.Read<ApplicationResponse>()).State.ShouldBe("Submitted");
        (await Body(retry)).GetRawText().ShouldBe((await Body(first)).GetRawText());
        unkeyed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var submissions = await app.WithDb(db =>
            db.Set<OpenAeo.Platform.Audit.AuditEntry>().CountAsync(e => e.Action == "application.submit")
        );
        submissions.ShouldBe(1);
    }

    /// <summary>An officer's step whose endpoint answers a use case's outcome (<c>.AnswersOk</c>, then the key): the kept answer
    /// is the application, not the outcome's own JSON.</summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_retried_information_request_answers_the_application_and_asks_once(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW7070707");
        var id = await applicant.UnderReview();
        var question = new { question = "Name your CCTV provider.", dueOn = "2026-03-20" };

        var first = await Post(applicant.Officer, $"/api/v1/applications/{id}/information-requests", "ask-7", question);
        var retry = await Post(applicant.Officer, $"/api/v1/applications/{id}/information-requests", "ask-7", question);

        var asked = await first.Read<ApplicationResponse>(200);
        asked.Id.ShouldBe(id);
        asked.InformationRequests.Count.ShouldBe(1);
        retry.StatusCode.ShouldBe(HttpStatusCode.OK, await retry.Content.ReadAsStringAsync());
        retry.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await Body(retry)).GetRawText().ShouldBe((await Body(first)).GetRawText());
        (await applicant.Officer.Get<ApplicationResponse>($"/api/v1/applications/{id}")).InformationRequests.Count.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_retried_partner_registration_or_retirement_is_recorded_once(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var admin = await app.ClientAs(Role.Admin);
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var partner = new
        {
            economy = "KR",
            url = "https://kr.example",
            publicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
            apiKey = "their-key",
            agreement = "sharing",
            reason = "pilot",
        };

        var first = await Post(admin, "/api/v1/partners", "kr-1", partner);
        var retry = await Post(admin, "/api/v1/partners", "kr-1", partner);
        var retired = await Post(admin, "/api/v1/partners/KR/retirement", "kr-2", new { reason = "pilot ended" });
        var retiredAgain = await Post(admin, "/api/v1/partners/KR/retirement", "kr-2", new { reason = "pilot ended" });
        var otherBody = await Post(admin, "/api/v1/partners/KR/retirement", "kr-2", new { reason = "another reason" });

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await Body(retry)).GetRawText().ShouldBe((await Body(first)).GetRawText());
        retired.StatusCode.ShouldBe(HttpStatusCode.OK, await retired.Content.ReadAsStringAsync());
        // Without the key the second retirement would be a 409 "already retired": the retry gets the first answer.
        retiredAgain.StatusCode.ShouldBe(HttpStatusCode.OK, await retiredAgain.Content.ReadAsStringAsync());
        (await retiredAgain.Read<PartnerResponse>()).Health.ShouldBe("Retired");
        otherBody.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var actions = await app.WithDb(db =>
            db.Set<OpenAeo.Platform.Audit.AuditEntry>().Where(e => e.Subject == "partner:KR").Select(e => e.Action).ToListAsync()
        );
        actions.Order().ShouldBe(["partner.registered", "partner.retired"]);
        (await app.WithDb(db => db.Set<OpenAeo.MutualRecognition.DataSharingArrangement>().CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task The_api_document_offers_the_header_on_the_writes_that_take_it()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var document = await app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Parameters(document, "/api/v1/declarations", "post").ShouldContain("Idempotency-Key");
        Parameters(document, "/api/v1/applications/{id}/submission", "post").ShouldContain("Idempotency-Key");
        Parameters(document, "/api/v1/partners", "post").ShouldContain("Idempotency-Key");
        Parameters(document, "/api/v1/applications/{id}/visits/partner", "post").ShouldContain("Idempotency-Key");
        Parameters(document, "/api/v1/operators", "post").ShouldNotContain("Idempotency-Key");
    }

    private static string[] Parameters(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method).TryGetProperty("parameters", out var p)
            ? [.. p.EnumerateArray().Select(x => x.GetProperty("name").GetString()!)]
            : [];

    private static Task<HttpResponseMessage> Lodge(HttpClient client, string key, object declaration) =>
        Post(client, "/api/v1/declarations", key, declaration);

    private static Task<HttpResponseMessage> Post(HttpClient client, string route, string key, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    /// <summary>The answer as sent: a replay must repeat it byte for byte, which no record can tell.</summary>
    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static Task<int> Count(OpenAeoApp app) => app.WithDb(db => db.Declarations().CountAsync());
}
