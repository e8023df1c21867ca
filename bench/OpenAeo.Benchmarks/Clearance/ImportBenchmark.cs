using System.Diagnostics;
using System.Globalization;

namespace OpenAeo.Benchmarks.Clearance;

/// <summary>
/// <c>OpenAeo.Benchmarks clearance-import [--rows N]</c>: a timed harness (one run; BenchmarkDotNet would repeat a
/// multi-minute import). On a fresh SQLite database with the demo registry, agencies and rules, it generates N
/// declarations (<c>openaeo declarations generate</c>) and times <c>openaeo declarations import</c> of that file:
/// check every row, decide every lane, write declarations, items, agency cases and milestone events in one
/// transaction. Prints rows per second and the import process's peak RSS.
/// </summary>
internal static class ImportBenchmark
{
    public static int Run(string[] args)
    {
        var rows = args.Length >= 2 && args[0] == "--rows" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var folder = Directory.CreateTempSubdirectory("openaeo-bench-import-").FullName;
        try
        {
            OpenAeoProcess.Run(folder, "demo", "seed");
            var file = Path.Combine(folder, "declarations.csv");
            var generate = Stopwatch.StartNew();
            OpenAeoProcess.Run(
                folder,
                "declarations",
                "generate",
                "--count",
                rows.ToString(CultureInfo.InvariantCulture),
                "--seed",
                "2026",
                "--out",
                file
            );
            generate.Stop();
            var (seconds, peakMb, output) = Timed(folder, "declarations", "import", file);
            Console.WriteLine(output.Trim());
            Console.WriteLine(
                "| rows | file MB | generate s | import s | rows/s | peak RSS MB | load |\n|---|---|---|---|---|---|---|\n"
                    + string.Create(
                        CultureInfo.InvariantCulture,
                        $"| {rows:N0} | {new FileInfo(file).Length / 1e6:N0} | {generate.Elapsed.TotalSeconds:N1} | {seconds:N1} | "
                    )
                    + string.Create(
                        CultureInfo.InvariantCulture,
                        $"{rows / seconds:N0} | {peakMb:N0} | {File.ReadAllText("/proc/loadavg").Split(' ')[0]} |"
                    )
            );
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs the command, polling its peak resident set (VmHWM only grows, so the last reading is the peak).</summary>
    private static (double Seconds, double PeakMb, string Output) Timed(string folder, params string[] args)
    {
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(OpenAeoProcess.Info(folder, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peakKb = 0;
        while (!process.WaitForExit(100))
        {
            try
            {
                var line = File.ReadLines($"/proc/{process.Id}/status")
                    .FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                peakKb = line is null
                    ? peakKb
                    : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended between the check and the read.
            }
        }

        watch.Stop();
        return process.ExitCode == 0
            ? (watch.Elapsed.TotalSeconds, peakKb / 1024.0, output.Result)
            : throw new InvalidOperationException($"openaeo {string.Join(' ', args)}: {error.Result}");
    }
}
