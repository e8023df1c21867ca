namespace OpenAeo.Domain.TimeRelease;

/// <summary>
/// The Kaplan–Meier estimate of a side's median when some declarations were not released by the end of the data
/// (censored, ADR 0034). A censored declaration is known to take at least its time so far: it stays at risk until then
/// and is never counted as released. S(t) = Π over event times tᵢ ≤ t of (1 − dᵢ ÷ nᵢ), with nᵢ those still at risk at
/// tᵢ (released at or after tᵢ, or censored at or after tᵢ: a censoring tied with a release is at risk at that time).
/// </summary>
public static class KaplanMeier
{
    /// <summary>How close to one half S must be to count as exactly one half (the product rounds; the engines must agree).</summary>
    private const double Half = 1e-9;

    /// <summary>
    /// The median: the first time where S(t) ≤ ½; when S is exactly ½ from an event time to the next, the midpoint of the
    /// two (R's <c>survfit</c> convention), so without censoring it is the ordinary median. Null when S never reaches ½
    /// (too many censored declarations, or all of them).
    /// </summary>
    /// <param name="byTime">Per distinct duration (microseconds, ascending): declarations released then and censored then.</param>
    public static double? MedianSeconds(IReadOnlyList<(long Micros, long Released, long Censored)> byTime)
    {
        long atRisk = 0;
        foreach (var t in byTime)
        {
            atRisk += t.Released + t.Censored;
        }

        return MedianSeconds(byTime, atRisk);
    }

    /// <summary>
    /// The median of <paramref name="atRisk"/> declarations from a list that may leave out what cannot matter: releases
    /// after the median, and runs of releases with no censoring among them merged into one entry (any time inside the
    /// run) wherever S stays above ½. Between two censorings the product telescopes — Π (1 − dᵢ ÷ nᵢ) = n_end ÷ n_start —
    /// so S is computed as S at the last censoring × the declarations still at risk ÷ those at risk then: the same value,
    /// to the last bit, whether a run arrives as its distinct times or merged (how the engine avoids reading every
    /// distinct duration of a national file back, ADR 0034), and more exact than multiplying millions of factors.
    /// </summary>
    public static double? MedianSeconds(IReadOnlyList<(long Micros, long Released, long Censored)> byTime, long atRisk)
    {
        // S at the start of the current run of releases (just after the last censoring), and those at risk then.
        var survivalAtBase = 1.0;
        var atRiskAtBase = atRisk;
        for (var i = 0; i < byTime.Count; i++)
        {
            var (micros, released, censored) = byTime[i];
            atRisk -= released;
            var survival = survivalAtBase * atRisk / atRiskAtBase;
            if (released > 0)
            {
                if (Math.Abs(survival - 0.5) <= Half)
                {
                    // Flat at one half until the next release: the midpoint, or this time when there is none.
                    for (var j = i + 1; j < byTime.Count; j++)
                    {
                        if (byTime[j].Released > 0)
                        {
                            return (micros + byTime[j].Micros) / 2.0 / Statistics.MicrosPerSecond;
                        }
                    }

                    return micros / Statistics.MicrosPerSecond;
                }

                if (survival < 0.5)
                {
                    return micros / Statistics.MicrosPerSecond;
                }
            }

            if (censored > 0)
            {
                survivalAtBase = survival;
                atRiskAtBase = atRisk - censored;
                atRisk = atRiskAtBase;
                if (atRiskAtBase == 0)
                {
                    return null;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A duration the median cannot pass, from the side's released declarations per duration bin (<see cref="DurationBins"/>)
    /// and its total (released and censored): S_KM ≤ S_inf, the share not yet released, which is below ½ − 10⁻⁶ once more
    /// than (½ + 10⁻⁶) of the total were released — inside the first bin where that happens. The bound is the upper edge
    /// of the next bin (a bin's width to spare for rounding at the edge), in microseconds; null when S_inf never gets
    /// there (the median may be anywhere, or nowhere). Times above it cannot hold the median nor the release after it,
    /// so the engine leaves them out (their declarations still count in the total).
    /// </summary>
    public static long? MedianAtMostMicros(IReadOnlyDictionary<int, long>? releasedPerBin, long total)
    {
        if (releasedPerBin is null)
        {
            return null;
        }

        long released = 0;
        foreach (var (bin, count) in releasedPerBin.OrderBy(b => b.Key))
        {
            released += count;
            if (released > total * (0.5 + 1e-6))
            {
                var upper = DurationBins.Upper(bin + 1) * Statistics.MicrosPerSecond;
                return upper >= long.MaxValue ? null : (long)Math.Ceiling(upper);
            }
        }

        return null;
    }

    /// <summary>Groups durations (released or censored) by distinct value, ascending, for <c>MedianSeconds</c>.</summary>
    public static List<(long Micros, long Released, long Censored)> ByTime(IEnumerable<long> released, IEnumerable<long> censored) =>
        [
            .. released
                .Select(d => (d, Released: true))
                .Concat(censored.Select(d => (d, Released: false)))
                .GroupBy(x => x.d)
                .OrderBy(g => g.Key)
                .Select(g => (g.Key, (long)g.Count(x => x.Released), (long)g.Count(x => !x.Released))),
        ];
}
