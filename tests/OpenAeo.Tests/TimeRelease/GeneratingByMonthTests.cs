using System.Globalization;
using OpenAeo.Platform.Analytics;
using OpenAeo.TimeRelease;

namespace OpenAeo.Tests.TimeRelease;

/// <summary>
/// <c>openaeo trs generate --by-month</c>: the folder of monthly Parquet partitions a national study reads (issue 16
/// item 7, and the input of the 100-million-row benchmark).
/// </summary>
public sealed class Generating_events_by_month : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("openaeo-trs-by-month-").FullName;
    private readonly OpenAeoApp app = OpenAeoApp.OnSqlite();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Writes_one_partition_per_local_month_of_lodgement_and_a_study_on_it_equals_the_study_on_one_file()
    {
        var byMonth = Path.Combine(folder, "by-month");
        var single = Path.Combine(folder, "events.parquet");
        var (exit, _, error) = await app.Cli("trs", "generate", "--rows", "6000", "--seed", "7", "--by-month", "--out", byMonth);
        exit.ShouldBe(0, error);
        (await app.Cli("trs", "generate", "--rows", "6000", "--seed", "7", "--out", single)).Exit.ShouldBe(0);

        // Lodgements run from 12 October 2018 to 31 December 2019 in Taipei: fifteen months, each a hive folder.
        Directory
            .GetDirectories(byMonth)
            .Select(Path.GetFileName)
            .Order()
            .ShouldBe([
                .. Enumerable
                    .Range(0, 15)
                    .Select(m => new DateOnly(2018, 10, 1).AddMonths(m).ToString("'month='yyyy-MM", CultureInfo.InvariantCulture)),
            ]);
        var glob = Path.Combine(byMonth, "**", "*.parquet");
        // The month is the office's (Taipei, UTC+8): a declaration lodged at 20:00 UTC on the last day of a month is in the next one.
        Scalar(
                $"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = true) "
                    + "WHERE strftime(timezone('Asia/Taipei', lodged_at), '%Y-%m') <> month"
            )
            .ShouldBe(0L);
        Scalar(
                $"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = true) "
                    + "WHERE strftime(timezone('UTC', lodged_at), '%Y-%m') <> month"
            )
            .ShouldBeGreaterThan(0L, "some lodgements fall on a month's last evening in UTC");
        Scalar($"SELECT count(*) FROM read_parquet('{glob}')").ShouldBe(6000L);

        // The same study, intervals and difference-in-differences included, on the folder and on the one file: equal up to
        // the order in which DuckDB's parallel sums add (the tolerance of the engine-vs-reference comparison).
        var study = The_DuckDB_engine_agrees_with_the_reference_calculation.Study(
            "apec1",
            ["mode", "channel"],
            treated: "aeo=true",
            seed: 4
        );
        var engine = app.Services.GetRequiredService<StudyEngine>();
        var fromFolder = engine.Run(glob, "by-month/**/*.parquet", study, null, CancellationToken.None);
        var fromFile = engine.Run(single, "events.parquet", study, null, CancellationToken.None);

        fromFolder.Did.ShouldNotBeNull();
        fromFolder.Cells.ShouldAllBe(c => c.Ci != null);
        The_DuckDB_engine_agrees_with_the_reference_calculation.ShouldAgree(fromFolder, fromFile);
    }

    private long Scalar(string sql)
    {
        using var connection = app.Services.GetRequiredService<AnalyticsDatabase>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
