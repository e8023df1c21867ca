using DuckDB.NET.Data;
using OpenAeo.Domain.Shared;
using OpenAeo.Domain.TimeRelease;
using OpenAeo.Platform.Analytics;
using OpenAeo.Platform.Files;
using OpenAeo.TimeRelease;

namespace OpenAeo.Tests.TimeRelease;

/// <summary>
/// The DuckDB engine against the plain C# reference calculation (the oracle) on generated events full of edge
/// cases: every statistic of every cell, the data-quality counts, the channel shares and the rejected rows.
/// </summary>
public sealed class The_DuckDB_engine_agrees_with_the_reference_calculation : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("openaeo-trs-oracle-").FullName;
    private OpenAeoApp app = null!;
    private StudyEngine engine = null!;

    public ValueTask InitializeAsync()
    {
        app = OpenAeoApp.OnSqlite().Started();
        engine = app.Services.GetRequiredService<StudyEngine>();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    internal static StudyDefinition Study(
        string stage,
        string[] by,
        string? beforeFrom = "2018-10-12",
        string? afterTo = "2019-12-31",
        string? periodBy = null,
        string? target = null,
        bool isSigned = false,
        string? officeTz = null,
        string? cap = null,
        string? treated = null,
        string? control = null,
        int bootstrap = 200,
        long seed = 1,
        string? asOf = null
    ) =>
        new StudyRequest(
            stage,
            by,
            "2019-05-22",
            null,
            beforeFrom,
            afterTo,
            periodBy,
            target,
            cap,
            isSigned,
            officeTz,
            Bootstrap: bootstrap,
            Seed: seed,
            Treated: treated,
            Control: control,
            AsOf: asOf
        )
            .ToDefinition([])
            .Value
        ?? throw new InvalidOperationException("test setup: invalid study");

    public static TheoryData<string, string[], string?, string?, string?, string?, bool, string?> Studies =>
        new()
        {
            { "apec1", ["mode", "channel"], "2018-10-12", "2019-12-31", null, "1h", false, null },
            { "apec1", ["origin"], null, null, null, null, false, "Asia/Taipei" },
            { "apec2", ["mode"], "2019-01-01", "2019-09-30", "arrival_at", "2d", false, null },
            { "wco-release", ["channel", "mode", "aeo"], "2018-10-12", "2019-12-31", null, null, true, "Australia/Sydney" },
            { "lodged_at:delivered_at", [], "2018-10-12", "2019-12-31", "released_at", "30m", false, null },
        };

    [Theory]
    [MemberData(nameof(Studies))]
    public void On_CSV_with_missing_milestones_negative_durations_offsets_DST_and_unreadable_cells(
        string stage,
        string[] by,
        string? from,
        string? to,
        string? periodBy,
        string? target,
        bool isSigned,
        string? officeTz
    )
    {
        var path = EdgeCaseEvents.Write(Path.Combine(folder, "events.csv"), rows: 6_000, seed: 20190522);
        var study = Study(stage, by, from, to, periodBy, target, isSigned, officeTz);

        var expected = EdgeCaseEvents.Oracle(path, study);
        var actual = engine.Run(path, "events.csv", study, null, CancellationToken.None);

        ShouldAgree(actual, expected);
        expected.DataQuality.RejectedRows.ShouldBeGreaterThan(0, "the generated file must exercise unreadable cells");
        expected.DataQuality.MissingStart.ShouldBeGreaterThan(0);
        if (from is not null)
        {
            expected.DataQuality.NoPeriod.ShouldBeGreaterThan(0);
        }
        if (by.Contains("origin"))
        {
            expected.Cells.ShouldContain(c => c.Before.N == 1 || c.After.N == 1, "one-row cells must be exercised");
        }
        if (!isSigned)
        {
            expected.DataQuality.Negative.ShouldBeGreaterThan(0);
        }
    }

    [Theory]
    [InlineData("apec1", null)]
    [InlineData("apec1", "2019-08-01T12:00:00+08:00")]
    [InlineData("apec2", "2019-06-30")]
    public void Censored_declarations_and_Kaplan_Meier_medians_are_the_same_with_the_end_of_the_data_given_or_not(
        string stage,
        string? asOf
    )
    {
        var path = EdgeCaseEvents.Write(Path.Combine(folder, "events.csv"), rows: 6_000, seed: 16);
        var study = Study(stage, ["mode"], bootstrap: 0, asOf: asOf);

        var expected = EdgeCaseEvents.Oracle(path, study);
        var actual = engine.Run(path, "events.csv", study, null, CancellationToken.None);

        ShouldAgree(actual, expected);
        expected.DataQuality.Censored.ShouldBeGreaterThan(0, "the generated file must have declarations not ended by the end of the data");
        expected.DataQuality.AsOf.ShouldNotBeNull();
        expected.Cells.ShouldContain(
            c => c.After.Censored > 0 && c.After.KmMedianSeconds > c.After.MedianSeconds,
            "censored declarations, longer than the complete-case median so far, move the Kaplan–Meier median up"
        );
    }

    [Theory]
    [InlineData("apec1", "mode", "aeo=true", null, 7L)]
    [InlineData("wco-release", "channel", "origin=JP", "origin=KR", 8L)]
    [InlineData("apec1", "", "mode=sea", null, 9L)]
    public void Intervals_decomposition_and_difference_in_differences_are_the_same_numbers_for_the_same_seed(
        string stage,
        string by,
        string treated,
        string? control,
        long seed
    )
    {
        var path = EdgeCaseEvents.Write(Path.Combine(folder, "events.csv"), rows: 6_000, seed: (int)seed);
        var study = Study(
            stage,
            by.Length == 0 ? [] : [by],
            treated: treated,
            control: control,
            seed: seed,
            isSigned: stage == "wco-release"
        );

        var expected = EdgeCaseEvents.Oracle(path, study);
        var actual = engine.Run(path, "events.csv", study, null, CancellationToken.None);

        ShouldAgree(actual, expected);
        expected.Did.ShouldNotBeNull().MedianRatioCi.ShouldNotBeNull("the arms must have data on both sides");
        expected.Did.Months.Count.ShouldBeGreaterThan(6);
        expected.Cells.ShouldAllBe(c => c.Ci != null && (by == "channel") == (c.Decomposition == null));
    }

    // A Taipei-like calendar with the holidays of the file's months: Dragon Boat Festival 2019 and an annual New Year.
    private static readonly WorkingClock Tw = new(
        "TW",
        WorkingHours.Default,
        new OpenAeo.Domain.Registry.BusinessCalendar(
            new HashSet<DayOfWeek> { DayOfWeek.Saturday, DayOfWeek.Sunday },
            new HashSet<(int, int)> { (1, 1) },
            new HashSet<DateOnly> { new(2019, 6, 7), new(2019, 2, 5) }
        )
    );

    [Theory]
    [InlineData(null, null)]
    [InlineData("Australia/Sydney", "2019-08-01T12:00:00+08:00")]
    public void On_the_working_hours_clock_every_number_is_the_reference_calculations(string? officeTz, string? asOf)
    {
        // Offices in Taipei, New York, Sydney and London (and rows without a zone): local days that differ from UTC's,
        // daylight saving in three of them, a holiday and weekends; censored declarations count working time to the end.
        var path = EdgeCaseEvents.Write(Path.Combine(folder, "events.csv"), rows: 6_000, seed: 44);
        var study = Study("apec1", ["mode"], officeTz: officeTz, asOf: asOf, treated: "aeo=true") with { Clock = Tw };

        var expected = EdgeCaseEvents.Oracle(path, study);
        var actual = engine.Run(path, "events.csv", study, null, CancellationToken.None);

        ShouldAgree(actual, expected);
        var elapsed = EdgeCaseEvents.Oracle(path, study with { Clock = null });
        expected.Cells.ShouldContain(
            c => c.Before.MedianSeconds < elapsed.Cells.Single(e => Key(e) == Key(c)).Before.MedianSeconds,
            "nights, weekends and holidays no longer count"
        );
        expected.DataQuality.Censored.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Approximate_quantiles_are_the_references_and_within_the_stated_bound_of_the_exact_ones()
    {
        var path = EdgeCaseEvents.Write(Path.Combine(folder, "events.csv"), rows: 6_000, seed: 45);
        var exactStudy = Study("wco-release", ["mode"], isSigned: true);
        var study = exactStudy with { Approximate = true };

        var approximate = engine.Run(path, "events.csv", study, null, CancellationToken.None);
        var exact = engine.Run(path, "events.csv", exactStudy, null, CancellationToken.None);

        ShouldAgree(approximate, EdgeCaseEvents.Oracle(path, study));
        foreach (
            var (a, e) in approximate
                .Cells.SelectMany(c => new[] { c.Before, c.After })
                .Zip(exact.Cells.SelectMany(c => new[] { c.Before, c.After }))
        )
        {
            foreach (
                var (x, y) in new[]
                {
                    (a.MedianSeconds, e.MedianSeconds),
                    (a.P10Seconds, e.P10Seconds),
                    (a.P90Seconds, e.P90Seconds),
                    (a.P95Seconds, e.P95Seconds),
                }
            )
            {
                Math.Abs(x!.Value - y!.Value)
                    .ShouldBeLessThanOrEqualTo(
                        Statistics.ApproximateRelativeError * Math.Abs(y.Value) + Statistics.ApproximateSlackSeconds + 1e-6
                    );
            }

            a.MeanSeconds.ShouldBe(e.MeanSeconds);
        }

        approximate.Cells.ShouldContain(
            c => c.Before.MedianSeconds != exact.Cells.Single(e => Key(e) == Key(c)).Before.MedianSeconds,
            "the approximation is not the exact figure"
        );
    }

    [Fact]
    public void On_Parquet_with_the_same_text_cells_the_result_is_the_same_with_row_numbers_for_lines()
    {
        var csv = EdgeCaseEvents.Write(Path.Combine(folder, "events.csv"), rows: 3_000, seed: 7);
        var parquet = Path.Combine(folder, "events.parquet");
        Copy(csv, parquet, typed: false);
        var study = Study("apec1", ["mode", "channel"], target: "2h");

        var fromCsv = engine.Run(csv, "events", study, null, CancellationToken.None);
        var fromParquet = engine.Run(parquet, "events", study, null, CancellationToken.None);

        ShouldAgree(fromParquet, fromCsv with { Rejected = [.. fromCsv.Rejected.Select(r => r with { Line = r.Line - 1 })] });
    }

    [Fact]
    public void On_Parquet_partitioned_by_month_a_folder_or_a_glob_is_read_as_the_one_file_with_its_partition_as_a_column()
    {
        var csv = EdgeCaseEvents.Write(Path.Combine(folder, "events.csv"), rows: 4_000, seed: 11);
        var data = Path.Combine(folder, "data");
        Sql(
            $"COPY (SELECT *, coalesce(substr(lodged_at, 1, 7), 'none') AS month FROM read_csv('{csv}', "
                + "all_varchar = true, header = true)) "
                + $"TO '{data}' (FORMAT parquet, PARTITION_BY (month))"
        );
        Directory.GetDirectories(data).Length.ShouldBeGreaterThan(12, "one folder per month (hive: month=2019-06)");
        var study = Study("apec1", ["mode"], asOf: "2019-12-31");

        var expected = EdgeCaseEvents.Oracle(csv, study);
        var fromFolder = engine.Run(data, "data", study, null, CancellationToken.None);
        var fromGlob = engine.Run(Path.Combine(data, "**", "*.parquet"), "data/**/*.parquet", study, null, CancellationToken.None);

        ShouldAgree(fromFolder, expected, compareRejected: false);
        ShouldAgree(fromGlob, expected, compareRejected: false);
        fromGlob.Rejected.Count.ShouldBe(expected.Rejected.Count);
        fromGlob.Rejected.ShouldAllBe(r => r.File.EndsWith(".parquet", StringComparison.Ordinal), "a rejected row names the file it is in");

        // The partition is a column like any other: a study can group by it.
        var byMonth = engine.Run(data, "data", Study("apec1", ["month"]), null, CancellationToken.None);
        byMonth.Cells.ShouldContain(c => c.Group[0].Value == "2019-06");
    }

    [Fact]
    public void A_glob_that_matches_no_file_is_refused_by_name()
    {
        var glob = Path.Combine(folder, "nothing", "**", "*.parquet");

        Should
            .Throw<FileImportException>(() =>
                engine.Run(glob, "nothing/**/*.parquet", Study("apec1", ["mode"]), null, CancellationToken.None)
            )
            .Message.ShouldContain("no Parquet file matches");
    }

    [Fact]
    public void On_Parquet_with_stored_instants_the_statistics_are_those_of_the_same_instants_as_text()
    {
        var csv = Path.Combine(folder, "offsets.csv");
        File.WriteAllLines(
            csv,
            [
                "declaration_id,mode,channel,office_tz,lodged_at,released_at",
                "A,sea,green,Asia/Taipei,2019-05-21T23:30:00+08:00,2019-05-22T01:00:00+08:00",
                "B,sea,exam,America/New_York,2019-11-03T05:30:00Z,2019-11-03T08:30:00Z",
                "C,air,green,Asia/Taipei,2019-06-01T10:00:00.250+08:00,2019-06-01T10:00:01+08:00",
                "D,air,green,Asia/Taipei,2019-06-01T10:00:00+08:00,",
            ]
        );
        var study = Study("apec1", ["mode"]);
        var parquet = Path.Combine(folder, "instants.parquet");
        Copy(csv, parquet, typed: true);

        ShouldAgree(engine.Run(parquet, "instants.parquet", study, null, CancellationToken.None), EdgeCaseEvents.Oracle(csv, study));
    }

    [Fact]
    public void On_Parquet_with_local_timestamps_they_are_read_in_office_tz_like_text_without_offset()
    {
        // 01:30 on 3 November 2019 happened twice in New York; like the text, the stored local time is the later one.
        var csv = Path.Combine(folder, "local.csv");
        File.WriteAllLines(
            csv,
            [
                "declaration_id,mode,channel,office_tz,lodged_at,released_at",
                "A,sea,green,Asia/Taipei,2019-05-21 23:30:00,2019-05-22 01:00:00",
                "B,sea,exam,America/New_York,2019-11-03 01:30:00,2019-11-03 03:30:00",
                "C,air,green,Asia/Taipei,2019-06-01 10:00:00.25,2019-06-01 10:00:01",
                "D,air,green,,2019-06-01 10:00:00,2019-06-01 11:00:00",
            ]
        );
        var study = Study("apec1", ["mode"]);
        var parquet = Path.Combine(folder, "local.parquet");
        Sql(
            $"COPY (SELECT * REPLACE (CAST(lodged_at AS TIMESTAMP) AS lodged_at, CAST(released_at AS TIMESTAMP) AS released_at) "
                + $"FROM read_csv('{csv}', all_varchar = true, header = true)) TO '{parquet}' (FORMAT parquet)"
        );

        var expected = EdgeCaseEvents.Oracle(csv, study);
        var actual = engine.Run(parquet, "local.parquet", study, null, CancellationToken.None);

        ShouldAgree(
            actual,
            expected with
            {
                Rejected = [.. expected.Rejected.Select(r => r with { File = "local.parquet", Line = r.Line - 1 })],
            }
        );
        actual.Rejected.ShouldHaveSingleItem().Reason.ShouldContain("has no offset and the row has no office_tz");
    }

    [Fact]
    public void Malformed_lines_are_rejected_with_their_line_and_the_rest_is_studied()
    {
        var path = Path.Combine(folder, "malformed.csv");
        File.WriteAllText(
            path,
            "declaration_id,mode,channel,office_tz,lodged_at,released_at\n"
                + "A,sea,green,Asia/Taipei,2019-03-01T10:00:00+08:00,2019-03-01T11:00:00+08:00\n"
                + "B,sea,green,Asia/Taipei,2019-03-01T10:00:00+08:00,2019-03-01T11:00:00+08:00,extra\n"
                + "C,sea,\"green\nstill green\",Asia/Taipei,2019-03-01T10:00:00+08:00,2019-03-01T12:00:00+08:00\n"
                + "D,sea\n"
                + "E,air,green,Asia/Taipei,yesterday,2019-03-01T11:00:00+08:00\n"
        );
        var study = Study("apec1", ["mode"]);

        var result = engine.Run(path, "malformed.csv", study, null, CancellationToken.None);

        result.DataQuality.Rows.ShouldBe(5);
        result.DataQuality.RejectedRows.ShouldBe(3);
        result
            .Rejected.Select(r => r.ToString())
            .ShouldBe([
                "malformed.csv:3: malformed line: 7 cells where the header names 6",
                "malformed.csv:6: malformed line: 2 cells where the header names 6",
                "malformed.csv:7:5 (lodged_at): 'yesterday' is not an ISO 8601 timestamp (yyyy-mm-ddThh:mm:ss, "
                    + "then Z or an offset such as +08:00)",
            ]);
        result.Cells.ShouldHaveSingleItem().Before.MeanSeconds.ShouldBe(5_400, "rows A and C, the quoted line break kept in C's channel");
    }

    [Fact]
    public void A_missing_column_fails_before_any_work_listing_the_columns_the_study_needs()
    {
        var path = Path.Combine(folder, "short.csv");
        File.WriteAllText(path, "declaration_id,mode,lodged_at\nA,sea,2019-03-01T10:00:00+08:00\n");

        var error = Should.Throw<FileImportException>(() =>
            engine.Run(path, "short.csv", Study("apec1", ["mode", "origin"]), null, CancellationToken.None)
        );

        error
            .Errors.ShouldHaveSingleItem()
            .ToString()
            .ShouldStartWith(
                "short.csv:1: missing columns released_at, origin; this study needs the columns lodged_at,released_at,mode,origin"
            );
    }

    private void Copy(string csv, string parquet, bool typed)
    {
        var select = typed
            ? "SELECT * REPLACE (CAST(lodged_at AS TIMESTAMPTZ) AS lodged_at, CAST(released_at AS TIMESTAMPTZ) AS released_at)"
            : "SELECT *";
        Sql($"COPY ({select} FROM read_csv('{csv}', all_varchar = true, header = true)) TO '{parquet}' (FORMAT parquet)");
    }

    private void Sql(string sql)
    {
        using var connection = app.Services.GetRequiredService<AnalyticsDatabase>().Open();
        AnalyticsDatabase.Execute(connection, sql);
    }

    internal static void ShouldAgree(StudyResult actual, StudyResult expected, bool compareRejected = true)
    {
        actual.DataQuality.ShouldBe(expected.DataQuality);
        actual.Cells.Select(Key).ShouldBe(expected.Cells.Select(Key));
        foreach (var (a, e) in actual.Cells.Zip(expected.Cells))
        {
            SideShouldAgree(a.Before, e.Before, Key(e) + " before");
            SideShouldAgree(a.After, e.After, Key(e) + " after");
        }

        foreach (var (a, e) in actual.Cells.Zip(expected.Cells))
        {
            RigourShouldAgree(a, e, Key(e));
        }

        DidShouldAgree(actual.Did, expected.Did);
        actual
            .ChannelShares.Select(s => (Key(s.Group), s.Period, s.Channel, s.Declarations))
            .ShouldBe(expected.ChannelShares.Select(s => (Key(s.Group), s.Period, s.Channel, s.Declarations)));
        if (compareRejected)
        {
            actual.Rejected.ShouldBe(expected.Rejected);
        }
    }

    private static void RigourShouldAgree(StudyCell a, StudyCell e, string where)
    {
        if (e.Ci is null)
        {
            a.Ci.ShouldBeNull(where);
        }
        else
        {
            a.Ci.ShouldNotBeNull(where);
            a.Ci.Level.ShouldBe(e.Ci.Level);
            Close(a.Ci.Before.Median, e.Ci.Before.Median, where + " before median CI");
            Close(a.Ci.Before.Mean, e.Ci.Before.Mean, where + " before mean CI");
            Close(a.Ci.After.Median, e.Ci.After.Median, where + " after median CI");
            Close(a.Ci.After.Mean, e.Ci.After.Mean, where + " after mean CI");
            Close(a.Ci.MedianRateOfChangePct, e.Ci.MedianRateOfChangePct, where + " median rate CI");
            Close(a.Ci.MeanRateOfChangePct, e.Ci.MeanRateOfChangePct, where + " mean rate CI");
        }

        if (e.Decomposition is not { } d)
        {
            a.Decomposition.ShouldBeNull(where);
            return;
        }

        var ad = a.Decomposition.ShouldNotBeNull(where);
        Close(ad.TotalSeconds, d.TotalSeconds, where + " total");
        Close(ad.MixSeconds, d.MixSeconds, where + " mix");
        Close(ad.WithinSeconds, d.WithinSeconds, where + " within");
        Close(ad.InteractionSeconds, d.InteractionSeconds, where + " interaction");
        Close(ad.MixCi, d.MixCi, where + " mix CI");
        Close(ad.WithinCi, d.WithinCi, where + " within CI");
        Close(ad.InteractionCi, d.InteractionCi, where + " interaction CI");
        Close(ad.TotalCi, d.TotalCi, where + " total CI");
    }

    private static void DidShouldAgree(DifferenceInDifferences? a, DifferenceInDifferences? e)
    {
        if (e is null)
        {
            a.ShouldBeNull();
            return;
        }

        a.ShouldNotBeNull();
        (a.Treated, a.Control, a.TreatedBeforeN, a.TreatedAfterN, a.ControlBeforeN, a.ControlAfterN).ShouldBe(
            (e.Treated, e.Control, e.TreatedBeforeN, e.TreatedAfterN, e.ControlBeforeN, e.ControlAfterN)
        );
        Close(a.MedianRatio, e.MedianRatio, "median ratio");
        Close(a.MedianRatioCi, e.MedianRatioCi, "median ratio CI");
        Close(a.MeanLogDiff, e.MeanLogDiff, "mean log difference");
        Close(a.MeanLogDiffCi, e.MeanLogDiffCi, "mean log difference CI");
        a.Months.Select(m => (m.Relative, m.TreatedN, m.ControlN)).ShouldBe(e.Months.Select(m => (m.Relative, m.TreatedN, m.ControlN)));
        foreach (var (am, em) in a.Months.Zip(e.Months))
        {
            Close(am.TreatedMedianSeconds, em.TreatedMedianSeconds, $"month {em.Relative} treated median");
            Close(am.ControlMedianSeconds, em.ControlMedianSeconds, $"month {em.Relative} control median");
        }
    }

    private static void Close(Interval? actual, Interval? expected, string what)
    {
        if (expected is null)
        {
            actual.ShouldBeNull(what);
            return;
        }

        actual.ShouldNotBeNull(what);
        Close(actual.Low, expected.Low, what + " low");
        Close(actual.High, expected.High, what + " high");
    }

    private static void SideShouldAgree(SideStatistics a, SideStatistics e, string where)
    {
        a.N.ShouldBe(e.N, where);
        a.FlaggedExtreme.ShouldBe(e.FlaggedExtreme, where);
        a.Censored.ShouldBe(e.Censored, where);
        Close(a.KmMedianSeconds, e.KmMedianSeconds, where + " Kaplan–Meier median");
        Close(a.MeanSeconds, e.MeanSeconds, where + " mean");
        Close(a.MedianSeconds, e.MedianSeconds, where + " median");
        Close(a.P10Seconds, e.P10Seconds, where + " p10");
        Close(a.P25Seconds, e.P25Seconds, where + " p25");
        Close(a.P75Seconds, e.P75Seconds, where + " p75");
        Close(a.P90Seconds, e.P90Seconds, where + " p90");
        Close(a.P95Seconds, e.P95Seconds, where + " p95");
        Close(a.MinSeconds, e.MinSeconds, where + " min");
        Close(a.MaxSeconds, e.MaxSeconds, where + " max");
        Close(a.SdSeconds, e.SdSeconds, where + " sd");
        Close(a.WithinTarget, e.WithinTarget, where + " within target");
    }

    /// <summary>Equal up to floating-point summation order: a billionth, relative.</summary>
    private static void Close(double? actual, double? expected, string what)
    {
        if (expected is null)
        {
            actual.ShouldBeNull(what);
            return;
        }

        actual.ShouldNotBeNull(what);
        Math.Abs(actual.Value - expected.Value).ShouldBeLessThanOrEqualTo(1e-9 * Math.Max(1, Math.Abs(expected.Value)), what);
    }

    private static string Key(StudyCell cell) => Key(cell.Group);

    private static string Key(IReadOnlyList<GroupValue> group) => string.Join("|", group.Select(g => $"{g.Column}={g.Value ?? "∅"}"));
}

public sealed class The_engine_resolves_zones_beyond_its_first_rows : IAsyncDisposable
{
    private readonly OpenAeoApp app = OpenAeoApp.OnSqlite();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task A_zone_that_first_appears_after_the_sample_is_read_like_any_other()
    {
        // The engine writes the zones of the first 20,000 rows into its query as constants; a zone that appears only
        // later must still be resolved (by reading again with every zone), not rejected.
        var path = Path.Combine(app.DataFolder, "late-zone.csv");
        (await app.Cli("trs", "generate", "--rows", "120000", "--seed", "9", "--out", path)).Exit.ShouldBe(0);
        await File.AppendAllLinesAsync(
            path,
            [
                "LATE1,TW,JP,sea,green,true,false,TW1,USNYC,America/New_York,2019-07-01T08:00:00,2019-07-01 09:00:00,2019-07-01T09:30:00,",
                "LATE2,TW,JP,sea,green,true,false,TW1,MARS,Mars/Base,2019-07-01T08:00:00Z,2019-07-01T09:00:00Z,2019-07-01T09:30:00Z,",
            ]
        );
        var study = The_DuckDB_engine_agrees_with_the_reference_calculation.Study("apec1", ["mode", "channel"]);
        var engine = app.Services.GetRequiredService<StudyEngine>();

        var actual = engine.Run(path, "late-zone.csv", study, null, CancellationToken.None);

        The_DuckDB_engine_agrees_with_the_reference_calculation.ShouldAgree(actual, EdgeCaseEvents.Oracle(path, study));
        actual.Rejected.ShouldHaveSingleItem().ColumnName.ShouldBe("office_tz");
    }
}

public sealed class The_engine_reports_its_progress : IAsyncDisposable
{
    private readonly OpenAeoApp app = OpenAeoApp.OnSqlite();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private sealed class Steps : IProgress<StudyProgress>
    {
        public List<StudyProgress> Seen { get; } = [];

        public void Report(StudyProgress value)
        {
            lock (Seen)
            {
                Seen.Add(value);
            }
        }
    }

    [Fact]
    public async Task From_checking_the_columns_through_reading_the_file_to_done()
    {
        var path = Path.Combine(app.DataFolder, "events.csv");
        (await app.Cli("trs", "generate", "--rows", "1000", "--out", path)).Exit.ShouldBe(0);
        var steps = new Steps();

        app.Services.GetRequiredService<StudyEngine>()
            .Run(
                path,
                "events.csv",
                The_DuckDB_engine_agrees_with_the_reference_calculation.Study("apec1", ["mode"]),
                steps,
                CancellationToken.None
            );

        steps.Seen[0].Step.ShouldBe("Checking columns");
        steps.Seen.ShouldContain(s => s.Step == "Reading events.csv");
        steps.Seen[^1].ShouldBe(new StudyProgress("Done", 100));
        steps.Seen.Where(s => s.Percent is not null).Select(s => s.Percent!.Value).ShouldAllBe(p => p >= 0 && p <= 100);
    }
}
