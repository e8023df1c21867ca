using OpenAeo.Domain.TimeRelease;
using OpenAeo.MutualRecognition;
using OpenAeo.TimeRelease;

namespace OpenAeo.Tests.TimeRelease;

/// <summary><c>openaeo trs run</c> and <c>trs generate</c> through the same root command the executable builds.</summary>
/// <remarks>The report is read as the app's <see cref="StudyJson"/>, except where its shape (member names and their order)
/// is the spec a test holds.</remarks>
public sealed class Running_a_study_on_the_command_line : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("openaeo-trs-cli-").FullName;
    private readonly OpenAeoApp app = OpenAeoApp.OnSqlite();
    private string events = "";

    public async ValueTask InitializeAsync()
    {
        events = Path.Combine(folder, "events.csv");
        await app.TrsGenerate(events, 20_000, 3);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private string File(string name, params string[] lines)
    {
        var path = Path.Combine(folder, name);
        System.IO.File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    [Fact]
    public async Task Json_has_the_specs_shape_with_every_statistic_per_side()
    {
        var (exit, output, error) = await app.TrsRun(
            events,
            "mode,channel",
            "--split",
            "2019-05-22",
            "--before-from",
            "2018-10-12",
            "--after-to",
            "2019-12-31",
            "--target",
            "1h",
            "--format",
            "json"
        );

        exit.ShouldBe(0, error);
        // The member names and their order are the spec, so they are read from the JSON; the values from the record.
        var root = JsonDocument.Parse(output).RootElement;
        var report = Api.Parse<StudyJson>(output);
        root.EnumerateObject()
            .Select(p => p.Name)
            .ShouldBe(["study", "dataQuality", "cells", "channelShares", "rejected", "did", "findings"]);
        root.GetProperty("dataQuality")
            .EnumerateObject()
            .Select(p => p.Name)
            .ShouldBe(["rows", "rejectedRows", "missingStart", "missingEnd", "negative", "noPeriod", "flaggedExtreme", "censored", "asOf"]);
        report.DataQuality.Rows.ShouldBe(20_000);
        var cell = root.GetProperty("cells")[0];
        cell.GetProperty("group").EnumerateObject().Select(p => p.Name).ShouldBe(["mode", "channel"]);
        string[] statistics =
        [
            "n",
            "meanSeconds",
            "medianSeconds",
            "p10Seconds",
            "p25Seconds",
            "p75Seconds",
            "p90Seconds",
            "p95Seconds",
            "minSeconds",
            "maxSeconds",
            "sdSeconds",
        ];
        cell.GetProperty("before")
            .EnumerateObject()
            .Select(p => p.Name)
            .ShouldBe([.. statistics, "withinTarget", "flaggedExtreme", "censored", "kmMedianSeconds"]);
        cell.GetProperty("rateOfChangePct").EnumerateObject().Select(p => p.Name).ShouldBe(["mean", "median"]);
        cell.GetProperty("ci").EnumerateObject().Select(p => p.Name).ShouldBe(["level", "before", "after", "rateOfChangePct"]);
        cell.GetProperty("ci").GetProperty("before").EnumerateObject().Select(p => p.Name).ShouldBe(["median", "mean"]);
        report.Cells[0].Ci!.RateOfChangePct.Median!.Length.ShouldBe(2);
        // Written as null rather than left out: part of the shape.
        cell.GetProperty("decomposition").ValueKind.ShouldBe(JsonValueKind.Null, "the cells are channels: there is no mix to decompose");
        report.Did.ShouldBeNull("no --treated, no difference-in-differences");
        root.GetProperty("channelShares")[0]
            .EnumerateObject()
            .Select(p => p.Name)
            .ShouldBe(["group", "period", "channel", "declarations", "share"]);
        report.Study.Stage.Start.ShouldBe("lodged_at");
        error.ShouldContain("events.csv: 20,000 rows");
    }

    [Fact]
    public async Task As_of_a_day_a_declaration_released_later_is_censored_and_the_median_is_also_estimated_with_it()
    {
        var path = File(
            "pending.csv",
            "declaration_id,mode,office_tz,lodged_at,released_at",
            "A,sea,Asia/Taipei,2019-06-01T10:00:00+08:00,2019-06-01T11:00:00+08:00",
            "B,sea,Asia/Taipei,2019-06-01T12:00:00+08:00,2019-06-03T12:00:00+08:00",
            "C,sea,Asia/Taipei,2019-06-01T13:00:00+08:00,"
        );

        var (exit, output, error) = await app.TrsRun(
            path,
            "mode",
            "--split",
            "2019-05-22",
            "--office-tz",
            "Asia/Taipei",
            "--as-of",
            "2019-06-01",
            "--format",
            "json"
        );

        exit.ShouldBe(0, error);
        var report = Api.Parse<StudyJson>(output);
        report.Study.AsOf.ShouldBe("2019-06-01T16:00:00Z");
        report.DataQuality.Censored.ShouldBe(2);
        var after = report.Cells[0].After;
        after.N.ShouldBe(1);
        after.Censored.ShouldBe(2);

        // 1 h released of 3 at risk (S = 2/3); the other two are censored at midnight: the curve never reaches one half.
        after.MedianSeconds.ShouldBe(3600);
        after.KmMedianSeconds.ShouldBeNull();
    }

    [Fact]
    public async Task A_side_without_records_is_n_zero_with_the_other_statistics_null()
    {
        var path = File(
            "one-sided.csv",
            "declaration_id,mode,office_tz,lodged_at,released_at",
            "A,sea,Asia/Taipei,2019-03-01T10:00:00+08:00,2019-03-01T11:00:00+08:00"
        );

        var (_, output, _) = await app.TrsRun(path, "mode", "--split", "2019-05-22", "--format", "json");

        var after = Api.Parse<StudyJson>(output).Cells[0].After;
        after.N.ShouldBe(0);
        // Record equality compares every statistic the record has, not only the ones named here.
        after.ShouldBe(SideStatistics.NoRecords with { FlaggedExtreme = after.FlaggedExtreme, Censored = after.Censored });
    }

    [Fact]
    public async Task An_MRA_of_the_registry_by_parties_or_by_id_gives_the_same_study_as_its_date()
    {
        var byParties = await app.TrsRun(events, "mode", "--mra", "JP-TW", "--format", "csv");
        var id = await app.WithDb(db => db.Mras().Where(m => m.Name == "Chinese Taipei–Japan").Select(m => m.Id).SingleAsync());
        var byId = await app.TrsRun(events, "mode", "--mra", $"MRA-{id}", "--format", "json");
        var byDate = await app.TrsRun(events, "mode", "--split", "2019-05-22", "--format", "csv");

        byParties.Exit.ShouldBe(0, byParties.Error);
        byParties.Output.ShouldBe(byDate.Output);
        byId.Exit.ShouldBe(0, byId.Error);
        var study = Api.Parse<StudyJson>(byId.Output).Study;
        study.Split.ShouldBe(new DateOnly(2019, 5, 22));
        study.Mra.ShouldBe($"MRA-{id}");
        study.MraName.ShouldBe("Chinese Taipei–Japan");
    }

    [Fact]
    public async Task An_MRA_added_to_the_registry_splits_at_its_entry_into_force_on_each_offices_calendar()
    {
        var added = await app.Cli(
            "mras",
            "add",
            "--parties",
            "TW,SG",
            "--status",
            "InForce",
            "--signed",
            "2025-11-03",
            "--in-force",
            "2026-03-05"
        );
        added.Exit.ShouldBe(0, added.Error);
        // 00:30 in Taipei on the entry-into-force day is still 4 March in UTC; 23:30 in Taipei on the eve is 4 March in both.
        var path = File(
            "around-midnight.csv",
            "declaration_id,mode,office_tz,lodged_at,released_at",
            "EVE,air,Asia/Taipei,2026-03-04T15:30:00Z,2026-03-04T16:30:00Z",
            "DAY,air,Asia/Taipei,2026-03-04T16:30:00Z,2026-03-04T18:30:00Z"
        );

        var (exit, output, error) = await app.TrsRun(path, "mode", "--mra", "SG-TW", "--format", "json");

        exit.ShouldBe(0, error);
        var cell = Api.Parse<StudyJson>(output).Cells[0];
        cell.Before.N.ShouldBe(1);
        cell.Before.MeanSeconds.ShouldBe(3600);
        cell.After.N.ShouldBe(1);
        cell.After.MeanSeconds.ShouldBe(7200);
    }

    [Fact]
    public async Task An_MRA_that_cannot_split_a_study_is_a_usage_error_that_says_why()
    {
        var none = await app.TrsRun(events, "mode", "--mra", "TW-NZ");
        var notInForce = await app.TrsRun(events, "mode", "--mra", "MERCOSUR-PACIFICALLIANCE");
        await app.Cli(
            "mras",
            "add",
            "--parties",
            "TW,JP",
            "--status",
            "UnderNegotiation",
            "--name",
            "Chinese Taipei–Japan, second arrangement"
        );
        var ambiguous = await app.TrsRun(events, "mode", "--mra", "TW-JP");

        none.Exit.ShouldBe(2);
        none.Error.ShouldContain("no MRA between TW and NZ");
        notInForce.Exit.ShouldBe(2);
        notInForce.Error.ShouldContain("cannot split a study");
        ambiguous.Exit.ShouldBe(2);
        ambiguous.Error.ShouldContain("more than one MRA");
        var ids = await app.WithDb(db => db.Mras().Where(m => m.Name.StartsWith("Chinese Taipei–Japan")).Select(m => m.Id).ToListAsync());
        ids.Count.ShouldBe(2);
        ids.ShouldAllBe(i => ambiguous.Error.Contains($"MRA-{i} ", StringComparison.Ordinal));
        (none.Error + notInForce.Error + ambiguous.Error).ShouldNotContain("registry is not available");
    }

    [Fact]
    public async Task OpenAeo_clearance_data_as_source_fails_clearly_while_there_are_no_declarations()
    {
        var (exit, output, error) = await app.TrsRunOnOwnData("mode", "--split", "2019-05-22");

        exit.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldContain("OpenAeo holds no declarations yet");
    }

    [Fact]
    public async Task A_missing_column_fails_before_any_work_with_the_columns_expected()
    {
        var path = File("no-release.csv", "declaration_id,mode,lodged_at", "A,sea,2019-03-01T10:00:00+08:00");

        var (exit, output, error) = await app.TrsRun(path, "mode,origin", "--split", "2019-05-22");

        exit.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldContain(
            "no-release.csv:1: missing columns released_at, origin; this study needs the columns lodged_at,released_at,mode,origin"
        );
    }

    [Fact]
    public async Task Bad_rows_are_counted_and_listed_and_strict_makes_them_an_error()
    {
        var path = File(
            "bad.csv",
            "declaration_id,mode,office_tz,lodged_at,released_at",
            "A,sea,Asia/Taipei,2019-03-01T10:00:00+08:00,2019-03-01T11:00:00+08:00",
            "B,sea,Asia/Taipei,2019-03-01T10:00:00+08:00,tomorrow",
            "C,sea,,2019-03-01T10:00:00,2019-03-01T11:00:00+08:00"
        );

        var lenient = await app.TrsRun(path, "mode", "--split", "2019-05-22", "--format", "json");
        var strict = await app.TrsRun(path, "mode", "--split", "2019-05-22", "--strict");

        lenient.Exit.ShouldBe(0);
        var report = Api.Parse<StudyJson>(lenient.Output);
        report.DataQuality.RejectedRows.ShouldBe(2);
        report.Rejected.Select(r => $"{r.Line}:{r.Column}:{r.ColumnName}").ShouldBe(["3:5:released_at", "4:4:lodged_at"]);
        strict.Exit.ShouldBe(1);
        strict.Output.ShouldBeEmpty();
        strict.Error.ShouldContain("bad.csv:3:5 (released_at): 'tomorrow' is not an ISO 8601 timestamp");
        strict.Error.ShouldContain("bad.csv:4:4 (lodged_at): '2019-03-01T10:00:00' has no offset and the row has no office_tz");
        strict.Error.ShouldContain("2 rows could not be read; with --strict any bad row stops the study");
    }

    [Fact]
    public async Task Html_embeds_the_charts_and_Markdown_writes_them_beside_the_report()
    {
        var html = await app.TrsRun(events, "mode,channel", "--split", "2019-05-22", "--format", "html");
        var md = Path.Combine(folder, "study.md");
        var written = await app.TrsRun(events, "mode", "--split", "2019-05-22", "--out", md);

        html.Output.ShouldContain("<figcaption>Release times before and after, per cell</figcaption><svg");
        html.Output.ShouldContain("<figcaption>Channel shares per period</figcaption><svg");
        written.Exit.ShouldBe(0, written.Error);
        var report = await System.IO.File.ReadAllTextAsync(md);
        report.ShouldContain("![Release times before and after, per cell](study-distribution.svg)");
        (await System.IO.File.ReadAllTextAsync(Path.Combine(folder, "study-distribution.svg"))).ShouldStartWith("<svg");
        System.IO.File.Exists(Path.Combine(folder, "study-channels.svg")).ShouldBeTrue();
    }

    [Theory]
    [InlineData("--stage", "apec9")]
    [InlineData("--split", "22.05.2019")]
    [InlineData("--format", "pdf")]
    [InlineData("--target", "soon")]
    public async Task An_invalid_option_is_a_usage_error_that_names_it(string option, string value)
    {
        List<string> args = ["trs", "run", "--events", events, "--stage", "apec1", "--by", "mode", "--split", "2019-05-22"];
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var (exit, output, error) = await app.Cli([.. args]);

        exit.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldContain(value);
    }

    [Fact]
    public async Task Generating_twice_with_the_same_seed_gives_the_same_file()
    {
        var again = Path.Combine(folder, "again.csv");
        await app.Cli("trs", "generate", "--rows", "20000", "--seed", "3", "--out", again);

        (await System.IO.File.ReadAllTextAsync(again)).ShouldBe(await System.IO.File.ReadAllTextAsync(events));
    }
}
