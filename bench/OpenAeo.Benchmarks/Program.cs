using BenchmarkDotNet.Running;

namespace OpenAeo.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/OpenAeo.Benchmarks -- --filter '*'</c>, and
/// <c>… -- trs</c> for the time release study at 20 million declarations, <c>… -- clearance-import</c> for a
/// million declarations imported with their lanes, <c>… -- axe-census URL PASSWORD</c> for axe-core's
/// findings on every page each demo account reaches. Each benchmark class puts
/// OpenAeo next to the peer its issue names, in the same run, so the ratio column is the figure to report.
/// </summary>
internal static class BenchmarkProgram
{
    public static int Main(string[] args)
    {
        // The time release benchmark is a timed harness of its own (see StudyBenchmark); the rest is BenchmarkDotNet.
        switch (args.FirstOrDefault())
        {
            case "trs":
                return TimeRelease.StudyBenchmark.Run(args[1..]);
            case "clearance-import":
                return Clearance.ImportBenchmark.Run(args[1..]);
            case "insights":
                return Insights.KpiBenchmark.Run(args[1..]);
            case "soak":
                return Platform.Soak.Run(args[1..]);
            case "axe-census":
                return Platform.AxeCensus.Run(args[1..]);
            case "trs-one":
                return TimeRelease.StudyBenchmark.One(args[1], args[2]);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
                return 0;
        }
    }
}
