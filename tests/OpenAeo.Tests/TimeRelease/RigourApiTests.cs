using System.Net.Http.Headers;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.TimeRelease;

/// <summary>Intervals and difference-in-differences through the API, the CLI and a re-run, read as typed records.</summary>
public sealed class How_sure_a_study_is_through_the_api_and_the_cli : IAsyncLifetime
{
    private sealed record SideCi(double[]? Median, double[]? Mean);

    private sealed record Ci(double Level, SideCi Before, SideCi After, SideCi RateOfChangePct);

    private sealed record Decomposition(double TotalSeconds, double MixSeconds, double WithinSeconds, double InteractionSeconds);

    private sealed record Cell(Dictionary<string, string?> Group, Ci? Ci, Decomposition? Decomposition);

    private sealed record DidMonth(string Month, int Relative, long TreatedN, long ControlN);

    private sealed record Did(
        string Treated,
        string Control,
        double Level,
        double? MedianRatio,
        double[]? MedianRatioCi,
        double? MeanLogDiff,
        double[]? MeanLogDiffCi,
        List<DidMonth> Months
    );

    private sealed record Definition(double? Confidence, int? Bootstrap, long? Seed, string? Treated, string? Control);

    private sealed record SavedStudy(
        long Id,
        string Status,
        long? RerunOf,
        Definition? Study,
        List<Cell>? Cells,
        Did? Did,
        List<string>? Findings
    );

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly object Asked = new
    {
        stage = "apec1",
        groupBy = new[] { "aeo" },
        split = "2019-05-22",
        confidence = "0.9",
        bootstrap = 200,
        seed = 42,
        treated = "aeo=true",
    };

    private readonly OpenAeoApp app = OpenAeoApp.OnSqlite();
    private string events = "";

    public async ValueTask InitializeAsync()
    {
        events = Path.Combine(app.DataFolder, "events.csv");
        await app.TrsGenerate(events, 4_000, 5);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static async Task<SavedStudy> Finished(HttpClient client, Uri location)
    {
        for (var attempt = 0; attempt < 1_200; attempt++)
        {
            var study = (await client.GetFromJsonAsync<SavedStudy>(location))!;
            if (study.Status is "Succeeded" or "Failed")
            {
                return study;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{location} did not finish.");
    }

    [Fact]
    public async Task A_saved_study_keeps_its_level_seed_and_arms_and_a_rerun_and_the_cli_give_the_same_intervals()
    {
        var analyst = await app.ClientAs(Role.Analyst);
        var form = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(new { name = "AEO DiD", definition = Asked })), "definition" },
        };
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(events));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "events.csv");

        var response = await analyst.PostAsync("/api/v1/trs/studies", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var first = await Finished(analyst, response.Headers.Location!);
        var rerun = await Finished(analyst, (await analyst.PostAsync($"/api/v1/trs/studies/{first.Id}/rerun", null)).Headers.Location!);
        var (exit, cli, error) = await app.TrsRun(
            events,
            "aeo",
            "--split",
            "2019-05-22",
            "--confidence",
            "0.9",
            "--bootstrap",
            "200",
            "--seed",
            "42",
            "--treated",
            "aeo=true",
            "--format",
            "json"
        );

        first.Status.ShouldBe("Succeeded");
        first.Study.ShouldBe(new Definition(0.9, 200, 42, "aeo=true", null));
        var did = first.Did.ShouldNotBeNull();
        (did.Treated, did.Control, did.Level).ShouldBe(("aeo=true", "not aeo=true", 0.9));
        did.MedianRatioCi.ShouldNotBeNull().Length.ShouldBe(2);
        did.MedianRatioCi[0].ShouldBeLessThanOrEqualTo(did.MedianRatio!.Value);
        did.MedianRatioCi[1].ShouldBeGreaterThanOrEqualTo(did.MedianRatio.Value);
        did.Months.ShouldContain(m => m.Relative == 0);
        first.Cells!.ShouldAllBe(c => c.Ci != null && c.Ci.RateOfChangePct.Mean != null && c.Decomposition != null);
        first.Findings!.ShouldContain(f =>
            f.Contains("AEO: median", StringComparison.Ordinal) && f.Contains("90% CI", StringComparison.Ordinal)
        );
        first.Findings!.ShouldContain(f => f.StartsWith("Difference-in-differences, AEO against not AEO", StringComparison.Ordinal));

        rerun.RerunOf.ShouldBe(first.Id);
        JsonSerializer.Serialize(rerun.Did).ShouldBe(JsonSerializer.Serialize(first.Did), "the same seed gives the same intervals");
        JsonSerializer.Serialize(rerun.Cells).ShouldBe(JsonSerializer.Serialize(first.Cells));
        exit.ShouldBe(0, error);
        var fromCli = JsonSerializer.Deserialize<SavedStudy>(cli, Web)!;
        JsonSerializer.Serialize(fromCli.Did).ShouldBe(JsonSerializer.Serialize(first.Did));
    }

    [Fact]
    public async Task Bad_options_are_refused_by_field()
    {
        var analyst = await app.ClientAs(Role.Analyst);

        // A replicate count outside the stated limits is refused before the study's own checks (as every field limit is);
        // a confidence level that is not a share and a treated group without a value are the study's own refusals.
        (
            await Refused(
                analyst,
                new
                {
                    stage = "apec1",
                    split = "2019-05-22",
                    bootstrap = -1,
                }
            )
        ).ShouldContain(f => f.EndsWith("bootstrap", StringComparison.OrdinalIgnoreCase));
        var fields = await Refused(
            analyst,
            new
            {
                stage = "apec1",
                split = "2019-05-22",
                confidence = "2",
                bootstrap = 200,
                treated = "aeo",
            }
        );
        fields.ShouldContain(f => f.EndsWith("confidence", StringComparison.OrdinalIgnoreCase));
        fields.ShouldContain(f => f.EndsWith("treated", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<List<string>> Refused(HttpClient analyst, object definition)
    {
        var form = new MultipartFormDataContent { { new StringContent(JsonSerializer.Serialize(new { definition })), "definition" } };
        form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(events)), "file", "events.csv");
        var response = await analyst.PostAsync("/api/v1/trs/studies", form);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        return [.. (await response.Read<Problem>()).Errors!.Keys];
    }
}
