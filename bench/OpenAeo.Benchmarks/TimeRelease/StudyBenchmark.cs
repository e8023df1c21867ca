using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
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
/// turns on the same generated file, CSV then Parquet, and the medians are compared. Each child first runs its method
/// once on a 1,000-row file of the same format, so one-time costs (JIT, first use of the JSON serializer) are not
/// counted against either side: the figure is a study's cost in a running server.
/// </summary>
internal static class StudyBenchmark
{
    private static readonly string[] Formats = ["csv", "parquet"];

    private static readonly string Folder = Environment.GetEnvironmentVariable("OPENAEO_BENCH_DIR") is { Length: > 0 } dir
        ? dir
        : Path.Combine(Path.GetTempPath(), "openaeo-bench-trs");

    public static int Run(string[] args)
    {
        var rows = Option(args, "--rows", 20_000_000L);
        var runs = (int)Option(args, "--runs", 3L);
        Directory.CreateDirectory(Folder);
        var analytics = Analytics();
        foreach (var format in Formats)
        {
            var warmup = Path.Combine(Folder, $"warmup.{format}");
            if (!File.Exists(warmup))
            {
                GenerateEvents.Run(analytics, warmup, 1_000, seed: 2, new DateOnly(2019, 5, 22), CancellationToken.None);
            }
        }

        var files = Formats.Select(format =>
        {
            var path = Path.Combine(Folder, $"events-{rows}-seed1.{format}");
            if (!File.Exists(path))
            {
                Console.WriteLine($"Generating {rows:N0} declarations as {format} in {path} (cached for later runs)…");
                var watch = Stopwatch.StartNew();
                // Written under a temporary name first (keeping the extension, which picks the format), so an interrupted
                // generation is never taken for a cached file.
                var partial = Path.Combine(Folder, $"partial-{Path.GetFileName(path)}");
                GenerateEvents.Run(analytics, partial, rows, seed: 1, new DateOnly(2019, 5, 22), CancellationToken.None);
                File.Move(partial, path);
                Console.WriteLine($"  {watch.Elapsed.TotalSeconds:N0} s, {new FileInfo(path).Length / 1e9:N2} GB");
            }

            return path;
        }).ToList();

        Console.WriteLine($"Load before: {Load()}; {Environment.ProcessorCount} cores; memory limit {Memory(analytics)}");
        var results = new List<(string Format, string Method, double Seconds, double PeakMb)>();
        foreach (var file in files)
        {
            var format = Path.GetExtension(file).TrimStart('.');
            for (var run = 0; run < runs; run++)
            {
                // Alternate who goes first, so neither always runs on a cold (or warm) page cache.
                var order = run % 2 == 0 ? new[] { "openaeo", "handwritten" } : ["handwritten", "openaeo"];
                foreach (var method in order)
                {
                    var (seconds, peak) = Child(method, file);
                    results.Add((format, method, seconds, peak));
                    Console.WriteLine($"  {format,-7} {method,-11} run {run + 1}: {seconds,7:N2} s, peak RSS {peak,7:N0} MB");
                }
            }
        }

        Console.WriteLine($"Load after: {Load()}");
        Console.WriteLine();
        Console.WriteLine($"| {rows:N0} declarations, apec1 by mode × channel × origin | OpenAeo (s) | hand-written DuckDB (s) | ratio | OpenAeo peak RSS (MB) | hand-written peak RSS (MB) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var format in Formats)
        {
            double Median(string method, Func<(string Format, string Method, double Seconds, double PeakMb), double> pick)
            {
                var values = results.Where(r => r.Format == format && r.Method == method).Select(pick).Order().ToList();
                return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
            }

            var openaeo = Median("openaeo", r => r.Seconds);
            var handwritten = Median("handwritten", r => r.Seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {format} (median of {runs}) | {openaeo:N2} | {handwritten:N2} | {openaeo / handwritten:N2} | {Median("openaeo", r => r.PeakMb):N0} | {Median("handwritten", r => r.PeakMb):N0} |"));
        }

        return 0;
    }

    /// <summary>One measurement, in this process: called as <c>trs-one METHOD FILE</c> by <see cref="Child"/>.</summary>
    public static int One(string method, string file)
    {
        var analytics = Analytics();
        var warmup = Path.Combine(Folder, "warmup" + Path.GetExtension(file));
        _ = method == "openaeo" ? OpenAeo(analytics, warmup) : HandWritten(analytics, warmup);
        var watch = Stopwatch.StartNew();
        var cells = method == "openaeo" ? OpenAeo(analytics, file) : HandWritten(analytics, file);
        watch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {watch.Elapsed.TotalSeconds} {PeakRssMb()} {cells}"));
        return 0;
    }

    private static int OpenAeo(AnalyticsDatabase analytics, string file)
    {
        var study = new StudyRequest("apec1", ["mode", "channel", "origin"], "2019-05-22", null, "2018-10-12", "2019-12-31", null, null, null, false, "Asia/Taipei")
            .ToDefinition().Value!;
        var input = RunStudy.Describe(file, Path.GetFileName(file), sha256: null);
        var result = RunStudy.Execute(new StudyEngine(analytics), file, input, study, strict: false, progress: null, CancellationToken.None);
        using var output = File.Create(Path.Combine(Folder, "openaeo-result.json"));
        JsonSerializer.Serialize(output, result, ReportDocument.Json);
        return result.Cells.Count;
    }

    private static int HandWritten(AnalyticsDatabase analytics, string file)
    {
        var source = file.EndsWith(".parquet", StringComparison.Ordinal)
            ? $"read_parquet({AnalyticsDatabase.Literal(file)})"
            : $"read_csv({AnalyticsDatabase.Literal(file)}, header = true, auto_detect = false, columns = {{" +
              string.Join(", ", StudyDefinition.EventColumns.Select(c => $"'{c}': '{(c.EndsWith("_at", StringComparison.Ordinal) ? "TIMESTAMPTZ" : "VARCHAR")}'")) + "})";
        var sql = EmbeddedSql.Fill(EmbeddedSql.Sections(typeof(StudyBenchmark), "HandWritten.sql")["study"], new Dictionary<string, string> { ["source"] = source });
        using var connection = analytics.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var groups = new HashSet<string>();
        while (reader.Read())
        {
            if (!reader.IsDBNull(3))
            {
                groups.Add($"{reader.GetValue(0)}|{reader.GetValue(1)}|{reader.GetValue(2)}");
            }
        }

        return groups.Count;
    }

    private static (double Seconds, double PeakMb) Child(string method, string file)
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
        return (double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
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
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static long Option(string[] args, string name, long fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? long.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
