using OpenAeo.TimeRelease;

namespace OpenAeo.Tests.TimeRelease;

/// <summary>
/// <c>openaeo trs template</c> on the APEC report's Tables 2–7 as shipped. The expected rates below are worked out
/// by hand from the printed times (comments show the arithmetic), not taken from the program.
/// </summary>
public sealed class The_report_tables_2_to_7 : IAsyncDisposable
{
    private static readonly string Fixture = Path.Combine(RepositoryRoot(), "src/OpenAeo/TimeRelease/Fixtures/apec-2020-tables-2-7.csv");
    private readonly OpenAeoApp app = OpenAeoApp.OnSqlite();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<List<TemplateRowJson>> Rows()
    {
        var (exit, output, error) = await app.Cli("trs", "template", Fixture, "--format", "json");
        exit.ShouldBe(0, error);
        return [.. JsonSerializer.Deserialize<TemplateJson>(output, Api.Json)!.Rows];
    }

    private static TemplateRowJson Row(List<TemplateRowJson> rows, string reporter, string partner, int stage, string mode) =>
        rows.Single(r => r.Reporter == reporter && r.Partner == partner && r.Stage == stage && r.Mode == mode);

    [Theory]
    // Table 2. 12 h 17 min 26.3 s = 44,246.3 s; 8 h 19 min 26.9 s = 29,966.9 s; (29,966.9 − 44,246.3) / 44,246.3 = −32.27 %.
    [InlineData("TW", "JP", 1, "sea", 44_246.3, 29_966.9, -32.27)]
    // 47 min 52.5 s = 2,872.5 s; 34 min 1.4 s = 2,041.4 s; −831.1 / 2,872.5 = −28.93 %.
    [InlineData("TW", "JP", 1, "air", 2_872.5, 2_041.4, -28.93)]
    // 1 d 6 h 26 min 42.1 s = 109,602.1 s; 1 d 13 h 48 min 43.9 s = 136,123.9 s; 26,521.8 / 109,602.1 = +24.20 %.
    [InlineData("TW", "JP", 2, "air", 109_602.1, 136_123.9, 24.20)]
    // Table 3. 45 min 30 s = 2,730 s; 27 min 19.7 s = 1,639.7 s; −1,090.3 / 2,730 = −39.94 %.
    [InlineData("TW", "KR", 1, "air", 2_730, 1_639.7, -39.94)]
    // 2 d 12 h 27 min 33 s = 217,653 s; 1 d 22 h 0 min 3 s = 165,603 s; −52,050 / 217,653 = −23.91 %.
    [InlineData("TW", "KR", 2, "air", 217_653, 165_603, -23.91)]
    // Table 4. 2 d 16 h 54 min 28.5 s = 233,668.5 s; 23 h 59 min 34.5 s = 86,374.5 s; −147,294 / 233,668.5 = −63.04 %.
    [InlineData("TW", "AU", 1, "sea", 233_668.5, 86_374.5, -63.04)]
    // 5 d 13 h 29 min 3.3 s = 480,543.3 s; 22 d 2 h 48 min = 1,910,880 s; 1,430,336.7 / 480,543.3 = +297.65 %.
    [InlineData("TW", "AU", 2, "sea", 480_543.3, 1_910_880, 297.65)]
    // Table 5. 10 min 27 s = 627 s to 0 s: −100 %.
    [InlineData("JP", "TW", 1, "air", 627, 0, -100)]
    // Table 7. 25 s to 1 s: −24 / 25 = −96 %.
    [InlineData("NZ", "HK", 1, "sea", 25, 1, -96)]
    public async Task The_published_rate_is_reproduced_where_it_follows_from_the_printed_times(
        string reporter,
        string partner,
        int stage,
        string mode,
        double before,
        double after,
        double published
    )
    {
        var row = Row(await Rows(), reporter, partner, stage, mode);

        row.Before.MeanSeconds.ShouldNotBeNull().ShouldBe(before, 1e-6);
        row.After.MeanSeconds.ShouldNotBeNull().ShouldBe(after, 1e-6);
        Math.Round(row.RateOfChangePct!.Value, 2, MidpointRounding.AwayFromZero).ShouldBe(published);
        row.PublishedRatePct.ShouldNotBeNull().ShouldBe(published);
        row.PublishedRateMismatch.ShouldBe(false);
    }

    [Fact]
    public async Task Table_2_stage_2_sea_cargo_is_flagged_because_its_rate_does_not_follow_from_its_times()
    {
        // 6 d 9 h 27 min 21.8 s = 552,441.8 s; 3 d 6 h 21 min 53.8 s = 282,113.8 s; −270,328 / 552,441.8 = −48.93 %,
        // not the −48.63 % printed; no rounding of the times (±0.05 s) moves the rate by 0.3 points.
        var row = Row(await Rows(), "TW", "JP", 2, "sea");

        row.RateOfChangePct.ShouldNotBeNull().ShouldBe(-48.933, 0.001);
        row.PublishedRatePct.ShouldNotBeNull().ShouldBe(-48.63);
        row.PublishedRateMismatch.ShouldBe(true);
    }

    [Fact]
    public async Task Table_6_air_cargo_is_flagged_because_even_rounded_inputs_cannot_give_its_rate()
    {
        // 8.08 h → 0.390 h: 0.390 / 8.08 − 1 = −95.17 %. Times that print as 8.08 and 0.390 lie in [8.075, 8.085] and
        // [0.3895, 0.3905], so the rate lies in [−95.182, −95.164] %, which never rounds to the −95.1 % printed.
        var row = Row(await Rows(), "KR", "TW", 1, "air");

        row.RateOfChangePct.ShouldNotBeNull().ShouldBe(-95.173, 0.001);
        row.PublishedRateMismatch.ShouldBe(true);
    }

    [Fact]
    public async Task Table_6_sea_cargo_follows_only_because_its_inputs_were_rounded()
    {
        // 6.79 h → 1.11 h computes to −83.65 % (which would print −83.7), but times within [6.785, 6.795] and
        // [1.105, 1.115] h give anything in [−83.738, −83.567] %, which includes −83.6 %: rounded from rounded inputs.
        var row = Row(await Rows(), "KR", "TW", 1, "sea");

        row.RateOfChangePct.ShouldNotBeNull().ShouldBe(-83.652, 0.001);
        row.PublishedRateMismatch.ShouldBe(false);
    }

    [Fact]
    public async Task Exactly_those_two_rates_are_flagged_and_cells_without_records_have_no_rate()
    {
        var rows = await Rows();

        rows.Count.ShouldBe(18);
        rows.Where(r => r.PublishedRateMismatch == true)
            .Select(r => $"{r.Reporter}-{r.Partner} {r.Stage} {r.Mode}")
            .ShouldBe(["TW-JP 2 sea", "KR-TW 1 air"]);
        var noRecords = rows.Where(r => r.After.MeanSeconds is null).ToList();
        noRecords.Count.ShouldBe(6, "TW-KR stage 1 and 2 sea, TW-AU stage 1 and 2 air, JP-TW sea, NZ-HK air");
        noRecords.ShouldAllBe(r => r.RateOfChangePct == null);
        noRecords.ShouldAllBe(r => r.PublishedRateMismatch == null);
    }

    [Fact]
    public async Task Markdown_prints_the_reports_layout()
    {
        var (exit, output, _) = await app.Cli("trs", "template", Fixture);

        exit.ShouldBe(0);
        output.ShouldContain("## Release times and rates of change of TW's imports from JP under the TW-JP AEO MRA");
        output.ShouldContain(
            "| Stage 1 | Sea Cargo | all | 0 days 12 hours 17 min. 26.3 sec. | 0 days 8 hours 19 min. 26.9 sec. | -32.27 | -32.27 | ok |"
        );
        output.ShouldContain(
            "| Stage 2 | Air Cargo | all | 1 day 6 hours 26 min. 42.1 sec. | 1 day 13 hours 48 min. 43.9 sec. | 24.20 | 24.20 | ok |"
        );
        output.ShouldContain("| Stage 1 | Sea Cargo | all | 0 days 17 hours 54 min. 53.0 sec. | No Records | - | - |  |");
        output.ShouldContain(
            "| Stage 1 | Air Cargo | all | 0 days 8 hours 4 min. 48.0 sec. | 0 days 0 hours 23 min. 24.0 sec. | "
                + "-95.17 | -95.1 | published rate does not follow from the times (computed -95.17) |"
        );
    }

    [Fact]
    public async Task Html_has_the_tables_and_an_inline_chart_and_CSV_one_row_per_cell()
    {
        var html = await app.Cli("trs", "template", Fixture, "--format", "html");
        var csv = await app.Cli("trs", "template", Fixture, "--format", "csv");

        html.Output.ShouldStartWith("<!DOCTYPE html>");
        html.Output.ShouldContain("<svg");
        html.Output.ShouldContain("<td class=\"num\">297.65</td>");
        csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(19);
    }

    [Fact]
    public async Task A_bad_row_stops_with_file_line_column_and_reason()
    {
        var path = Path.Combine(Path.GetTempPath(), $"template-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(
            path,
            [
                "reporter,partner,mra,stage,mode,channel,period,period_from,period_to,declarations,mean",
                "TW,JP,TW-JP,1,sea,all,before,2018-10-12,2019-05-21,,12 hours",
                "TW,JP,TW-JP,1,sea,all,after,2019-05-22,2019-12-31,,eight hours",
            ]
        );
        try
        {
            var (exit, output, error) = await app.Cli("trs", "template", path);

            exit.ShouldBe(1);
            output.ShouldBeEmpty();
            error.ShouldContain($"{Path.GetFileName(path)}:3:11 (mean): 'eight hours' is not a time");
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OpenAeo.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("OpenAeo.slnx not found above the test binaries.");
    }
}
