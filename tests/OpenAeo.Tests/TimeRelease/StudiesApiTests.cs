using System.Net.Http.Headers;
using System.Security.Cryptography;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.TimeRelease;

namespace OpenAeo.Tests.TimeRelease;

public sealed class Studies_through_the_api : IAsyncLifetime
{
    private static readonly object Definition = new
    {
        stage = "apec1",
        groupBy = new[] { "mode", "channel" },
        mra = "TW-JP",
        beforeFrom = "2018-10-12",
        afterTo = "2019-12-31",
        target = "1h",
    };

    private readonly OpenAeoApp app = OpenAeoApp.OnSqlite();
    private string events = "";

    public async ValueTask InitializeAsync()
    {
        events = Path.Combine(app.DataFolder, "events.csv");
        await app.TrsGenerate(events, 5_000, 11);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private MultipartFormDataContent Form(object study, string? path = null)
    {
        var form = new MultipartFormDataContent { { new StringContent(JsonSerializer.Serialize(study)), "definition" } };
        var file = new ByteArrayContent(File.ReadAllBytes(path ?? events));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", Path.GetFileName(path ?? events));
        return form;
    }

    /// <summary>
    /// Polls until the runner has finished the study (bounded so a broken runner fails the test instead of hanging it).
    /// </summary>
    private static async Task<StudyResponse> Finished(HttpClient client, Uri location)
    {
        for (var attempt = 0; attempt < 1_200; attempt++)
        {
            var study = await client.Get<StudyResponse>(location.ToString());
            if (study.Status is "Succeeded" or "Failed")
            {
                return study;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{location} did not finish.");
    }

    /// <summary>
    /// Cells and channel shares written back out, so two studies (or a study and the CLI's report) compare number for
    /// number through the same records rather than by reference.
    /// </summary>
    private static string Compact<T>(T value) => JsonSerializer.Serialize(value, Api.Json);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_uploaded_study_runs_in_the_background_and_returns_the_specs_JSON_with_its_fingerprint(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var analyst = await app.ClientAs(Role.Analyst);

        var response = await analyst.PostAsync("/api/v1/trs/studies", Form(new { name = "TW-JP stage 1", definition = Definition }));
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());

        var queued = await response.Read<StudyResponse>();
        queued.Status.ShouldBe("Queued");
        queued.Study!.Split.ShouldBe(new DateOnly(2019, 5, 22));
        var study = await Finished(analyst, response.Headers.Location!);
        study.Status.ShouldBe("Succeeded", Compact(study));
        study.Input.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(events))));
        study.DataQuality!.Rows.ShouldBe(5_000);

        var (_, cli, _) = await app.TrsRun(
            events,
            "mode,channel",
            "--mra",
            "TW-JP",
            "--before-from",
            "2018-10-12",
            "--after-to",
            "2019-12-31",
            "--target",
            "1h",
            "--format",
            "json"
        );
        var fromCli = Api.Parse<StudyJson>(cli);
        Compact(study.Cells).ShouldBe(Compact(fromCli.Cells));
        Compact(study.ChannelShares).ShouldBe(Compact(fromCli.ChannelShares));
    }

    [Fact]
    public async Task A_study_may_refer_to_a_file_uploaded_before_by_its_fingerprint_and_be_rerun_and_compared()
    {
        var analyst = await app.ClientAs(Role.Analyst);
        using var upload = new MultipartFormDataContent();
        upload.Add(new ByteArrayContent(await File.ReadAllBytesAsync(events)), "file", "events.csv");
        var uploaded = await analyst.PostAsync("/api/v1/trs/inputs", upload);
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        var sha = (await uploaded.Read<StudyInputJson>()).Sha256;

        var first = await analyst.PostAsJsonAsync("/api/v1/trs/studies", new { definition = Definition, input = sha });
        var firstStudy = await Finished(analyst, first.Headers.Location!);
        var rerun = await analyst.PostAsync($"/api/v1/trs/studies/{firstStudy.Id}/rerun", null);
        var again = await Finished(analyst, rerun.Headers.Location!);

        rerun.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        again.RerunOf.ShouldBe(firstStudy.Id);
        again.Input.Sha256.ShouldBe(sha);
        Compact(again.Cells).ShouldBe(Compact(firstStudy.Cells));
        (await analyst.GetItemsAsync<StudyResponse>("/api/v1/trs/studies")).Length.ShouldBe(2);
    }

    [Fact]
    public async Task The_split_of_an_MRA_comes_from_the_registry_and_a_rerun_keeps_the_date_it_was_saved_with()
    {
        var analyst = await app.ClientAs(Role.Analyst);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var id = (await app.Anonymous().GetItemsAsync<MraResponse>("/api/v1/mras")).Single(m => m.Name == "Chinese Taipei–Korea").Id;
        var byKorea = new
        {
            stage = "apec1",
            groupBy = new[] { "mode" },
            mra = $"MRA-{id}",
        };

        var first = await Finished(
            analyst,
            (await analyst.PostAsync("/api/v1/trs/studies", Form(new { definition = byKorea }))).Headers.Location!
        );
        (
            await officer.PutAsJsonAsync(
                $"/api/v1/mras/{id}",
                new
                {
                    name = "Chinese Taipei–Korea",
                    parties = new[] { "TW", "KR" },
                    status = "InForce",
                    inForceFrom = "2019-06-01",
                    reason = "corrected date",
                }
            )
        ).EnsureSuccessStatusCode();
        var rerun = await Finished(analyst, (await analyst.PostAsync($"/api/v1/trs/studies/{first.Id}/rerun", null)).Headers.Location!);
        var fresh = await Finished(
            analyst,
            (await analyst.PostAsync("/api/v1/trs/studies", Form(new { definition = byKorea }))).Headers.Location!
        );

        first.Study!.Split.ShouldBe(new DateOnly(2016, 10, 1));
        first.Study.Mra.ShouldBe($"MRA-{id}");
        first.Study.MraName.ShouldBe("Chinese Taipei–Korea");
        rerun.Study!.Split.ShouldBe(new DateOnly(2016, 10, 1), "a re-run repeats the study as it was saved");
        Compact(rerun.Cells).ShouldBe(Compact(first.Cells));
        fresh.Study!.Split.ShouldBe(new DateOnly(2019, 6, 1), "a new study reads the registry as it is now");
        var report = await analyst.GetStringAsync($"/api/v1/trs/studies/{first.Id}/report?format=md");
        report.ShouldContain($"entry into force of MRA-{id}, Chinese Taipei–Korea");
    }

    [Fact]
    public async Task An_MRA_the_registry_cannot_resolve_is_a_problem_on_the_mra_field()
    {
        var analyst = await app.ClientAs(Role.Analyst);

        var response = await analyst.PostAsync(
            "/api/v1/trs/studies",
            Form(
                new
                {
                    definition = new
                    {
                        stage = "apec1",
                        groupBy = new[] { "mode" },
                        mra = "TW-NZ",
                    },
                }
            )
        );

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Read<Problem>()).For("mra")[0].ShouldContain("no MRA between TW and NZ");
        // The error codes are an extension member of the problem, read from its JSON.
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("codes").EnumerateArray().Select(c => c.GetString()).ShouldContain("study.mra");
    }

    [Fact]
    public async Task A_finished_study_downloads_as_json_csv_and_html_with_charts()
    {
        var analyst = await app.ClientAs(Role.Analyst);
        var created = await analyst.PostAsync("/api/v1/trs/studies", Form(new { definition = Definition }));
        var id = (await Finished(analyst, created.Headers.Location!)).Id;

        var html = await analyst.GetAsync($"/api/v1/trs/studies/{id}/report?format=html");
        var csv = await analyst.GetStringAsync($"/api/v1/trs/studies/{id}/report?format=csv");
        var json = await analyst.Get<StudyJson>($"/api/v1/trs/studies/{id}/report?format=json");

        html.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.Content.Headers.ContentDisposition!.FileName.ShouldBe($"trs-study-{id}.html");
        (await html.Content.ReadAsStringAsync()).ShouldContain("<svg");
        csv.ShouldStartWith("mode,channel,");
        json.Cells.Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Strict_makes_a_bad_row_fail_the_study_with_its_line_and_column()
    {
        var analyst = await app.ClientAs(Role.Analyst);
        var bad = Path.Combine(app.DataFolder, "bad.csv");
        await File.WriteAllLinesAsync(
            bad,
            [
                "declaration_id,mode,channel,office_tz,lodged_at,released_at",
                "A,sea,green,Asia/Taipei,2019-03-01T10:00:00+08:00,2019-03-01T11:00:00+08:00",
                "B,sea,green,Asia/Taipei,2019-03-01T10:00:00+08:00,soon",
            ]
        );

        var created = await analyst.PostAsync("/api/v1/trs/studies", Form(new { definition = Definition, strict = true }, bad));
        var study = await Finished(analyst, created.Headers.Location!);

        study.Status.ShouldBe("Failed");
        var error = study.Errors![0];
        (error.Line, error.Column, error.ColumnName).ShouldBe((3, 6, "released_at"));
        study.Cells.ShouldBeNull();
    }

    [Fact]
    public async Task Bad_requests_are_problem_details_before_anything_is_queued()
    {
        var analyst = await app.ClientAs(Role.Analyst);
        var noColumns = Path.Combine(app.DataFolder, "short.csv");
        await File.WriteAllLinesAsync(noColumns, ["declaration_id,mode", "A,sea"]);

        var invalid = await analyst.PostAsJsonAsync(
            "/api/v1/trs/studies",
            new { definition = new { stage = "apec9", split = "soon" }, input = new string('a', 64) }
        );
        var openaeo = await analyst.PostAsJsonAsync("/api/v1/trs/studies", new { definition = Definition, source = "openaeo" });
        var missing = await analyst.PostAsync("/api/v1/trs/studies", Form(new { definition = Definition }, noColumns));
        var unknown = await analyst.GetAsync("/api/v1/trs/studies/999");

        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await invalid.Content.ReadAsStringAsync());
        invalid.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await invalid.Read<Problem>()).Errors!.Keys.ShouldBe(["stage", "split", "input"], ignoreOrder: true);
        // The error codes are an extension member of the problem, read from its JSON.
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("codes").EnumerateArray().Select(c => c.GetString()).ShouldContain("stage.unknown");
        (await openaeo.Read<Problem>()).For("source")[0].ShouldContain("OpenAeo holds no declarations yet");
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Read<FileProblem>()).Detail!.ShouldContain("missing columns lodged_at, released_at, channel");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await analyst.GetItemsAsync<StudyResponse>("/api/v1/trs/studies")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Role.Analyst, HttpStatusCode.Accepted)]
    [InlineData(Role.Admin, HttpStatusCode.Accepted)]
    [InlineData(Role.ProgrammeOfficer, HttpStatusCode.Accepted)]
    [InlineData(Role.BorderOfficer, HttpStatusCode.Forbidden)]
    [InlineData(Role.Trader, HttpStatusCode.Forbidden)]
    public async Task Analysts_the_programme_office_and_admins_run_studies_and_nobody_else(Role role, HttpStatusCode expected)
    {
        if (role == Role.Trader)
        {
            var officer = await app.ClientAs(Role.ProgrammeOfficer);
            (
                await officer.PostAsJsonAsync(
                    "/api/v1/operators",
                    new
                    {
                        tin = "TW1",
                        legalName = "Formosa Tools",
                        roles = new[] { "Importer" },
                    }
                )
            ).EnsureSuccessStatusCode();
        }

        var client = await app.ClientAs(role, role == Role.Trader ? "TW1" : null);

        var response = await client.PostAsync("/api/v1/trs/studies", Form(new { definition = Definition }));

        response.StatusCode.ShouldBe(expected);
        if (expected == HttpStatusCode.Forbidden)
        {
            (await client.GetAsync("/api/v1/trs/studies/1")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Anonymous_callers_are_told_to_authenticate()
    {
        var anonymous = app.Anonymous();

        (await anonymous.PostAsync("/api/v1/trs/studies", Form(new { definition = Definition }))).StatusCode.ShouldBe(
            HttpStatusCode.Unauthorized
        );
        (await anonymous.GetAsync("/api/v1/trs/studies/1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
