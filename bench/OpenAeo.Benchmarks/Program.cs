using BenchmarkDotNet.Running;

namespace OpenAeo.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/OpenAeo.Benchmarks -- --filter '*'</c>. Each benchmark class puts
/// OpenAeo next to the peer its issue names, in the same run, so the ratio column is the figure to report.
/// </summary>
internal static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
