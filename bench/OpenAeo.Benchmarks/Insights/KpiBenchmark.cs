using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using OpenAeo.Clearance;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Insights;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Insights;
using OpenAeo.Platform.Analytics;
using OpenAeo.Platform.Files;

namespace OpenAeo.Benchmarks.Insights;

/// <summary>
/// <c>dotnet run -c Release --project bench/OpenAeo.Benchmarks -- insights [--rows 1000000] [--runs 3]</c>: the border
/// KPIs over a declarations export of generated traffic (a year of declarations in the export's columns), OpenAeo's
/// query (<c>BorderKpis.sql</c>, through <see cref="BorderKpiEngine"/>) against a plain hand-written DuckDB query
/// (<c>HandWrittenKpis.sql</c>) computing the same cells, taking turns in one process on the same file. No ratio is printed
/// unless both give the same cells (counts exactly, medians to 1e-9).
/// </summary>
internal static class KpiBenchmark
{
    private static readonly Lane[] Lanes = Enum.GetValues<Lane>();

    public static int Run(string[] args)
    {
        var rows = (int)Option(args, "--rows", 1_000_000);
        var runs = (int)Option(args, "--runs", 3);
        var folder = Path.Combine(Path.GetTempPath(), "openaeo-bench-insights");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"export-{rows}-seed1.csv");
        if (!File.Exists(path))
        {
            var watch = Stopwatch.StartNew();
            Generate(path + ".partial", rows, seed: 1);
            File.Move(path + ".partial", path);
            Console.WriteLine(
                $"Generated {rows:N0} declarations in {path} ({new FileInfo(path).Length / 1e6:N0} MB, {watch.Elapsed.TotalSeconds:N1} s)"
            );
        }

        var analytics = new AnalyticsDatabase(Options.Create(new AnalyticsOptions()));
        var engine = new BorderKpiEngine(analytics);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");
        var period = new KpiPeriod(new Month(2026, 1), new Month(2026, 12));
        var sections = EmbeddedSql.Sections(typeof(KpiBenchmark), "HandWrittenKpis.sql");
        var handWrittenSql = EmbeddedSql.Fill(
            sections["cells"],
            new Dictionary<string, string> { ["path"] = AnalyticsDatabase.Literal(path) }
        );

        var times = new Dictionary<string, List<double>> { ["openaeo"] = [], ["handwritten"] = [] };
        IReadOnlyList<BorderKpis.Cell>? ours = null,
            theirs = null;
        Console.WriteLine($"{Environment.ProcessorCount} cores; load {File.ReadAllText("/proc/loadavg").Trim()}");
        for (var run = 0; run < runs; run++)
        {
            foreach (var method in run % 2 == 0 ? new[] { "openaeo", "handwritten" } : ["handwritten", "openaeo"])
            {
                var watch = Stopwatch.StartNew();
                if (method == "openaeo")
                {
                    ours = engine.Cells(path, "TW", period, zone);
                }
                else
                {
                    theirs = HandWritten(analytics, handWrittenSql);
                }

                times[method].Add(watch.Elapsed.TotalSeconds);
                Console.WriteLine($"  {method, -11} run {run + 1}: {watch.Elapsed.TotalSeconds, 6:N2} s");
            }
        }

        var differences = Compare(ours!, theirs!);
        if (differences.Count > 0)
        {
            Console.WriteLine("The two queries disagree; no ratio:");
            differences.Take(10).ToList().ForEach(d => Console.WriteLine("  " + d));
            return 1;
        }

        var a = Median(times["openaeo"]);
        var b = Median(times["handwritten"]);
        Console.WriteLine(
            $"Same {ours!.Count} cells from both. Median of {runs}: OpenAeo {a:N2} s, hand-written DuckDB {b:N2} "
                + $"s; ratio OpenAeo / hand-written = {a / b:N2}"
        );
        return 0;
    }

    private static List<BorderKpis.Cell> HandWritten(AnalyticsDatabase analytics, string sql)
    {
        using var connection = analytics.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var cells = new List<BorderKpis.Cell>();
        while (reader.Read())
        {
            cells.Add(BorderKpiEngine.Read(reader));
        }

        return cells;
    }

    private static List<string> Compare(IReadOnlyList<BorderKpis.Cell> ours, IReadOnlyList<BorderKpis.Cell> theirs)
    {
        var differences = new List<string>();
        var byKey = theirs.ToDictionary(c => (c.Month ?? "", c.Group));
        if (ours.Count != theirs.Count)
        {
            differences.Add($"{ours.Count} cells against {theirs.Count}");
        }

        foreach (var c in ours)
        {
            if (!byKey.TryGetValue((c.Month ?? "", c.Group), out var t))
            {
                differences.Add($"{c.Month} {c.Group}: missing from the hand-written query");
                continue;
            }

            var sameMedian =
                c.MedianReleaseMicros is null == t.MedianReleaseMicros is null
                && (c.MedianReleaseMicros is not double m || Math.Abs(m - t.MedianReleaseMicros!.Value) <= 1e-9 * Math.Max(1, Math.Abs(m)));
            if ((c with { MedianReleaseMicros = null }) != (t with { MedianReleaseMicros = null }) || !sameMedian)
            {
                differences.Add($"{c} against {t}");
            }
        }

        return differences;
    }

    /// <summary>A year of import traffic in the export's columns: a third from AEO importers, a sixth of consignors recognised under three
    /// MRAs.</summary>
    private static void Generate(string path, int rows, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero);
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 20);
        writer.Write(CsvOutput.Line(ExportDeclarations.Columns));
        var cells = new string?[ExportDeclarations.Columns.Length];
        for (var i = 0; i < rows; i++)
        {
            var lodged = start.AddSeconds(random.Next(0, 365 * 86_400));
            var aeo = random.Next(3) == 0;
            var lane = aeo
                ? (
                    random.Next(100) < 3 ? Lane.Red
                    : random.Next(100) < 15 ? Lane.Yellow
                    : Lane.Green
                )
                : Lanes[random.Next(Lanes.Length)];
            var recognised = random.Next(6) == 0;
            DateTimeOffset? released =
                random.Next(50) == 0 ? null : lodged.AddSeconds(random.Next(60, lane == Lane.Red ? 3 * 86_400 : 6 * 3_600));
            static string? Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            cells[0] = $"B{seed}-{i:00000000}";
            cells[1] = "TW";
            cells[2] = recognised ? "JP" : "CN";
            cells[3] = "sea";
            cells[4] = ExportDeclarations.Channel(lane);
            cells[5] = aeo ? "true" : "false";
            cells[6] = random.Next(2) == 0 ? "true" : "false";
            cells[7] = $"TW{random.Next(1, 5000):00000000}";
            cells[8] = "TPE";
            cells[9] = "Asia/Taipei";
            cells[10] = null;
            cells[11] = Time(lodged);
            cells[12] = Time(released);
            cells[13] = null;
            cells[14] = lane.ToString();
            cells[15] = cells[5];
            cells[16] =
                recognised ? nameof(RecognitionResult.RecognisedUnderMra)
                : random.Next(3) == 0 ? nameof(RecognitionResult.NotAeo)
                : "";
            cells[17] = recognised ? $"MRA-{random.Next(3, 6)}" : "";
            cells[18] = random.Next(50) == 0 ? "true" : "false";
            cells[19] = random.Next(20) == 0 ? "1" : "0";
            writer.Write(CsvOutput.Line(cells));
        }
    }

    private static double Median(List<double> values) =>
        Domain.TimeRelease.Statistics.Quantile([.. values.Select(v => (long)(v * 1e6)).Order()], 0.5) / 1e6;

    private static long Option(string[] args, string name, long fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && long.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
