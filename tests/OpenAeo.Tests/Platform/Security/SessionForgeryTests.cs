using OpenAeo.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Platform.Security;

/// <summary>
/// A signed-in browser's session cookie goes with every request to OpenAeo, including one another site makes it send.
/// Whatever such a forged form can post (a form encoding, multipart, text, or nothing) must carry the antiforgery
/// token of one of OpenAeo's own pages; machines use an API key, which no other site can make a browser send.
/// </summary>
public sealed class A_signed_in_browser
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Uploads_evidence_only_with_the_token_of_its_own_page(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        (
            await officer.PostAsJsonAsync(
                "/api/v1/operators",
                new
                {
                    tin = "TW55500001",
                    legalName = "Forgery Target Ltd",
                    roles = new[] { "Exporter" },
                    employees = 12,
                }
            )
        ).StatusCode.ShouldBe(HttpStatusCode.Created);
        var (name, apiKey) = await BrowserSession.Account(app, Role.Trader, "TW55500001");
        var browser = await BrowserSession.SignedIn(app, name);
        var started = await browser.PostAsJsonAsync("/api/v1/applications", new { track = "Standard" });
        started.StatusCode.ShouldBe(HttpStatusCode.Created, "JSON is beyond what a form on another site can send");
        var id = (await started.Read<ApplicationResponse>()).Id;

        using var forged = await browser.PostAsync($"/api/v1/applications/{id}/documents", Evidence());
        var token = BrowserSession.Token(await browser.GetStringAsync($"/applications/{id}"));
        using var fromPage = await browser.PostAsync($"/api/v1/applications/{id}/documents", Evidence(token));
        using var script = BrowserSession.Open(app);
        script.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        using var byKey = await script.PostAsync($"/api/v1/applications/{id}/documents", Evidence());

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        forged.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await forged.Content.ReadAsStringAsync()).ShouldContain("antiforgery");
        fromPage.StatusCode.ShouldBe(HttpStatusCode.Created, await fromPage.Content.ReadAsStringAsync());
        byKey.StatusCode.ShouldBe(HttpStatusCode.Created, await byKey.Content.ReadAsStringAsync());
        (await app.WithDb(db => db.Documents().CountAsync(d => d.ApplicationId == id))).ShouldBe(2);
    }

    [Fact]
    public async Task Signs_out_only_with_the_token_of_its_own_page()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var (name, _) = await BrowserSession.Account(app, Role.Analyst);
        var browser = await BrowserSession.SignedIn(app, name);

        using var forged = await browser.PostAsync("/signout", new FormUrlEncodedContent([]));
        var stillIn = await browser.GetAsync("/notifications");
        var token = BrowserSession.Token(await stillIn.Content.ReadAsStringAsync());
        using var own = await browser.PostAsync(
            "/signout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })
        );
        using var after = await browser.GetAsync("/notifications");

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        stillIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        own.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/signin");
        (await app.WithDb(db => db.AuditEntries().CountAsync(a => a.Action == "user.signed-out"))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Cannot_be_made_to_upload_study_inputs_post_a_text_import_or_an_empty_post(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var (analyst, _) = await BrowserSession.Account(app, Role.Analyst);
        var (admin, _) = await BrowserSession.Account(app, Role.Admin);
        var analystBrowser = await BrowserSession.SignedIn(app, analyst);
        var adminBrowser = await BrowserSession.SignedIn(app, admin);
        const string csv = "tin,legal_name,economy,roles\nTW55500009,Planted Operator,TW,importer\n";

        using var upload = await analystBrowser.PostAsync("/api/v1/trs/inputs", Input());
        var token = BrowserSession.Token(await analystBrowser.GetStringAsync("/trs/new"));
        using var uploadFromPage = await analystBrowser.PostAsync("/api/v1/trs/inputs", Input(token));
        using var textImport = await adminBrowser.PostAsync(
            "/api/v1/operators/import",
            new StringContent(csv, Encoding.UTF8, "text/plain")
        );
        using var emptyPost = await adminBrowser.PostAsync("/api/v1/partners/JP/pull", null);

        upload.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        uploadFromPage.StatusCode.ShouldBe(HttpStatusCode.Created, await uploadFromPage.Content.ReadAsStringAsync());
        textImport.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        emptyPost.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDb(db => db.Operators().AnyAsync(o => o.LegalName == "Planted Operator"))).ShouldBeFalse();

        // A CSV body needs a script on OpenAeo's own origin (a preflight another site never passes): allowed.
        using var csvImport = await adminBrowser.PostAsync("/api/v1/operators/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        csvImport.StatusCode.ShouldBe(HttpStatusCode.OK, await csvImport.Content.ReadAsStringAsync());
    }

    private static MultipartFormDataContent Evidence(string? token = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent("procedure\n"u8.ToArray()), "file", "procedure.txt" } };
        if (token is not null)
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
        }

        return form;
    }

    private static MultipartFormDataContent Input(string? token = null)
    {
        var form = new MultipartFormDataContent
        {
            {
                new ByteArrayContent(
                    Encoding.UTF8.GetBytes(
                        "declaration_id,arrival_at,lodged_at,released_at\nD1,2019-01-01T08:00:00Z,2019-01-01T09:00:00Z,"
                            + "2019-01-01T10:00:00Z\n"
                    )
                ),
                "file",
                "tiny.csv"
            },
        };
        if (token is not null)
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
        }

        return form;
    }
}
