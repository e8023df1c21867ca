namespace OpenAeo.Domain.TimeRelease;

/// <summary>Declarations and their summed duration (whole microseconds, so sums are exact) and log duration.</summary>
public readonly record struct UnitSums(long N, Int128 SumMicros, double SumLog)
{
    public UnitSums Plus(long micros, double log) => new(N + 1, SumMicros + micros, SumLog + log);
}

/// <summary>What the intervals of one cell are computed from: per bootstrap unit, its channels' sums and its duration bins.</summary>
public sealed class CellCounts
{
    /// <summary>Key: period, unit, channel ("" when the declaration has none or the file has no channel column).</summary>
    public Dictionary<(Period Period, int Unit, string Channel), UnitSums> Channels { get; } = [];

    /// <summary>
    /// Per period, unit and bin: every bin (the reference calculation) or only the bins of the side's
    /// <see cref="MedianWindow"/>, with the rest counted in <see cref="MedianWindow.Below"/> and
    /// <see cref="MedianWindow.Above"/> (the engine). <see cref="Rigour"/> windows either the same way.
    /// </summary>
    public Dictionary<(Period Period, int Unit, int Bin), long> Bins { get; } = [];

    /// <summary>Per period, the side's declarations per bin (all units); filled from <see cref="Bins"/> when an engine did not.</summary>
    public Dictionary<Period, Dictionary<int, long>> Histograms { get; } = [];
}

/// <summary>
/// The bins a side's median can reach under resampling: the quantiles 0.5 ± min(0.5, 10/√n) of its histogram, about
/// twenty standard errors of the median either way for independent declarations (so still several for strongly
/// clustered ones). Only these bins are kept per bootstrap unit; the rest are counted as below or above, which keeps
/// the engine's counts at cells × units × a few dozen bins on national files (ADR 0021).
/// </summary>
public readonly record struct MedianWindow(int Low, int High)
{
    public const int Below = int.MinValue;
    public const int Above = int.MaxValue;

    public int Place(int bin) =>
        bin < Low ? Below
        : bin > High ? Above
        : bin;

    public static MedianWindow Of(IReadOnlyDictionary<int, long> histogram)
    {
        var n = histogram.Values.Sum();
        var bins = histogram.Where(b => b.Value > 0).Select(b => b.Key).Order().ToList();
        if (bins.Count == 0)
        {
            return new MedianWindow(0, 0);
        }

        var reach = Math.Min(0.5, 10 / Math.Sqrt(n));
        var low = Math.Max(1, (long)Math.Floor((0.5 - reach) * n));
        var high = Math.Min(n, (long)Math.Ceiling((0.5 + reach) * n));
        int? lowBin = null,
            highBin = null;
        long below = 0;
        foreach (var bin in bins)
        {
            below += histogram[bin];
            if (lowBin is null && below >= low)
            {
                lowBin = bin;
            }

            if (highBin is null && below >= high)
            {
                highBin = bin;
            }
        }

        return new MedianWindow(lowBin ?? bins[0], highBin ?? bins[^1]);
    }
}

/// <summary>One arm (treated or control) of a difference-in-differences: per unit and bin, and per month of the milestone.</summary>
public sealed class ArmCounts
{
    public Dictionary<(Period Period, int Unit, int Bin), UnitSums> Bins { get; } = [];

    /// <summary>Key: the milestone's month as year × 12 + month − 1, in the row's zone like its period.</summary>
    public Dictionary<(int Month, int Bin), long> Months { get; } = [];
}

/// <summary>
/// The sufficient statistics of every interval, decomposition and difference-in-differences of a study: bounded by
/// cells × bootstrap units × bins, not by rows. The reference calculation fills them row by row
/// (<see cref="Add"/>); the DuckDB engine fills them from one GROUP BY GROUPING SETS; <see cref="Rigour"/> turns them
/// into numbers, so both engines share one implementation of the methods and the tests compare the counts' results.
/// </summary>
public sealed class RigourCounts
{
    public Dictionary<IReadOnlyList<string?>, CellCounts> Cells { get; } = new(StudyResults.GroupComparer.Instance);

    public ArmCounts Treated { get; } = new();

    public ArmCounts Control { get; } = new();

    public CellCounts Cell(IReadOnlyList<string?> group)
    {
        if (!Cells.TryGetValue(group, out var cell))
        {
            cell = new CellCounts();
            Cells[group] = cell;
        }

        return cell;
    }

    /// <summary>Log of a duration in seconds, floored at one second so the log is defined (ADR 0021).</summary>
    public static double LogSeconds(long micros) => Math.Log(Math.Max(micros, 1_000_000L) / Statistics.MicrosPerSecond);

    /// <param name="arm">True treated, false control, null in neither arm (or no difference-in-differences).</param>
    public void Add(IReadOnlyList<string?> group, Period period, int unit, string? channel, bool? arm, int month, long durationMicros)
    {
        var cell = Cell(group);
        var bin = DurationBins.Of(durationMicros);
        var key = (period, unit, channel ?? "");
        cell.Channels[key] = cell.Channels.GetValueOrDefault(key).Plus(durationMicros, 0);
        cell.Bins[(period, unit, bin)] = cell.Bins.GetValueOrDefault((period, unit, bin)) + 1;
        if (!cell.Histograms.TryGetValue(period, out var histogram))
        {
            histogram = [];
            cell.Histograms[period] = histogram;
        }

        histogram[bin] = histogram.GetValueOrDefault(bin) + 1;
        if (arm is { } treated)
        {
            var counts = treated ? Treated : Control;
            counts.Bins[(period, unit, bin)] = counts
                .Bins.GetValueOrDefault((period, unit, bin))
                .Plus(durationMicros, LogSeconds(durationMicros));
            counts.Months[(month, bin)] = counts.Months.GetValueOrDefault((month, bin)) + 1;
        }
    }
}
