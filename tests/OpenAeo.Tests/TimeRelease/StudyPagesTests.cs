using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.TimeRelease;

namespace OpenAeo.Tests.TimeRelease;

/// <summary>The server-rendered pages, read as HTML (the browser tests drive the forms).</summary>
public sealed class The_time_release_pages : IAsyncLifetime
{
    private readonly OpenAeoApp app = OpenAeoApp.OnSqlite();
    private HttpClient analyst = null!;
    private string events = "";

    public async ValueTask InitializeAsync()
    {
        events = Path.Combine(app.DataFolder, "events.csv");
        await app.Cli("trs", "generate", "--rows", "3000", "--seed", "5", "--out", events);
        analyst = await app.ClientAs(Role.Analyst);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<long> Study()
    {
        using var form = new MultipartFormDataContent
        {
            {
                new StringContent(
                    JsonSerializer.Serialize(
                        new
                        {
                            name = "Sea and air",
                            definition = new
                            {
                                stage = "apec1",
                                groupBy = new[] { "mode" },
                                mra = "TW-JP",
                            },
                        }
                    )
                ),
                "definition"
            },
            { new ByteArrayContent(await File.ReadAllBytesAsync(events)), "file", "events.csv" },
        };
        var created = await analyst.PostAsync("/api/v1/trs/studies", form);
        created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        return (await created.Read<StudyResponse>()).Id;
    }

    private async Task<string> Page(string path)
    {
        var response = await analyst.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        // Razor writes non-ASCII text (·, –) as character references; read it as a browser would.
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_finished_study_shows_the_reports_tables_charts_and_downloads()
    {
        var id = await Study();
        string html;
        var attempts = 0;
        do
        {
            await Task.Delay(100);
            html = await Page($"/trs/studies/{id}");
        } while (!html.Contains("data-testid=\"report\"", StringComparison.Ordinal) && ++attempts < 600);

        var mra = await app.WithDb(db => db.Mras().Where(m => m.Name == "Chinese Taipei–Japan").Select(m => m.Id).SingleAsync());
        html.ShouldContain($"<h2>Time release study: apec1, before and after 2019-05-22 (MRA-{mra}, Chinese Taipei–Japan)</h2>");
        html.ShouldContain("<h3>Release times and rates of change</h3>");
        html.ShouldContain("<h3>Channel shares</h3>");
        html.ShouldContain("<figcaption>Release times before and after, per cell</figcaption><svg");
        html.ShouldContain($"href=\"/api/v1/trs/studies/{id}/report?format=csv\" download");
        html.ShouldContain("Run again on the same input");
        html.ShouldNotContain("http-equiv=\"refresh\"");

        // The findings come first, in words, before the charts and the tables.
        var findings = html.IndexOf("data-testid=\"findings\"", StringComparison.Ordinal);
        findings.ShouldBeGreaterThan(0);
        findings.ShouldBeLessThan(html.IndexOf("<figcaption>", StringComparison.Ordinal));
        html.IndexOf("<figcaption>", StringComparison.Ordinal)
            .ShouldBeLessThan(html.IndexOf("<h3>Release times and rates of change</h3>", StringComparison.Ordinal));
        html.ShouldContain("Stage 1 (lodgement to release), sea: median ");
        html.ShouldContain("95% CI ");
        html.ShouldNotContain("true · ");
    }

    [Fact]
    public async Task The_list_shows_saved_studies_and_the_form_offers_the_uploaded_inputs_and_every_MRA_of_the_registry()
    {
        await Study();
        var added = await app.Cli(
            "mras",
            "add",
            "--parties",
            "TW,SG",
            "--status",
            "Signed",
            "--signed",
            "2026-02-02",
            "--name",
            "Chinese Taipei–Singapore"
        );
        added.Exit.ShouldBe(0, added.Error);
        var mras = await app.WithDb(db => db.Mras().OrderBy(m => m.Id).ToListAsync());

        var list = await Page("/trs");
        var form = await Page("/trs/new");

        list.ShouldContain("Sea and air");
        form.ShouldContain("events.csv · csv");
        foreach (var m in mras.Where(m => m.InForceFrom is not null))
        {
            form.ShouldContain(
                $"<option value=\"MRA-{m.Id}\"{(m.Name == "Chinese Taipei–Japan" ? " selected" : "")}>MRA-{m.Id} "
                    + $"{m.Name} (in force {m.InForceFrom:yyyy-MM-dd})</option>"
            );
        }

        var signed = mras.Single(m => m.Name == "Chinese Taipei–Singapore");
        form.ShouldContain(
            $"<option value=\"MRA-{signed.Id}\" disabled>MRA-{signed.Id} Chinese Taipei–Singapore (signed, no entry into force)</option>"
        );
        form.ShouldNotContain("registry is not available");
        form.ShouldContain("enctype=\"multipart/form-data\"");
    }

    [Fact]
    public async Task Only_analysts_the_programme_office_and_admins_see_the_pages_and_the_menu_link()
    {
        var border = await app.ClientAs(Role.BorderOfficer);

        (await border.GetAsync("/trs")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Page("/trs")).ShouldContain("<a href=\"/trs\" aria-current=\"page\">Time release</a>");
        (await (await border.GetAsync("/programmes")).Content.ReadAsStringAsync()).ShouldNotContain("<a href=\"/trs\">");
    }

    [Fact]
    public async Task An_unknown_study_is_a_page_that_says_so()
    {
        var response = await analyst.GetAsync("/trs/studies/404");

        (await response.Content.ReadAsStringAsync()).ShouldContain("There is no time release study 404.");
    }
}
