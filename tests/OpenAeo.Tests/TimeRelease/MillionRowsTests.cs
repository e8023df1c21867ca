using Microsoft.Extensions.Options;
using OpenAeo.Platform.Analytics;
using OpenAeo.TimeRelease;

namespace OpenAeo.Tests.TimeRelease;

/// <summary>
/// A national-scale study in the test suite: a million generated declarations (about 170 MB of CSV), studied by
/// DuckDB under a memory limit smaller than the file, and checked against the reference calculation.
/// </summary>
public sealed class A_million_declarations : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("openaeo-trs-million-").FullName;
    private readonly OpenAeoApp app = OpenAeoApp.OnSqlite();

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Are_studied_by_mode_channel_and_origin_out_of_core_exactly_as_the_reference_calculation_does()
    {
        var path = Path.Combine(folder, "million.csv");
        await app.TrsGenerate(path, 1_000_000, 2019);
        var limit = new AnalyticsOptions
        {
            MemoryLimit = "96MB",
            TempDirectory = Path.Combine(folder, "spill"),
            Threads = 2,
        };
        new FileInfo(path).Length.ShouldBeGreaterThan(96L << 20, "the point is a file larger than the engine's memory");
        var engine = new StudyEngine(new AnalyticsDatabase(Options.Create(limit)));
        var study = The_DuckDB_engine_agrees_with_the_reference_calculation.Study("apec1", ["mode", "channel", "origin"], target: "1h");

        var actual = engine.Run(path, "million.csv", study, null, CancellationToken.None);
        var expected = EdgeCaseEvents.Oracle(path, study);

        The_DuckDB_engine_agrees_with_the_reference_calculation.ShouldAgree(actual, expected);
        actual.DataQuality.Rows.ShouldBe(1_000_000);
        actual.Cells.Count.ShouldBe(5 * 3 * 10);
        actual.DataQuality.Censored.ShouldBeGreaterThan(
            0,
            "lodged and never released: censored at the end of the data, with Kaplan–Meier medians"
        );
        actual.DataQuality.Negative.ShouldBeGreaterThan(0);
        actual.DataQuality.FlaggedExtreme.ShouldBeGreaterThan(0);
    }
}
