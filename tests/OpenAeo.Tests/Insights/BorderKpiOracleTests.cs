using System.Globalization;
using Microsoft.Extensions.Options;
using OpenAeo.Clearance;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Insights;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Insights;
using OpenAeo.Platform.Analytics;
using OpenAeo.Platform.Files;

namespace OpenAeo.Tests.Insights;

/// <summary>The DuckDB border query gives exactly the cells of the domain's reference definition, on generated exports.</summary>
public sealed class The_border_KPI_query
{
    private static readonly Lane[] Lanes = Enum.GetValues<Lane>();

    private static List<KpiDeclaration> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero);
        var result = new List<KpiDeclaration>();
        for (var i = 0; i < count; i++)
        {
            // Lodgements cluster around month ends so the zone decides the month of many of them.
            var lodged =
                random.Next(4) == 0
                    ? new DateTimeOffset(2026, random.Next(1, 7), 1, 0, 0, 0, TimeSpan.Zero)
                        .AddMinutes(random.Next(-20 * 60, 20 * 60))
                        .AddTicks(random.Next(10_000_000))
                    : start.AddSeconds(random.Next(0, 190 * 86_400)).AddTicks(random.Next(10_000_000) / 10 * 10);
            lodged = new DateTimeOffset(lodged.Ticks / 10 * 10, TimeSpan.Zero);
            DateTimeOffset? released =
                random.Next(20) == 0 ? null : lodged.AddSeconds(random.Next(-600, 5 * 86_400)).AddTicks(random.Next(1_000_000) * 10);
            var recognition = random.Next(5) switch
            {
                0 => RecognitionResult.RecognisedUnderMra,
                1 => RecognitionResult.KnownForeignAeo,
                2 => (RecognitionResult?)null,
                _ => RecognitionResult.NotAeo,
            };
            var mra = recognition == RecognitionResult.RecognisedUnderMra ? $"MRA-{random.Next(3, 6)}" : null;
            result.Add(
                new KpiDeclaration(
                    lodged,
                    released,
                    Lanes[random.Next(Lanes.Length)],
                    random.Next(3) == 0,
                    random.Next(2) == 0,
                    recognition,
                    mra,
                    random.Next(50) == 0,
                    random.Next(10) == 0 ? random.Next(1, 3) : 0,
                    random.Next(30) == 0 ? null : $"TW{random.Next(1, 400):00000000}"
                )
            );
        }

        return result;
    }

    /// <summary>The rows as <c>declarations export</c> writes them (instants to the microsecond, in UTC).</summary>
    private static string Export(IReadOnlyList<KpiDeclaration> declarations)
    {
        var path = Path.Combine(Path.GetTempPath(), $"openaeo-kpi-oracle-{Guid.NewGuid():N}.csv");
        using var writer = new StreamWriter(path);
        writer.Write(CsvOutput.Line(ExportDeclarations.Columns));
        var n = 0;
        foreach (var d in declarations)
        {
            static string? Time(DateTimeOffset? at) =>
                at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
            writer.Write(
                CsvOutput.Line([
                    $"D{n++}",
                    "TW",
                    "JP",
                    "sea",
                    ExportDeclarations.Channel(d.Lane),
                    d.ImporterAeo ? "true" : "false",
                    d.Sme ? "true" : "false",
                    d.ImporterTin,
                    "TPE",
                    "Asia/Taipei",
                    null,
                    Time(d.LodgedAt),
                    Time(d.ReleasedAt),
                    null,
                    d.Lane.ToString(),
                    d.ImporterAeo ? "true" : "false",
                    d.ConsignorRecognition?.ToString() ?? "",
                    d.ConsignorMra ?? "",
                    d.RandomlySelected ? "true" : "false",
                    d.OgaWaivers.ToString(CultureInfo.InvariantCulture),
                    // Every column the export writes, the e-commerce platform included (the query once listed one fewer and
                    // refused every real export with a platform on it).
                    n % 7
                    == 0
                        ? "TW00000006"
                        : null,
                ])
            );
        }

        return path;
    }

    [Theory]
    [InlineData(1, "Asia/Taipei")]
    [InlineData(2, "America/Santiago")]
    [InlineData(3, "UTC")]
    public void Gives_the_cells_of_the_reference_definition(int seed, string zoneId)
    {
        var declarations = Generate(seed, 5_000);
        var path = Export(declarations);
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            var period = new KpiPeriod(new Month(2026, 1), new Month(2026, 5));
            var engine = new BorderKpiEngine(new AnalyticsDatabase(Options.Create(new AnalyticsOptions())));

            var actual = engine.Cells(path, "TW", period, zone);
            var expected = BorderKpis.Cells(declarations, period, zone);

            actual
                .Select(c => (c.Month, c.Group))
                .OrderBy(k => k.Month ?? "~", StringComparer.Ordinal)
                .ThenBy(k => k.Group, StringComparer.Ordinal)
                .ShouldBe(
                    expected
                        .Select(c => (c.Month, c.Group))
                        .OrderBy(k => k.Month ?? "~", StringComparer.Ordinal)
                        .ThenBy(k => k.Group, StringComparer.Ordinal)
                );
            expected.Count.ShouldBeGreaterThan(50);
            foreach (var e in expected)
            {
                var a = actual.Single(c => c.Month == e.Month && c.Group == e.Group);
                (a with { MedianReleaseMicros = null }).ShouldBe(e with { MedianReleaseMicros = null }, $"{e.Month} {e.Group}");
                if (e.MedianReleaseMicros is double median)
                {
                    a.MedianReleaseMicros.ShouldNotBeNull();
                    Math.Abs(a.MedianReleaseMicros.Value - median)
                        .ShouldBeLessThanOrEqualTo(1e-9 * Math.Max(1, Math.Abs(median)), $"{e.Month} {e.Group}");
                }
                else
                {
                    a.MedianReleaseMicros.ShouldBeNull();
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reads_only_the_programme_s_own_declarations_and_months()
    {
        var declarations = Generate(4, 500);
        var path = Export(declarations);
        try
        {
            var engine = new BorderKpiEngine(new AnalyticsDatabase(Options.Create(new AnalyticsOptions())));
            var period = new KpiPeriod(new Month(2026, 2), new Month(2026, 2));
            engine.Cells(path, "JP", period, TimeZoneInfo.Utc).ShouldBeEmpty();
            var all = engine.Cells(path, "TW", period, TimeZoneInfo.Utc).Single(c => c.Month is null && c.Group == BorderKpis.Everyone);
            all.Declarations.ShouldBe(declarations.Count(d => d.LodgedAt.UtcDateTime is { Year: 2026, Month: 2 }));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
