using OpenAeo.Certification;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.Certification;

/// <summary>An operator with a trader account and an officer, talking to the API, to walk applications through.</summary>
internal sealed class Applicant
{
    private Applicant(OpenAeoApp app, string tin, HttpClient trader, HttpClient officer)
    {
        App = app;
        Tin = tin;
        Trader = trader;
        Officer = officer;
    }

    public OpenAeoApp App { get; }

    public string Tin { get; }

    public HttpClient Trader { get; }

    public HttpClient Officer { get; }

    public static async Task<Applicant> Register(
        OpenAeoApp app,
        string tin,
        int employees = 40,
        string[]? roles = null,
        HttpClient? officer = null
    )
    {
        officer ??= await app.ClientAs(Role.ProgrammeOfficer);
        var registered = await officer.PostAsJsonAsync(
            "/api/v1/operators",
            new
            {
                tin,
                legalName = $"Operator {tin}",
                roles = roles ?? ["Exporter", "Manufacturer"],
                employees,
                consentToExchange = true,
            }
        );
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        return new Applicant(app, tin, await app.ClientAs(Role.Trader, tin), officer);
    }

    public async Task<ApplicationResponse> Start(string track = "Sme", object? extra = null) =>
        await (await Trader.PostAsJsonAsync("/api/v1/applications", extra ?? new { track })).Read<ApplicationResponse>(201);

    /// <summary>Answers every question; outcome-based where the SME track allows it, else with a text file of evidence.</summary>
    public async Task FillAll(int id)
    {
        var application = await Get(id);
        var sme = application.Track == "Sme";

        // The questions the operator's roles and size call for (issue 14 item 1), not every question of the pack.
        foreach (var q in await Questions(id))
        {
            var code = q.Code;
            var flexible = sme && q.OutcomeBasedAllowed;
            var saved = await Trader.PutAsJsonAsync(
                $"/api/v1/applications/{id}/answers/{code}",
                new
                {
                    text = "Documented procedure with a named owner.",
                    outcomeBased = flexible,
                    outcomePlan = flexible ? "Contract with a provider within 3 months." : null,
                }
            );
            saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
            if (q.EvidenceRequired && !flexible)
            {
                (await Upload(id, code, $"{code}.txt", "procedure\n"u8.ToArray())).StatusCode.ShouldBe(HttpStatusCode.Created);
            }
        }
    }

    /// <summary>The questions the application asks its operator, with why each is asked.</summary>
    public Task<QuestionResponse[]> Questions(int id, string? language = null) =>
        Trader.Get<QuestionResponse[]>($"/api/v1/applications/{id}/questions{(language is null ? "" : $"?language={language}")}");

    public async Task<HttpResponseMessage> Upload(int id, string? code, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", fileName);
        if (code is not null)
        {
            form.Add(new StringContent(code), "questionCode");
        }

        return await Trader.PostAsync($"/api/v1/applications/{id}/documents", form);
    }

    public Task<ApplicationResponse> Get(int id, HttpClient? as_ = null) =>
        (as_ ?? Officer).Get<ApplicationResponse>($"/api/v1/applications/{id}");

    /// <summary>An action on an application by the trader (200 expected): the application as it is now.</summary>
    public Task<ApplicationResponse> ByTrader(string route, object? body = null) => Post<ApplicationResponse>(Trader, route, body);

    /// <summary>An action on an application by the officer (200 expected): the application as it is now.</summary>
    public Task<ApplicationResponse> ByOfficer(string route, object? body = null) => Post<ApplicationResponse>(Officer, route, body);

    /// <summary>An action on another resource (a certificate, a supply chain) by the trader, answered with
    /// <typeparamref name="T"/>.</summary>
    public Task<T> ByTrader<T>(string route, object? body = null) => Post<T>(Trader, route, body);

    /// <summary>An action on another resource (a certificate, a supply chain) by the officer, answered with
    /// <typeparamref name="T"/>.</summary>
    public Task<T> ByOfficer<T>(string route, object? body = null) => Post<T>(Officer, route, body);

    private static async Task<T> Post<T>(HttpClient client, string route, object? body) =>
        await (await client.PostAsJsonAsync(route, body ?? new { })).Read<T>(200);

    /// <summary>Moves the fake clock to 20:00 in Taipei (UTC+8) on the given day (noon UTC, so never before the app's start).</summary>
    public void TaipeiDay(int year, int month, int day) =>
        App.Clock.SetUtcNow(new DateTimeOffset(year, month, day, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Drives a fresh application with every answer through submission to Under review.</summary>
    public async Task<int> UnderReview(string track = "Standard")
    {
        var id = (await Start(track)).Id;
        await FillAll(id);
        await ByTrader($"/api/v1/applications/{id}/submission");
        await ByOfficer($"/api/v1/applications/{id}/review");
        return id;
    }

    /// <summary>Drives a fresh application through submission, review and a visit to Validated; <paramref name="whileDraft"/> runs before
    /// submission.</summary>
    public async Task<int> Validated(string track = "Standard", Func<int, Task>? whileDraft = null)
    {
        var id = (await Start(track)).Id;
        await FillAll(id);
        if (whileDraft is not null)
        {
            await whileDraft(id);
        }

        await ByTrader($"/api/v1/applications/{id}/submission");
        await ByOfficer($"/api/v1/applications/{id}/review");
        var planned = await ByOfficer($"/api/v1/applications/{id}/visits", new { mode = "Remote" });
        var visit = planned.Visits[0].Id;
        await ByOfficer(
            $"/api/v1/applications/{id}/visits/{visit}/report",
            VisitReport.CargoSecurity("Met", null, "Remote review of procedures and CCTV footage.")
        );
        return id;
    }
}
