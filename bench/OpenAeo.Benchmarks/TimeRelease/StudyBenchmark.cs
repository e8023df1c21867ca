using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenAeo.Domain.Shared;
using OpenAeo.Domain.TimeRelease;
using OpenAeo.Platform.Analytics;
using OpenAeo.TimeRelease;

namespace OpenAeo.Benchmarks.TimeRelease;

/// <summary>
/// <c>dotnet run -c Release --project bench/OpenAeo.Benchmarks -- trs [--rows 20000000] [--runs 3]</c>.
/// A plain timed harness rather than BenchmarkDotNet: one run takes tens of seconds on 20 million rows, and peak
/// memory must be the process's resident set (DuckDB allocates natively), so every measurement runs in a fresh
/// child process that reports its wall time and its peak RSS (VmHWM). OpenAeo (the full <c>apec1</c> study by mode ×
/// channel × origin, written as the spec's JSON) and the hand-written DuckDB query (<c>HandWritten.sql</c>) take
/// turns on the same generated file, CSV then Parquet, and the medians are compared — after checking that both gave
/// the same cells, counts and statistics (<see cref="Summary"/>), so the peer cannot win by doing less. Each child first runs its method
/// once on a 1,000-row file of the same format, so one-time costs (JIT, first use of the JSON serializer) are not
/// counted against either side: the figure is a study's cost in a running server.
/// <para>
/// <c>… -- trs --partitioned [--rows 100000000]</c>: the national-scale case of issue 16 item 7 — a folder of Parquet
/// files in hive partitions by month (<c>events-…-by-month/month=2019-05/…</c>) read through a glob, OpenAeo's exact
/// study next to the hand-written query and next to OpenAeo's <c>--approximate</c> quantiles (ADR 0045), each with its
/// peak memory, against DuckDB's memory limit.
/// </para>
/// </summary>
internal static class StudyBenchmark
{
    private const string ByMonth = "parquet by month";

    private static readonly string Folder = Environment.GetEnvironmentVariable("OPENAEO_BENCH_DIR") is { Length: > 0 } dir
        ? dir
        : Path.Combine(Path.GetTempPath(), "openaeo-bench-trs");

    public static int Run(string[] args)
    {
        var partitioned = args.Contains("--partitioned");
        var rows = Option(args, "--rows", partitioned ? 100_000_000L : 20_000_000L);
        var runs = (int)Option(args, "--runs", partitioned ? 1L : 3L);
        string[] formats = partitioned ? [ByMonth] : ["csv", "parquet"];
        Directory.CreateDirectory(Folder);
        var analytics = Analytics();
        foreach (var format in formats)
        {
            _ = Generated(analytics, format, 1_000, seed: 2, "warmup");
        }

        var files = formats.Select(format => Generated(analytics, format, rows, seed: 1, $"events-{rows}-seed1")).ToList();
        string[] methods = partitioned ? ["openaeo", "handwritten", Approximate] : ["openaeo", "handwritten", Rigour];

        Console.WriteLine($"Load before: {Load()}; {Environment.ProcessorCount} cores; memory limit {Memory(analytics)}");
        var results = new List<(string Format, string Method, double Seconds, double PeakMb)>();
        var summaries = new List<(string Format, string Method, Summary Summary)>();
        foreach (var file in files)
        {
            var format = FormatOf(file);
            for (var run = 0; run < runs; run++)
            {
                // Alternate who goes first, so neither always runs on a cold (or warm) page cache.
                var order = run % 2 == 0 ? methods : [.. methods.Reverse()];
                foreach (var method in order)
                {
                    var (seconds, peak, summary) = Child(method, file);
                    results.Add((format, method, seconds, peak));
                    summaries.Add((format, method, summary));
                    Console.WriteLine($"  {format, -7} {method, -14} run {run + 1}: {seconds, 7:N2} s, peak RSS {peak, 7:N0} MB");
                }
            }
        }

        Console.WriteLine($"Load after: {Load()}");
        foreach (var format in formats)
        {
            var openaeo = summaries.First(r => r.Format == format && r.Method == "openaeo").Summary;
            var handwritten = summaries.First(r => r.Format == format && r.Method == "handwritten").Summary;
            if (!openaeo.Agrees(handwritten))
            {
                Console.WriteLine(
                    $"The two sides disagree on {format}: OpenAeo {openaeo}, hand-written {handwritten}; their times are not comparable."
                );
                return 1;
            }

            Console.WriteLine($"{format}: both sides give the same cells, n, data-quality counts and statistics ({openaeo}).");
        }

        if (partitioned)
        {
            return ReportPartitioned(rows, runs, results, summaries, Memory(analytics));
        }

        Console.WriteLine();
        Console.WriteLine(
            $"| {rows:N0} declarations, apec1 by mode × channel × origin | OpenAeo (s) | hand-written DuckDB (s) | "
                + "ratio | OpenAeo peak RSS (MB) | hand-written peak RSS (MB) |"
        );
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var format in formats)
        {
            double Median(string method, Func<(string Format, string Method, double Seconds, double PeakMb), double> pick) =>
                MedianOf(results, format, method, pick);

            var openaeo = Median("openaeo", r => r.Seconds);
            var handwritten = Median("handwritten", r => r.Seconds);
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {format} (median of {runs}) | {openaeo:N2} | {handwritten:N2} | {openaeo / handwritten:N2} "
                        + $"| {Median("openaeo", r => r.PeakMb):N0} | {Median("handwritten", r => r.PeakMb):N0} |"
                )
            );
        }

        Console.WriteLine();
        Console.WriteLine(
            $"| {rows:N0} declarations, the same study | without intervals (s) | with 95 % intervals, 1,000 "
                + "replicates and DiD aeo=true (s) | ratio | peak RSS without (MB) | peak RSS with (MB) |"
        );
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var format in formats)
        {
            double Median(string method, Func<(string Format, string Method, double Seconds, double PeakMb), double> pick) =>
                MedianOf(results, format, method, pick);

            var without = Median("openaeo", r => r.Seconds);
            var with = Median(Rigour, r => r.Seconds);
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {format} (median of {runs}) | {without:N2} | {with:N2} | {with / without:N2} | "
                        + $"{Median("openaeo", r => r.PeakMb):N0} | {Median(Rigour, r => r.PeakMb):N0} |"
                )
            );
        }

        return 0;
    }

    /// <summary>
    /// The 100-million-row table: exact and approximate quantiles next to the hand-written query. The approximate study
    /// is held to the same counts; its p95 sum is compared with the exact one's as a relative difference (ADR 0045 bounds
    /// each quantile by 0.25 % + 0.5 s, so the sum cannot move more).
    /// </summary>
    private static int ReportPartitioned(
        long rows,
        int runs,
        List<(string Format, string Method, double Seconds, double PeakMb)> results,
        List<(string Format, string Method, Summary Summary)> summaries,
        string memoryLimit
    )
    {
        var exact = summaries.First(r => r.Method == "openaeo").Summary;
        var approximate = summaries.First(r => r.Method == Approximate).Summary;
        if (!exact.Counts.SequenceEqual(approximate.Counts))
        {
            Console.WriteLine($"The approximate study counts differently: {approximate} vs {exact}.");
            return 1;
        }

        double Median(string method, Func<(string Format, string Method, double Seconds, double PeakMb), double> pick) =>
            MedianOf(results, ByMonth, method, pick);

        var handwritten = Median("handwritten", r => r.Seconds);
        var p95Difference = Math.Abs(approximate.Sums[1] - exact.Sums[1]) / exact.Sums[1];
        Console.WriteLine();
        Console.WriteLine(
            $"| {rows:N0} declarations in monthly Parquet partitions, apec1 by mode × channel × origin (median of "
                + $"{runs}; DuckDB memory limit {memoryLimit}) | time (s) | ratio to hand-written | peak RSS (MB) |"
        );
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (
            var (method, label) in new[]
            {
                ("handwritten", "hand-written DuckDB query"),
                ("openaeo", "OpenAeo, exact quantiles"),
                (Approximate, "OpenAeo, --approximate"),
            }
        )
        {
            var seconds = Median(method, r => r.Seconds);
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {label} | {seconds:N2} | {seconds / handwritten:N2} | {Median(method, r => r.PeakMb):N0} |"
                )
            );
        }

        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"Approximate vs exact: same counts; sum of the cells' p95 differs by {p95Difference:P4}."
            )
        );
        return 0;
    }

    /// <summary>A generated input of the format, cached by name; written under a temporary name first, so an interrupted generation is
    /// never taken for a cached one.</summary>
    private static string Generated(AnalyticsDatabase analytics, string format, long rows, long seed, string name)
    {
        var byMonth = format == ByMonth;
        var path = Path.Combine(Folder, byMonth ? $"{name}-by-month" : $"{name}.{format}");
        if (!(byMonth ? Directory.Exists(path) : File.Exists(path)))
        {
            Console.WriteLine($"Generating {rows:N0} declarations as {format} in {path} (cached for later runs)…");
            var watch = Stopwatch.StartNew();
            var partial = Path.Combine(Folder, $"partial-{Path.GetFileName(path)}");
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }

            GenerateEvents.Run(analytics, partial, rows, seed, new DateOnly(2019, 5, 22), CancellationToken.None, byMonth);
            if (byMonth)
            {
                Directory.Move(partial, path);
            }
            else
            {
                File.Move(partial, path);
            }

            var bytes = byMonth
                ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
                : new FileInfo(path).Length;
            Console.WriteLine($"  {watch.Elapsed.TotalSeconds:N0} s, {bytes / 1e9:N2} GB");
        }

        return byMonth ? Path.Combine(path, "**", "*.parquet") : path;
    }

    private static string FormatOf(string file) =>
        file.Contains("**", StringComparison.Ordinal) ? ByMonth : Path.GetExtension(file).TrimStart('.');

    private static double MedianOf(
        List<(string Format, string Method, double Seconds, double PeakMb)> results,
        string format,
        string method,
        Func<(string Format, string Method, double Seconds, double PeakMb), double> pick
    )
    {
        var values = results.Where(r => r.Format == format && r.Method == method).Select(pick).Order().ToList();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    /// <summary>One measurement, in this process: called as <c>trs-one METHOD FILE</c> by <see cref="Child"/>.</summary>
    public static int One(string method, string file)
    {
        var analytics = Analytics();
        var warmup =
            FormatOf(file) == ByMonth
                ? Path.Combine(Folder, "warmup-by-month", "**", "*.parquet")
                : Path.Combine(Folder, "warmup" + Path.GetExtension(file));
        Summary Measure(string path) =>
            method switch
            {
                "openaeo" => OpenAeo(analytics, path, rigour: false),
                Rigour => OpenAeo(analytics, path, rigour: true),
                Approximate => OpenAeo(analytics, path, rigour: false, approximate: true),
                _ => HandWritten(analytics, path),
            };

        _ = Measure(warmup);
        var watch = Stopwatch.StartNew();
        var summary = Measure(file);
        watch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {watch.Elapsed.TotalSeconds} {PeakRssMb()} {summary}"));
        return 0;
    }

    /// <summary>The same study with its 95 % intervals (1,000 replicates over importers) and a difference-in-differences of AEO
    /// importers.</summary>
    private const string Rigour = "openaeo-rigour";

    /// <summary>The same study with quantiles read off the duration histogram (ADR 0045), for the partitioned case.</summary>
    private const string Approximate = "openaeo-approx";

    /// <param name="rigour">False: <c>--bootstrap 0</c>, the study the hand-written query also computes (no second pass).</param>
    private static Summary OpenAeo(AnalyticsDatabase analytics, string file, bool rigour, bool approximate = false)
    {
        var study = new StudyRequest(
            "apec1",
            ["mode", "channel", "origin"],
            "2019-05-22",
            null,
            "2018-10-12",
            "2019-12-31",
            null,
            null,
            null,
            false,
            "Asia/Taipei",
            Bootstrap: rigour ? 1000 : 0,
            Treated: rigour ? "aeo=true" : null,
            Approximate: approximate
        )
            .ToDefinition([])
            .Value!;
        var input = RunStudy.Describe(file, Path.GetFileName(file), sha256: null);
        var result = RunStudy.Execute(
            new StudyEngine(analytics),
            file,
            input,
            study,
            strict: false,
            progress: null,
            CancellationToken.None
        );
        using var output = File.Create(Path.Combine(Folder, "openaeo-result.json"));
        JsonSerializer.Serialize(output, result, ReportDocument.Json);
        var q = result.DataQuality;
        var sides = result.Cells.SelectMany(c => new[] { c.Before, c.After }).Where(side => side.N > 0).ToList();
        return new Summary(
            [
                result.Cells.Count,
                sides.Sum(side => side.N),
                q.Rows,
                q.RejectedRows,
                q.MissingStart,
                // The hand-written query drops a declaration without release as missing; OpenAeo counts it as censored (ADR 0034).
                q.MissingEnd + q.Censored,
                q.Negative,
                q.NoPeriod,
                q.FlaggedExtreme,
            ],
            [
                sides.Sum(side => side.N * side.MeanSeconds!.Value),
                sides.Sum(side => side.P95Seconds!.Value),
                sides.Sum(side => side.SdSeconds ?? 0),
            ]
        );
    }

    private static Summary HandWritten(AnalyticsDatabase analytics, string file)
    {
        var parquet = file.EndsWith(".parquet", StringComparison.Ordinal);
        var source = parquet
            ? $"read_parquet({AnalyticsDatabase.Literal(file)})"
            : $"read_csv({AnalyticsDatabase.Literal(file)}, header = true, auto_detect = false, columns = {{"
                + string.Join(", ", TimeReleaseEvents.Columns.Select(c => $"'{c}': 'VARCHAR'"))
                + "})";
        string Instant(string column) => parquet ? column : $"try_cast({column} AS TIMESTAMPTZ)";
        var sql = EmbeddedSql.Fill(
            EmbeddedSql.Sections(typeof(StudyBenchmark), "HandWritten.sql")["study"],
            new Dictionary<string, string>
            {
                ["source"] = source,
                ["lodged"] = Instant("lodged_at"),
                ["released"] = Instant("released_at"),
            }
        );
        using var connection = analytics.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var groups = new HashSet<string>();
        long n = 0,
            rows = 0,
            rejected = 0,
            missingStart = 0,
            missingEnd = 0,
            negative = 0,
            noPeriod = 0,
            extreme = 0;
        double sum = 0,
            p95 = 0,
            sd = 0;
        long Count(string column) => Convert.ToInt64(reader[column], CultureInfo.InvariantCulture);
        while (reader.Read())
        {
            rows += Count("rows");
            rejected += Count("rejected");
            missingStart += Count("missing_start");
            missingEnd += Count("missing_end");
            negative += Count("negative");
            noPeriod += Count("no_period");
            if (reader["period"] is DBNull || Count("n") == 0)
            {
                continue;
            }

            groups.Add($"{reader.GetValue(0)}|{reader.GetValue(1)}|{reader.GetValue(2)}");
            n += Count("n");
            extreme += Count("extreme");
            sum += Count("n") * Convert.ToDouble(reader["mean_us"], CultureInfo.InvariantCulture) / Statistics.MicrosPerSecond;
            p95 +=
                Convert.ToDouble(((System.Collections.IList)reader["quantiles_us"])[5], CultureInfo.InvariantCulture)
                / Statistics.MicrosPerSecond;
            sd +=
                reader["sd_us"] is DBNull
                    ? 0
                    : Convert.ToDouble(reader["sd_us"], CultureInfo.InvariantCulture) / Statistics.MicrosPerSecond;
        }

        return new Summary([groups.Count, n, rows, rejected, missingStart, missingEnd, negative, noPeriod, extreme], [sum, p95, sd]);
    }

    /// <summary>
    /// What both sides computed, in a few numbers (cells, n, the data-quality counts, and sums of n × mean, p95 and sd over
    /// the cells), so the harness can refuse to compare times of two computations that do not give the same result.
    /// </summary>
    private sealed record Summary(long[] Counts, double[] Sums)
    {
        public override string ToString() =>
            string.Join(",", Counts.Select(c => c.ToString(CultureInfo.InvariantCulture)))
            + ";"
            + string.Join(",", Sums.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

        public static Summary Parse(string text)
        {
            var parts = text.Split(';');
            return new Summary(
                [.. parts[0].Split(',').Select(v => long.Parse(v, CultureInfo.InvariantCulture))],
                [.. parts[1].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture))]
            );
        }

        /// <summary>Counts exactly; sums to a relative 1e-9, since DuckDB's parallel sums may add in another order.</summary>
        public bool Agrees(Summary other) =>
            Counts.SequenceEqual(other.Counts)
            && Sums.Zip(other.Sums).All(p => Math.Abs(p.First - p.Second) <= 1e-9 * Math.Max(1, Math.Abs(p.First)));
    }

    private static (double Seconds, double PeakMb, Summary Summary) Child(string method, string file)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(StudyBenchmark).Assembly.Location);
        }

        foreach (var arg in new[] { "trs-one", method, file })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{method} on {file} failed (exit {process.ExitCode}):\n{output}");
        var parts = line.Split(' ');
        return (
            double.Parse(parts[1], CultureInfo.InvariantCulture),
            double.Parse(parts[2], CultureInfo.InvariantCulture),
            Summary.Parse(parts[3].Trim())
        );
    }

    private static AnalyticsDatabase Analytics() =>
        new(Options.Create(new AnalyticsOptions { TempDirectory = Path.Combine(Folder, "spill") }));

    private static string Memory(AnalyticsDatabase analytics)
    {
        using var connection = analytics.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('memory_limit')";
        return command.ExecuteScalar()?.ToString() ?? "?";
    }

    /// <summary>The process's peak resident set (VmHWM), in MB: native DuckDB memory included.</summary>
    private static long PeakRssMb()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null
            ? -1
            : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static long Option(string[] args, string name, long fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? long.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
