namespace OpenAeo.Domain.TimeRelease;

/// <summary>The rate of change the report prints: <c>(after − before) / before × 100</c>.</summary>
public static class RateOfChange
{
    /// <summary>Null when either side has no records or before is 0 (no base to compare with); −100 when after is 0.</summary>
    public static double? Percent(double? before, double? after)
    {
        if (before is not { } b || after is not { } a || b == 0)
        {
            return null;
        }

        return a == 0 ? -100 : (a - b) / b * 100;
    }
}

/// <summary>The statistics of one side (before or after) of one cell. Every duration is in seconds.</summary>
/// <param name="N">Declarations with a valid duration.</param>
/// <param name="WithinTarget">Share (0–1) of declarations at or under the target, when a target is given.</param>
/// <param name="FlaggedExtreme">Declarations above the stage's extreme-value cap: counted and kept, never dropped.</param>
/// <param name="Censored">Declarations of this side not ended by the end of the data (not in <paramref name="N"/>).</param>
/// <param name="KmMedianSeconds">
/// The Kaplan–Meier median over the ended and the censored declarations (<see cref="KaplanMeier"/>): the median itself
/// when none is censored, null when too many are censored for the curve to reach one half.
/// </param>
public sealed record SideStatistics(
    long N,
    double? MeanSeconds,
    double? MedianSeconds,
    double? P10Seconds,
    double? P25Seconds,
    double? P75Seconds,
    double? P90Seconds,
    double? P95Seconds,
    double? MinSeconds,
    double? MaxSeconds,
    double? SdSeconds,
    double? WithinTarget,
    long FlaggedExtreme,
    long Censored = 0,
    double? KmMedianSeconds = null
)
{
    public static readonly SideStatistics NoRecords = new(0, null, null, null, null, null, null, null, null, null, null, null, 0);
}

/// <summary>
/// The reference definitions of the statistics: what the DuckDB engine must reproduce. Durations arrive as whole
/// microseconds (instants have microsecond precision), so sums are exact and only the final division rounds.
/// </summary>
public static class Statistics
{
    public const double MicrosPerSecond = 1_000_000;

    /// <summary>Quantiles with linear interpolation between closest ranks (numpy's default, DuckDB <c>quantile_cont</c>).</summary>
    public static double Quantile(IReadOnlyList<long> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            throw new ArgumentException("A quantile needs at least one value.", nameof(sorted));
        }

        var rank = (sorted.Count - 1) * q;
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return lower == upper ? sorted[lower] : sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
    }

    /// <param name="durationsMicros">The side's valid durations in microseconds, in any order.</param>
    /// <param name="targetSeconds">Share at or under this is <see cref="SideStatistics.WithinTarget"/>.</param>
    /// <param name="extremeCapSeconds">Durations beyond this (in absolute value, for signed stages) are flagged.</param>
    public static SideStatistics Compute(IEnumerable<long> durationsMicros, double? targetSeconds, double? extremeCapSeconds)
    {
        var sorted = durationsMicros.Order().ToArray();
        if (sorted.Length == 0)
        {
            return SideStatistics.NoRecords;
        }

        Int128 sum = 0;
        foreach (var d in sorted)
        {
            sum += d;
        }

        var n = sorted.Length;
        var mean = (double)sum / n;
        double? sd = null;
        if (n >= 2)
        {
            var squares = 0.0;
            foreach (var d in sorted)
            {
                squares += (d - mean) * (d - mean);
            }

            sd = Math.Sqrt(squares / (n - 1)) / MicrosPerSecond;
        }

        double? within = targetSeconds is { } target ? (double)sorted.Count(d => d <= target * MicrosPerSecond) / n : null;
        var extreme = extremeCapSeconds is { } cap ? sorted.Count(d => Math.Abs((double)d) > cap * MicrosPerSecond) : 0;
        return new SideStatistics(
            n,
            mean / MicrosPerSecond,
            Quantile(sorted, 0.5) / MicrosPerSecond,
            Quantile(sorted, 0.1) / MicrosPerSecond,
            Quantile(sorted, 0.25) / MicrosPerSecond,
            Quantile(sorted, 0.75) / MicrosPerSecond,
            Quantile(sorted, 0.9) / MicrosPerSecond,
            Quantile(sorted, 0.95) / MicrosPerSecond,
            sorted[0] / MicrosPerSecond,
            sorted[^1] / MicrosPerSecond,
            sd,
            within,
            extreme
        );
    }

    /// <summary>
    /// The largest error of an approximate quantile (ADR 0045), relative to the exact one: half a bin of
    /// <see cref="DurationBins"/> on the log scale (√1.005 − 1 ≈ 0.2497 %), plus <see cref="ApproximateSlackSeconds"/>
    /// for durations under a second (bin 0, read as its middle).
    /// </summary>
    public static readonly double ApproximateRelativeError = Math.Sqrt(DurationBins.Step) - 1;

    /// <summary>The absolute part of the bound: bin 0 holds [0, 1 s) and is read as 0.5 s.</summary>
    public const double ApproximateSlackSeconds = 0.5;

    /// <summary>
    /// The side's quantiles read off its duration bins instead of the sorted durations (<c>--approximate</c>, ADR 0045):
    /// the same closest-ranks interpolation as <see cref="Quantile"/>, with each order statistic replaced by the middle of
    /// its bin (geometric, on the log scale). Each order statistic is then off by at most <see cref="ApproximateRelativeError"/>
    /// of itself (or 0.5 s under a second), and so is the interpolation between two of them. The bins take memory per
    /// distinct bin (about 3,200 for 90 days), not per declaration; the mean, extremes and counts stay exact.
    /// </summary>
    public static SideStatistics Approximate(SideStatistics exact, IReadOnlyDictionary<int, long> bins)
    {
        if (exact.N == 0)
        {
            return exact;
        }

        var sorted = bins.Where(b => b.Value > 0).OrderBy(b => b.Key).ToList();
        double At(long index)
        {
            long passed = 0;
            foreach (var (bin, count) in sorted)
            {
                passed += count;
                if (index < passed)
                {
                    return Middle(bin);
                }
            }

            return Middle(sorted[^1].Key);
        }

        double Q(double q)
        {
            var rank = (exact.N - 1) * q;
            var lower = (long)Math.Floor(rank);
            var upper = (long)Math.Ceiling(rank);
            var low = At(lower);
            return lower == upper ? low : low + (rank - lower) * (At(upper) - low);
        }

        return exact with
        {
            MedianSeconds = Q(0.5),
            P10Seconds = Q(0.1),
            P25Seconds = Q(0.25),
            P75Seconds = Q(0.75),
            P90Seconds = Q(0.9),
            P95Seconds = Q(0.95),
        };
    }

    /// <summary>The middle of a bin in seconds: 0.5 s for bin 0, the geometric middle of a log bin, mirrored for a negative one.</summary>
    public static double Middle(int bin) =>
        bin < 0 ? -Middle(-1 - bin)
        : bin == 0 ? ApproximateSlackSeconds
        : Math.Sqrt(DurationBins.Lower(bin) * DurationBins.Upper(bin));
}
