using OpenAeo.Domain.TimeRelease;

namespace OpenAeo.Domain.Tests.TimeRelease;

/// <summary><c>--approximate</c> (ADR 0045): quantiles read off the duration bins, within a stated bound of the exact ones.</summary>
public class Approximate_quantiles
{
    private static Dictionary<int, long> Bins(IEnumerable<long> micros) =>
        micros.GroupBy(DurationBins.Of).ToDictionary(b => b.Key, b => (long)b.Count());

    private static SideStatistics WithoutQuantiles(SideStatistics stats) =>
        stats with
        {
            MedianSeconds = null,
            P10Seconds = null,
            P25Seconds = null,
            P75Seconds = null,
            P90Seconds = null,
            P95Seconds = null,
        };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 7)]
    [InlineData(3, 1_000)]
    [InlineData(4, 20_000)]
    public void Are_within_a_quarter_of_a_percent_or_half_a_second_of_the_exact_ones(int seed, int n)
    {
        var random = new Random(seed);
        // Log-normal around four hours with a long tail, a few under a second, and some ties.
        var durations = Enumerable
            .Range(0, n)
            .Select(_ =>
                random.Next(20) == 0 ? random.NextInt64(1_000_000) : (long)(Math.Exp(Math.Log(4 * 3600) + 1.2 * Normal(random)) * 1_000_000)
            )
            .ToList();
        var exact = Statistics.Compute(durations, null, null);
        var approximate = Statistics.Approximate(exact, Bins(durations));

        foreach (
            var (a, e) in new[]
            {
                (approximate.MedianSeconds, exact.MedianSeconds),
                (approximate.P10Seconds, exact.P10Seconds),
                (approximate.P25Seconds, exact.P25Seconds),
                (approximate.P75Seconds, exact.P75Seconds),
                (approximate.P90Seconds, exact.P90Seconds),
                (approximate.P95Seconds, exact.P95Seconds),
            }
        )
        {
            Math.Abs(a!.Value - e!.Value)
                .ShouldBeLessThanOrEqualTo(
                    Statistics.ApproximateRelativeError * Math.Abs(e.Value) + Statistics.ApproximateSlackSeconds + 1e-9
                );
        }

        WithoutQuantiles(approximate).ShouldBe(WithoutQuantiles(exact), "the mean, extremes and counts stay exact");
    }

    [Fact]
    public void Read_each_order_statistic_as_the_middle_of_its_bin()
    {
        // 100 s lies in bin 1 + floor(ln 100 / ln 1.005) = 924, whose middle is 1.005^923.5.
        var exact = Statistics.Compute([100_000_000], null, null);
        Statistics.Approximate(exact, Bins([100_000_000])).MedianSeconds!.Value.ShouldBe(Math.Pow(1.005, 923.5), 1e-9);
        Statistics.Middle(0).ShouldBe(0.5);
        Statistics.Middle(-925).ShouldBe(-Math.Pow(1.005, 923.5), 1e-9);
        Statistics.ApproximateRelativeError.ShouldBe(0.002497, 1e-6);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
